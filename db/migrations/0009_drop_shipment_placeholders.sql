DROP TABLE "buy_shipping_labels" CASCADE;--> statement-breakpoint
DROP TABLE "shipments" CASCADE;