import { formatPhone } from '@/lib/accounts/rules';

// Text of every gift notification. The giver's texts depend only on what the giver may know (G7).
const dateFmt = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' });
export const formatExpiry = (d: Date) => `${dateFmt.format(d)} ET`;

type Channel = 'email' | 'sms';

export function giftWaitingMessage(p: { channel: Channel; giverName: string; itemTitle: string; link: string; expiresAt: Date; giftMessage?: string | null }) {
  if (p.channel === 'sms')
    return { subject: undefined, body: `${p.giverName} sent you a gift on Prime Marketplace: ${p.itemTitle}. Accept it and choose where it ships by ${formatExpiry(p.expiresAt)}: ${p.link}` };
  return {
    subject: `${p.giverName} sent you a gift`,
    body: [
      `${p.giverName} sent you a gift: ${p.itemTitle}.`,
      p.giftMessage ? `\nTheir message: "${p.giftMessage}"\n` : '',
      `Open your gift to accept it and tell us where to ship it, or to decline it:`,
      p.link,
      ``,
      `The offer is open until ${formatExpiry(p.expiresAt)}. Your address is never shared with ${p.giverName}.`,
    ].join('\n'),
  };
}

export function giftReminderMessage(p: { channel: Channel; giverName: string; itemTitle: string; link: string; expiresAt: Date }) {
  if (p.channel === 'sms')
    return { subject: undefined, body: `Reminder: your gift from ${p.giverName} (${p.itemTitle}) expires ${formatExpiry(p.expiresAt)}. Open it: ${p.link}` };
  return {
    subject: `Your gift from ${p.giverName} expires soon`,
    body: `Your gift from ${p.giverName} (${p.itemTitle}) is still waiting. Open it before ${formatExpiry(p.expiresAt)}:\n${p.link}\n\nIf you do nothing it will expire and ${p.giverName} will not be charged.`,
  };
}

export type GiverOutcome = 'accepted' | 'declined' | 'expired' | 'not_completed';

// Same words whether the recipient shipped the gift or took it as a gift card.
export function giverOutcomeMessage(p: { channel: Channel; outcome: GiverOutcome; itemTitle: string; recipientLabel: string; orderUrl: string }) {
  const who = p.recipientLabel;
  const m = {
    accepted: { subject: 'Your gift was accepted', text: `Good news: ${who} accepted your gift (${p.itemTitle}). Your card has been charged.` },
    declined: { subject: 'Your gift was declined', text: `${who} declined your gift (${p.itemTitle}). Your card was not charged; the hold on it is being released.` },
    expired: { subject: 'Your gift offer expired', text: `${who} didn't respond to your gift (${p.itemTitle}) in time, so the offer expired. Your card was not charged; the hold on it is being released.` },
    not_completed: { subject: 'Your gift could not be completed', text: `We couldn't charge your card for your gift to ${who} (${p.itemTitle}), so the gift could not be completed. You were not charged.` },
  }[p.outcome];
  if (p.channel === 'sms') return { subject: undefined, body: `Prime Marketplace: ${m.text} ${p.orderUrl}` };
  return { subject: m.subject, body: `${m.text}\n\nOrder details: ${p.orderUrl}` };
}

export function recipientLabel(channel: Channel, contact: string) {
  return channel === 'sms' ? formatPhone(contact) : contact;
}
