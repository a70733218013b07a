import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { z } from 'zod';

export { US_STATES } from './us-states';

// Contacts are stored normalized: emails lower-cased and trimmed, phones in E.164.
export type Contact = { channel: 'email'; value: string } | { channel: 'sms'; value: string };

const emailSchema = z.email();

export function normalizeEmail(raw: string): string | null {
  const v = raw.trim().toLowerCase();
  return emailSchema.safeParse(v).success ? v : null;
}

// A US number that can receive SMS (mobile, or a number the metadata cannot tell apart from one).
export function normalizeUsMobile(raw: string): string | null {
  const p = parsePhoneNumberFromString(raw.trim(), 'US');
  if (!p || !p.isValid() || p.country !== 'US') return null;
  const type = p.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  return p.number;
}

// Accepts either an email address or a US mobile number typed by a person.
export function parseContact(raw: string): Contact | null {
  if (raw.includes('@')) {
    const email = normalizeEmail(raw);
    return email ? { channel: 'email', value: email } : null;
  }
  const phone = normalizeUsMobile(raw);
  return phone ? { channel: 'sms', value: phone } : null;
}

export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}


// For logs and for showing someone where a code went without repeating the whole contact.
export function maskContact(value: string): string {
  if (value.includes('@')) {
    const [local, domain] = value.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return `${value.slice(0, 2)}******${value.slice(-4)}`;
}


// G1/G11: gifting to an email or phone is for US Prime members.
export function giftingEligibility(user: { primeMember: boolean; countryCode: string }):
  | { eligible: true }
  | { eligible: false; reason: string } {
  if (!user.primeMember && user.countryCode !== 'US')
    return { eligible: false, reason: 'Sending a gift to an email address or phone number is available to Prime members in the US. Your account is not a Prime membership and is registered outside the US.' };
  if (!user.primeMember)
    return { eligible: false, reason: 'Sending a gift to an email address or phone number is a Prime benefit. Join Prime to let recipients provide their own address.' };
  if (user.countryCode !== 'US')
    return { eligible: false, reason: 'Sending a gift to an email address or phone number is available only to Prime members in the US.' };
  return { eligible: true };
}
