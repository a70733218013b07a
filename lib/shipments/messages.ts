import { formatDay } from './format';

// What the person a parcel goes to is told when its seller ships it (a label bought through Buy Shipping, or a
// tracking number recorded from elsewhere). Pure: the words are unit-tested. A gift's message goes to its recipient
// and carries no price; nothing here is ever sent to a gift's giver.

export type ShippedMessageInput = {
  channel: 'email' | 'sms';
  isGift: boolean;
  itemTitles: string[];
  serviceName: string;
  trackingId: string;
  promisedDeliveryDate: string | null; // YYYY-MM-DD, the order's recorded promise
  link: string; // the recipient's own page for this parcel
};

const oneLine = (t: string) => t.replace(/\s+/g, ' ').trim();
const items = (titles: string[]) => (titles.length <= 1 ? oneLine(titles[0] ?? 'your order') : `${oneLine(titles[0])} and ${titles.length - 1} more`);

export function shippedMessage(m: ShippedMessageInput): { subject: string; body: string } {
  const what = items(m.itemTitles);
  const whose = m.isGift ? 'your gift' : 'your order';
  const by = m.promisedDeliveryDate ? ` Arriving by ${formatDay(m.promisedDeliveryDate)}.` : '';
  if (m.channel === 'sms') {
    return { subject: `${m.isGift ? 'Your gift' : 'Your order'} is being shipped`, body: `Prime Marketplace: ${whose} (${what}) is being shipped with ${m.serviceName}, tracking ${m.trackingId}.${by} Track it: ${m.link}` };
  }
  return {
    subject: `${m.isGift ? 'Your gift' : 'Your order'} is being shipped: ${what}`,
    body: [
      `The seller is shipping ${whose} (${what}) with ${m.serviceName}.${by}`,
      `Tracking number: ${m.trackingId}. The carrier's scans appear on your ${m.isGift ? 'gift' : 'order'} page as they happen:`,
      m.link,
    ].join('\n\n'),
  };
}
