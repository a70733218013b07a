CREATE TABLE "seller_operations" (
	"seller_id" uuid PRIMARY KEY NOT NULL,
	"operating_days" smallint NOT NULL,
	"weekday_cutoff_min" time,
	"weekend_cutoff_min" time,
	"pickup_min" time,
	"pickup_before_cutoff" boolean NOT NULL,
	"enabled_services" text[] NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "seller_operations" ADD CONSTRAINT "seller_operations_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;