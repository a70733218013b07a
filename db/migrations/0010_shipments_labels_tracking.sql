CREATE TYPE "public"."shipment_source" AS ENUM('buy_shipping', 'external');--> statement-breakpoint
CREATE TYPE "public"."shipment_status" AS ENUM('label_created', 'picked_up', 'in_transit', 'out_for_delivery', 'delivery_attempted', 'delivered', 'returned_to_sender', 'lost', 'voided');--> statement-breakpoint
CREATE TYPE "public"."tracking_event_code" AS ENUM('ReadyForReceive', 'PickupDone', 'ArrivedAtCarrierFacility', 'Departed', 'OutForDelivery', 'DeliveryAttempted', 'Delivered', 'AvailableForPickup', 'Lost', 'Rejected', 'Undeliverable', 'PickupCancelled', 'ReturnInitiated');--> statement-breakpoint
CREATE TABLE "carrier_simulator_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"carrier_id" text NOT NULL,
	"tracking_id" text NOT NULL,
	"scenario" text NOT NULL,
	"event" jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "rate_quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"ship_date" text NOT NULL,
	"weight_oz" integer NOT NULL,
	"rates" jsonb NOT NULL,
	"ineligible_rates" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"source" "shipment_source" NOT NULL,
	"status" "shipment_status" DEFAULT 'label_created' NOT NULL,
	"carrier_id" text NOT NULL,
	"carrier_service_id" text,
	"service_name" text NOT NULL,
	"tracking_id" text NOT NULL,
	"quote_id" uuid,
	"rate_id" text,
	"purchase_key" text,
	"label_cost_cents" integer,
	"currency" text DEFAULT 'USD' NOT NULL,
	"billed_weight_oz" integer,
	"claims_protected" boolean DEFAULT false NOT NULL,
	"special_operating_plan" boolean DEFAULT false NOT NULL,
	"ship_date" text,
	"pickup_window_start" timestamp with time zone,
	"pickup_window_end" timestamp with time zone,
	"delivery_window_start" timestamp with time zone,
	"delivery_window_end" timestamp with time zone,
	"ship_from" jsonb,
	"first_scan_at" timestamp with time zone,
	"clock_stop_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"status_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	CONSTRAINT "shipments_label_cost_positive" CHECK ("shipments"."label_cost_cents" is null or "shipments"."label_cost_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "shipping_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"carrier_id" text NOT NULL,
	"tracking_id" text NOT NULL,
	"event_id" text NOT NULL,
	"event_code" "tracking_event_code" NOT NULL,
	"event_time" timestamp with time zone NOT NULL,
	"city" text,
	"state_or_region" text,
	"postal_code" text,
	"country_code" text,
	"message" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rate_quotes" ADD CONSTRAINT "rate_quotes_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_quotes" ADD CONSTRAINT "rate_quotes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_quote_id_rate_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."rate_quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_api_keys" ADD CONSTRAINT "shipping_api_keys_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_api_keys" ADD CONSTRAINT "shipping_api_keys_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "carrier_simulator_events_due_idx" ON "carrier_simulator_events" USING btree ("due_at") WHERE sent_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "carrier_simulator_events_event_key" ON "carrier_simulator_events" USING btree ("carrier_id","tracking_id",(event->>'eventId'));--> statement-breakpoint
CREATE INDEX "rate_quotes_seller_order_idx" ON "rate_quotes" USING btree ("seller_id","order_id","created_at");--> statement-breakpoint
CREATE INDEX "rate_quotes_expires_idx" ON "rate_quotes" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "shipments_order_idx" ON "shipments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "shipments_seller_created_idx" ON "shipments" USING btree ("seller_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_purchase_key" ON "shipments" USING btree ("purchase_key");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_carrier_tracking_key" ON "shipments" USING btree ("carrier_id","tracking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_one_live_per_order" ON "shipments" USING btree ("order_id","seller_id") WHERE voided_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "shipping_api_keys_token_hash_key" ON "shipping_api_keys" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "shipping_api_keys_seller_idx" ON "shipping_api_keys" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_event_key" ON "tracking_events" USING btree ("carrier_id","event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_natural_key" ON "tracking_events" USING btree ("carrier_id","tracking_id","event_code","event_time");--> statement-breakpoint
CREATE INDEX "tracking_events_tracking_idx" ON "tracking_events" USING btree ("carrier_id","tracking_id","event_time");