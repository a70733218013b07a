CREATE TYPE "public"."cancellation_actor" AS ENUM('seller', 'buyer', 'giver', 'recipient', 'marketplace', 'system');--> statement-breakpoint
CREATE TYPE "public"."label_source" AS ENUM('buy_shipping', 'external');--> statement-breakpoint
CREATE TYPE "public"."seller_account_entry_kind" AS ENUM('label_purchase', 'label_refund', 'customer_refund', 'customer_service_adjustment', 'safet_reimbursement');--> statement-breakpoint
CREATE TABLE "sfp_order_facts" (
	"order_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"purchased_at" timestamp with time zone NOT NULL,
	"is_prime" boolean DEFAULT false NOT NULL,
	"size_tier" "size_class" DEFAULT 'standard' NOT NULL,
	"expected_ship_date" date,
	"promised_delivery_date" date,
	"latest_ship_at" timestamp with time zone,
	"promised_delivery_by" timestamp with time zone,
	"carrier" text,
	"carrier_service_id" text,
	"ship_method" text,
	"tracking_id" text,
	"label_source" "label_source",
	"special_operating_plan" boolean DEFAULT false NOT NULL,
	"claims_protected" boolean DEFAULT false NOT NULL,
	"first_scan_at" timestamp with time zone,
	"clock_stop_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_actor" "cancellation_actor",
	"cancel_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sfp_order_facts_order_id_seller_id_pk" PRIMARY KEY("order_id","seller_id")
);
--> statement-breakpoint
CREATE TABLE "seller_account_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"seller_id" uuid NOT NULL,
	"kind" "seller_account_entry_kind" NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"order_id" uuid,
	"reference" text,
	"description" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seller_account_entries_nonzero" CHECK ("seller_account_entries"."amount_cents" <> 0)
);
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_recipient_user_id_users_id_fk";
--> statement-breakpoint
DROP INDEX "orders_recipient_idx";--> statement-breakpoint
ALTER TABLE "sfp_order_facts" ADD CONSTRAINT "sfp_order_facts_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_account_entries" ADD CONSTRAINT "seller_account_entries_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sfp_order_facts_seller_promise_idx" ON "sfp_order_facts" USING btree ("seller_id","promised_delivery_date");--> statement-breakpoint
CREATE INDEX "sfp_order_facts_seller_ship_idx" ON "sfp_order_facts" USING btree ("seller_id","expected_ship_date");--> statement-breakpoint
CREATE UNIQUE INDEX "seller_account_entries_idempotency_key" ON "seller_account_entries" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "seller_account_entries_seller_created_idx" ON "seller_account_entries" USING btree ("seller_id","created_at","id");--> statement-breakpoint
ALTER TABLE "orders" DROP COLUMN "ship_to_name";--> statement-breakpoint
ALTER TABLE "orders" DROP COLUMN "ship_to_line1";--> statement-breakpoint
ALTER TABLE "orders" DROP COLUMN "ship_to_line2";--> statement-breakpoint
ALTER TABLE "orders" DROP COLUMN "ship_to_city";--> statement-breakpoint
ALTER TABLE "orders" DROP COLUMN "ship_to_state";--> statement-breakpoint
ALTER TABLE "orders" DROP COLUMN "ship_to_zip";--> statement-breakpoint
ALTER TABLE "orders" DROP COLUMN "recipient_user_id";