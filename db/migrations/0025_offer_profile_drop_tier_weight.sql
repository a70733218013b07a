ALTER TABLE "offer_shipping_profiles" DROP COLUMN "weight_oz";--> statement-breakpoint
ALTER TABLE "offer_shipping_profiles" DROP COLUMN "size_tier";