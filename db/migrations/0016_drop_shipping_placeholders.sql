DROP TABLE "carrier_services" CASCADE;--> statement-breakpoint
DROP TABLE "order_handling_cutoffs" CASCADE;--> statement-breakpoint
DROP TABLE "seller_carrier_services" CASCADE;--> statement-breakpoint
DROP TABLE "shipping_template_regions" CASCADE;--> statement-breakpoint
DROP TABLE "shipping_templates" CASCADE;