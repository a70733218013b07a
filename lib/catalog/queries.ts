import 'server-only';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { offers, sellers } from '@/db/schema';

const offerFields = {
  id: offers.id,
  slug: offers.slug,
  title: offers.title,
  description: offers.description,
  imageUrl: offers.imageUrl,
  priceCents: offers.priceCents,
  currency: offers.currency,
  stock: offers.stock,
  sizeClass: offers.sizeClass,
  sellerId: sellers.id,
  sellerName: sellers.displayName,
  sellerUserId: sellers.userId,
  active: offers.active,
  // The badge shows only while the seller is Prime eligible (SPEC S2/S4).
  prime: sellers.primeEligible,
};

export type OfferSummary = { id: string; slug: string; title: string; description: string; imageUrl: string; priceCents: number; currency: string; stock: number; sizeClass: 'standard' | 'oversize'; sellerId: string; sellerName: string; sellerUserId: string; active: boolean; prime: boolean };

export async function listOffers({ page, pageSize = 12 }: { page: number; pageSize?: number }) {
  const db = await getDb();
  const [items, [{ total }]] = await Promise.all([
    db
      .select(offerFields)
      .from(offers)
      .innerJoin(sellers, eq(sellers.id, offers.sellerId))
      .where(eq(offers.active, true))
      .orderBy(desc(offers.createdAt), offers.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(offers).where(eq(offers.active, true)),
  ]);
  return { items: items as OfferSummary[], total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export async function getOfferBySlug(slug: string): Promise<OfferSummary | null> {
  const db = await getDb();
  const [o] = await db
    .select(offerFields)
    .from(offers)
    .innerJoin(sellers, eq(sellers.id, offers.sellerId))
    .where(and(eq(offers.slug, slug), eq(offers.active, true)))
    .limit(1);
  return (o as OfferSummary) ?? null;
}

export async function getOfferById(id: string): Promise<OfferSummary | null> {
  const db = await getDb();
  const [o] = await db.select(offerFields).from(offers).innerJoin(sellers, eq(sellers.id, offers.sellerId)).where(eq(offers.id, id)).limit(1);
  return (o as OfferSummary) ?? null;
}

export type OfferCard = { imageUrl: string; slug: string; weightOz: number };

// What other domains show or need of offers they refer to (an order's lines), set-based, by offer id: image, link,
// and the shipping weight.
export async function getOfferCards(offerIds: string[]): Promise<Map<string, OfferCard>> {
  const out = new Map<string, OfferCard>();
  if (offerIds.length === 0) return out;
  const db = await getDb();
  const rows = await db
    .select({ id: offers.id, imageUrl: offers.imageUrl, slug: offers.slug, weightOz: offers.weightOz })
    .from(offers)
    .where(inArray(offers.id, [...new Set(offerIds)]));
  for (const { id, ...card } of rows) out.set(id, card);
  return out;
}
