CREATE TABLE "seller_combined_coverage" (
	"seller_id" uuid PRIMARY KEY NOT NULL,
	"templates_key" text NOT NULL,
	"one_day_share" double precision NOT NULL,
	"two_day_share" double precision NOT NULL,
	"missing_states" text[] NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "seller_combined_coverage" ADD CONSTRAINT "seller_combined_coverage_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;