import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

export { US_STATES } from './us-states';

// Contacts are stored normalized: emails lower-cased and trimmed, phones in E.164.
export type Contact = { channel: 'email'; value: string } | { channel: 'sms'; value: string };

// What mail servers accept (RFC 5321/5322 as they are deployed), and for everything refused, a sentence saying why:
// a gift email that bounces leaves the giver's card held for days with nobody told.
// Local part: a dot-atom of the RFC's "atext" characters (letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~),
// at most 64 characters. Quoted local parts and non-ASCII local parts (SMTPUTF8) are refused: most providers do.
// Domain: internationalized names are converted to punycode with the WHATWG "domain to ASCII" algorithm (`new URL`,
// which is what Node's url.domainToASCII runs, and which also runs in the browser); each label is letters, digits and
// hyphens, 1-63 characters, not starting or ending with a hyphen; the whole address is at most 254 characters.
export const EMAIL_LOCAL_MAX = 64;
export const EMAIL_MAX = 254;
const ATEXT = /^[a-z0-9!#$%&'*+\-/=?^_`{|}~]+$/i;
const LDH_LABEL = /^[a-z0-9-]+$/;

export type EmailCheck = { ok: true; value: string } | { ok: false; reason: string };

/** The ASCII (punycode) form of a domain name, or null when it is not one. */
export function domainToAscii(domain: string): string | null {
  // Characters that would make the URL parser read something other than a host.
  if (domain === '' || /[\s/?#@:\\[\]%]/.test(domain)) return null;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

export function checkEmail(raw: string): EmailCheck {
  const v = raw.trim();
  if (/\s/.test(v)) return { ok: false, reason: 'An email address can’t contain spaces.' };
  const at = v.lastIndexOf('@');
  if (at < 0) return { ok: false, reason: 'An email address needs an @, like name@example.com.' };
  const local = v.slice(0, at).toLowerCase();
  const domain = v.slice(at + 1);
  if (local === '') return { ok: false, reason: 'Enter the part of the address before the @.' };
  if (domain === '') return { ok: false, reason: 'Enter the domain after the @, like example.com.' };
  if (local.startsWith('"')) return { ok: false, reason: 'Addresses with quotation marks aren’t accepted by most mail servers. Check the address.' };
  if (local.includes('@')) return { ok: false, reason: 'An email address has only one @.' };
  if (local.length > EMAIL_LOCAL_MAX) return { ok: false, reason: `The part before the @ can be at most ${EMAIL_LOCAL_MAX} characters (this one has ${local.length}).` };
  if (/[^\x00-\x7f]/.test(local)) return { ok: false, reason: 'The part before the @ can use only English letters, digits and . ! # $ % & \' * + - / = ? ^ _ ` { | } ~ (most mail servers refuse other characters there).' };
  if (!ATEXT.test(local.replaceAll('.', ''))) return { ok: false, reason: 'The part before the @ can use only letters, digits and . ! # $ % & \' * + - / = ? ^ _ ` { | } ~.' };
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return { ok: false, reason: 'The part before the @ can’t start or end with a dot, or have two dots in a row.' };
  if (domain.startsWith('[')) return { ok: false, reason: 'Use a domain name after the @, not an IP address.' };
  if (domain.startsWith('.') || domain.endsWith('.') || /\.\./.test(domain)) return { ok: false, reason: 'The domain can’t start or end with a dot, or have two dots in a row.' };
  const ascii = domainToAscii(domain);
  if (ascii === null || ascii === '') return { ok: false, reason: `“${domain}” is not a valid domain name.` };
  const labels = ascii.split('.');
  if (labels.length < 2) return { ok: false, reason: 'The domain needs a dot, like example.com.' };
  for (const label of labels) {
    if (label === '') return { ok: false, reason: 'The domain can’t start or end with a dot, or have two dots in a row.' };
    if (label.length > 63) return { ok: false, reason: `Each part of the domain can be at most 63 characters (“${label.slice(0, 12)}…” has ${label.length}).` };
    if (!LDH_LABEL.test(label)) return { ok: false, reason: `The domain can use only letters, digits, hyphens and dots (“${label}” can’t be part of a domain).` };
    if (label.startsWith('-') || label.endsWith('-')) return { ok: false, reason: `A part of the domain can’t start or end with a hyphen (“${label}”).` };
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return { ok: false, reason: 'Use a domain name after the @, not an IP address.' };
  const value = `${local}@${ascii}`;
  if (value.length > EMAIL_MAX) return { ok: false, reason: `An email address can be at most ${EMAIL_MAX} characters (this one has ${value.length}).` };
  return { ok: true, value };
}

export function normalizeEmail(raw: string): string | null {
  const c = checkEmail(raw);
  return c.ok ? c.value : null;
}

// A US number that can receive SMS (mobile, or a number the metadata cannot tell apart from one).
export function normalizeUsMobile(raw: string): string | null {
  const p = parsePhoneNumberFromString(raw.trim(), 'US');
  if (!p || !p.isValid() || p.country !== 'US') return null;
  const type = p.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  return p.number;
}

// Accepts either an email address or a US mobile number typed by a person, or says why not.
export function checkContact(raw: string): { ok: true; contact: Contact } | { ok: false; reason: string } {
  if (raw.includes('@')) {
    const email = checkEmail(raw);
    return email.ok ? { ok: true, contact: { channel: 'email', value: email.value } } : email;
  }
  const phone = normalizeUsMobile(raw);
  return phone ? { ok: true, contact: { channel: 'sms', value: phone } } : { ok: false, reason: 'Enter a valid US mobile number, like (201) 555-0123.' };
}

export function parseContact(raw: string): Contact | null {
  const c = checkContact(raw);
  return c.ok ? c.contact : null;
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
