CREATE TYPE "public"."promise_level" AS ENUM('one_day', 'two_day', 'standard');--> statement-breakpoint
CREATE TYPE "public"."region_kind" AS ENUM('state', 'zip3');--> statement-breakpoint
CREATE TYPE "public"."weekend_capability" AS ENUM('yes', 'limited', 'no');--> statement-breakpoint
CREATE TABLE "carrier_services" (
	"id" text PRIMARY KEY NOT NULL,
	"carrier" text NOT NULL,
	"name" text NOT NULL,
	"transit_days" smallint[] NOT NULL,
	"delivery_weekdays" smallint[] NOT NULL,
	"saturday_pickup" "weekend_capability" NOT NULL,
	"saturday_drop_off" "weekend_capability" NOT NULL,
	"sunday_pickup" "weekend_capability" NOT NULL,
	"sunday_drop_off" "weekend_capability" NOT NULL,
	"special_operating_plan" boolean DEFAULT false NOT NULL,
	"rate_base_cents" integer NOT NULL,
	"rate_per_zone_cents" integer NOT NULL,
	"rate_per_lb_cents" integer NOT NULL,
	"max_weight_lb" smallint DEFAULT 150 NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offer_shipping_profiles" (
	"offer_id" uuid PRIMARY KEY NOT NULL,
	"seller_id" uuid NOT NULL,
	"length_in" real NOT NULL,
	"width_in" real NOT NULL,
	"height_in" real NOT NULL,
	"weight_oz" integer NOT NULL,
	"size_tier" "size_class" NOT NULL,
	"template_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_handling_cutoffs" (
	"ship_from_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"carrier" text NOT NULL,
	"weekday" smallint NOT NULL,
	"operating" boolean DEFAULT true NOT NULL,
	"order_cutoff" time NOT NULL,
	"last_pickup" time NOT NULL,
	CONSTRAINT "order_handling_cutoffs_ship_from_id_carrier_weekday_pk" PRIMARY KEY("ship_from_id","carrier","weekday"),
	CONSTRAINT "order_handling_cutoffs_weekday" CHECK ("order_handling_cutoffs"."weekday" BETWEEN 0 AND 6)
);
--> statement-breakpoint
CREATE TABLE "order_promises" (
	"order_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"ship_from_id" uuid,
	"level" "promise_level" NOT NULL,
	"carrier_service_id" text,
	"zone" smallint NOT NULL,
	"destination_zip3" char(3) NOT NULL,
	"expected_ship_date" date NOT NULL,
	"latest_ship_at" timestamp with time zone NOT NULL,
	"promised_delivery_date" date NOT NULL,
	"promised_delivery_by" timestamp with time zone NOT NULL,
	"is_prime" boolean NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_promises_order_id_seller_id_pk" PRIMARY KEY("order_id","seller_id")
);
--> statement-breakpoint
CREATE TABLE "seller_carrier_services" (
	"seller_id" uuid NOT NULL,
	"carrier_service_id" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"max_zone" smallint DEFAULT 8 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seller_carrier_services_seller_id_carrier_service_id_pk" PRIMARY KEY("seller_id","carrier_service_id"),
	CONSTRAINT "seller_carrier_services_zone" CHECK ("seller_carrier_services"."max_zone" BETWEEN 1 AND 8)
);
--> statement-breakpoint
CREATE TABLE "ship_from_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"name" text NOT NULL,
	"line1" text NOT NULL,
	"line2" text,
	"city" text NOT NULL,
	"state" char(2) NOT NULL,
	"zip" text NOT NULL,
	"zip3" char(3) NOT NULL,
	"time_zone" text NOT NULL,
	"saturday_operations" boolean DEFAULT false NOT NULL,
	"sunday_operations" boolean DEFAULT false NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipping_template_regions" (
	"template_id" uuid NOT NULL,
	"kind" "region_kind" NOT NULL,
	"code" text NOT NULL,
	"level" "promise_level" NOT NULL,
	CONSTRAINT "shipping_template_regions_template_id_kind_code_pk" PRIMARY KEY("template_id","kind","code")
);
--> statement-breakpoint
CREATE TABLE "shipping_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"name" text NOT NULL,
	"size_tier" "size_class" DEFAULT 'standard' NOT NULL,
	"ship_from_id" uuid NOT NULL,
	"automated" boolean DEFAULT false NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"one_day_share" double precision DEFAULT 0 NOT NULL,
	"two_day_share" double precision DEFAULT 0 NOT NULL,
	"nationwide" boolean DEFAULT false NOT NULL,
	"missing_states" text[] DEFAULT '{}'::text[] NOT NULL,
	"coverage_computed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "template_zip3_promises" (
	"template_id" uuid NOT NULL,
	"zip3" char(3) NOT NULL,
	"level" "promise_level" NOT NULL,
	"carrier_service_id" text NOT NULL,
	"zone" smallint NOT NULL,
	"transit_days" smallint NOT NULL,
	CONSTRAINT "template_zip3_promises_template_id_zip3_pk" PRIMARY KEY("template_id","zip3")
);
--> statement-breakpoint
ALTER TABLE "offer_shipping_profiles" ADD CONSTRAINT "offer_shipping_profiles_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_shipping_profiles" ADD CONSTRAINT "offer_shipping_profiles_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_shipping_profiles" ADD CONSTRAINT "offer_shipping_profiles_template_id_shipping_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."shipping_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_handling_cutoffs" ADD CONSTRAINT "order_handling_cutoffs_ship_from_id_ship_from_locations_id_fk" FOREIGN KEY ("ship_from_id") REFERENCES "public"."ship_from_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_handling_cutoffs" ADD CONSTRAINT "order_handling_cutoffs_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_promises" ADD CONSTRAINT "order_promises_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_promises" ADD CONSTRAINT "order_promises_ship_from_id_ship_from_locations_id_fk" FOREIGN KEY ("ship_from_id") REFERENCES "public"."ship_from_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_promises" ADD CONSTRAINT "order_promises_carrier_service_id_carrier_services_id_fk" FOREIGN KEY ("carrier_service_id") REFERENCES "public"."carrier_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_carrier_services" ADD CONSTRAINT "seller_carrier_services_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_carrier_services" ADD CONSTRAINT "seller_carrier_services_carrier_service_id_carrier_services_id_fk" FOREIGN KEY ("carrier_service_id") REFERENCES "public"."carrier_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ship_from_locations" ADD CONSTRAINT "ship_from_locations_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_template_regions" ADD CONSTRAINT "shipping_template_regions_template_id_shipping_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."shipping_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_templates" ADD CONSTRAINT "shipping_templates_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_templates" ADD CONSTRAINT "shipping_templates_ship_from_id_ship_from_locations_id_fk" FOREIGN KEY ("ship_from_id") REFERENCES "public"."ship_from_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_zip3_promises" ADD CONSTRAINT "template_zip3_promises_template_id_shipping_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."shipping_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_zip3_promises" ADD CONSTRAINT "template_zip3_promises_carrier_service_id_carrier_services_id_fk" FOREIGN KEY ("carrier_service_id") REFERENCES "public"."carrier_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_shipping_profiles_seller_idx" ON "offer_shipping_profiles" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "offer_shipping_profiles_template_idx" ON "offer_shipping_profiles" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "order_handling_cutoffs_seller_idx" ON "order_handling_cutoffs" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "order_promises_seller_ship_idx" ON "order_promises" USING btree ("seller_id","expected_ship_date");--> statement-breakpoint
CREATE INDEX "ship_from_locations_seller_idx" ON "ship_from_locations" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE INDEX "shipping_templates_seller_idx" ON "shipping_templates" USING btree ("seller_id","size_tier","created_at");