import 'server-only';
import type { Database } from '@/db';
import { getUserContacts } from '@/lib/accounts/queries';
import { config } from '@/lib/config';
import { enqueueMessage } from '@/lib/notifications/outbox';
import { shippedMessage } from './messages';

// Tells the person the parcel goes to (lib/fulfilment's destination is keyed to them: the buyer of an own order, the
// recipient of an accepted gift, never the giver) that it is being shipped, with its tracking number. Written to the
// outbox in the caller's transaction, the one that creates the shipment: the message exists if and only if the
// shipment does. By email when the account has one, else by text.
export async function enqueueShippedNotice(
  tx: Database,
  p: { orderId: string; recipientUserId: string; isGift: boolean; itemTitles: string[]; serviceName: string; trackingId: string; promisedDeliveryDate: string | null },
): Promise<void> {
  const contact = (await getUserContacts([p.recipientUserId], tx)).get(p.recipientUserId);
  const channel = contact?.email ? 'email' : contact?.phone ? 'sms' : null;
  if (!contact || !channel) return;
  const link = `${config().appUrl}${p.isGift ? `/account/received/${p.orderId}` : `/orders/${p.orderId}`}`;
  const msg = shippedMessage({ channel, isGift: p.isGift, itemTitles: p.itemTitles, serviceName: p.serviceName, trackingId: p.trackingId, promisedDeliveryDate: p.promisedDeliveryDate, link });
  await enqueueMessage(tx, {
    channel,
    recipient: channel === 'email' ? contact.email! : contact.phone!,
    template: p.isGift ? 'gift_shipped' : 'order_shipped',
    ...(channel === 'email' ? { subject: msg.subject } : {}),
    body: msg.body,
    meta: { link },
  });
}
