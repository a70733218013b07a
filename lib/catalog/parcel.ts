import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { offers } from '@/db/schema';

// An offer's parcel as the rest of the product reads it: its size tier (which Prime template and promise apply) and
// its shipping weight (what Buy Shipping quotes). The catalog's offers row is the one place they are stored; the
// shipping settings compute them from the seller's dimensions and weight and write them here, nowhere else.

export type SizeTier = 'standard' | 'oversize';

// Sets the parcel of one of the seller's offers, in the caller's transaction. False when the offer is not the
// seller's (or does not exist): the caller answers "not found".
export async function setOfferParcel(tx: Database, p: { sellerId: string; offerId: string; sizeTier: SizeTier; weightOz: number }): Promise<boolean> {
  const [row] = await tx
    .update(offers)
    .set({ sizeClass: p.sizeTier, weightOz: p.weightOz })
    .where(and(eq(offers.id, p.offerId), eq(offers.sellerId, p.sellerId)))
    .returning({ id: offers.id });
  return !!row;
}
