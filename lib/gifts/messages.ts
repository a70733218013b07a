import { domainToUnicode } from 'node:url';
import { formatPhone } from '@/lib/accounts/rules';
import { clampText, unlinkable } from '@/lib/notifications/rules';
import { normalizeLineBreaks, oneLine } from '@/lib/text';
import { GIFT_MESSAGE_MAX } from './rules';

// Text of every gift notification. The giver's texts depend only on what the giver may know (G7).
const dateFmt = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' });
export const formatExpiry = (d: Date) => `${dateFmt.format(d)} ET`;

type Channel = 'email' | 'sms';

// What a giver wrote reaches a stranger through our own email and SMS: plain text, one line for the name, bounded,
// and with nothing an auto-linker could turn into a link (see unlinkable), whatever was stored before these rules.
export const GIVER_NAME_IN_MESSAGES_MAX = 60;
export const giverNameForMessages = (name: string) => unlinkable(clampText(oneLine(name), GIVER_NAME_IN_MESSAGES_MAX)) || 'Someone';
export const giftMessageForMessages = (message: string) =>
  unlinkable(
    clampText(
      normalizeLineBreaks(message)
        .split('\n')
        .map((l) => oneLine(l))
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
      GIFT_MESSAGE_MAX,
    ),
  );

export function giftWaitingMessage(p: { channel: Channel; giverName: string; itemTitle: string; link: string; expiresAt: Date; giftMessage?: string | null }) {
  const giver = giverNameForMessages(p.giverName);
  const message = p.giftMessage ? giftMessageForMessages(p.giftMessage) : '';
  if (p.channel === 'sms')
    return {
      subject: undefined,
      body: `${giver} sent you a gift on Prime Marketplace: ${p.itemTitle}. Accept it and choose where it ships, take a gift card instead, or decline, by ${formatExpiry(p.expiresAt)}: ${p.link}`,
    };
  return {
    subject: `${giver} sent you a gift`,
    body: [
      `${giver} sent you a gift: ${p.itemTitle}.`,
      message ? `\nTheir message:\n${message}\n` : '',
      `Open your gift to accept it and tell us where to ship it, to take a gift card of the same value instead, or to decline it:`,
      p.link,
      ``,
      `The offer is open until ${formatExpiry(p.expiresAt)}. Your address is never shared with ${giver}, and they are not told if you choose a gift card.`,
    ].join('\n'),
  };
}

export function giftReminderMessage(p: { channel: Channel; giverName: string; itemTitle: string; link: string; expiresAt: Date }) {
  const giver = giverNameForMessages(p.giverName);
  if (p.channel === 'sms')
    return { subject: undefined, body: `Reminder: your gift from ${giver} (${p.itemTitle}) expires ${formatExpiry(p.expiresAt)}. Accept it, take a gift card, or decline: ${p.link}` };
  return {
    subject: `Your gift from ${giver} expires soon`,
    body: `Your gift from ${giver} (${p.itemTitle}) is still waiting. Open it before ${formatExpiry(p.expiresAt)} to accept it, take a gift card of the same value instead, or decline it:\n${p.link}\n\nIf you do nothing it will expire and ${giver} will not be charged.`,
  };
}

export type GiverOutcome = 'accepted' | 'declined' | 'expired' | 'not_completed' | 'undelivered';

// Same words whether the recipient shipped the gift or took it as a gift card.
export function giverOutcomeMessage(p: { channel: Channel; outcome: GiverOutcome; itemTitle: string; recipientLabel: string; recipientChannel?: Channel; orderUrl: string }) {
  const who = p.recipientLabel;
  const m = {
    accepted: { subject: 'Your gift was accepted', text: `Good news: ${who} accepted your gift (${p.itemTitle}). Your card has been charged.` },
    declined: { subject: 'Your gift was declined', text: `${who} declined your gift (${p.itemTitle}). Your card was not charged; the hold on it is being released.` },
    expired: { subject: 'Your gift offer expired', text: `${who} didn't respond to your gift (${p.itemTitle}) in time, so the offer expired. Your card was not charged; the hold on it is being released.` },
    not_completed: { subject: 'Your gift could not be completed', text: `We couldn't charge your card for your gift to ${who} (${p.itemTitle}), so the gift could not be completed. You were not charged.` },
    undelivered: {
      subject: 'We couldn’t deliver your gift',
      text: `We couldn't deliver your gift to ${who}; your card was not charged. The ${p.recipientChannel === 'sms' ? 'text' : 'email'} telling them about it (${p.itemTitle}) could not be delivered, so the gift was cancelled and the hold on your card is being released. Check the ${p.recipientChannel === 'sms' ? 'number' : 'address'} and send it again.`,
    },
  }[p.outcome];
  if (p.channel === 'sms') return { subject: undefined, body: `Prime Marketplace: ${m.text} ${p.orderUrl}` };
  return { subject: m.subject, body: `${m.text}\n\nOrder details: ${p.orderUrl}` };
}

/** The recipient's contact as the giver typed it: a phone formatted, an internationalized domain shown as letters. */
export function recipientLabel(channel: Channel, contact: string) {
  if (channel === 'sms') return formatPhone(contact);
  const at = contact.lastIndexOf('@');
  const unicode = domainToUnicode(contact.slice(at + 1));
  return `${contact.slice(0, at)}@${unicode || contact.slice(at + 1)}`;
}
