CREATE TYPE "public"."prime_metric" AS ENUM('on_time_shipment', 'on_time_delivery', 'valid_tracking', 'cancellation', 'buy_shipping', 'one_day_speed', 'two_day_speed', 'nationwide_coverage', 'weekend_operations', 'weekend_delivery', 'cutoff_compliance');--> statement-breakpoint
CREATE TYPE "public"."prime_status_cause" AS ENUM('trial_started', 'trial_passed', 'trial_failed', 'revoked', 'plan_approved');--> statement-breakpoint
CREATE TABLE "prime_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"from_status" "prime_program_status" NOT NULL,
	"to_status" "prime_program_status" NOT NULL,
	"cause" "prime_status_cause" NOT NULL,
	"evaluation_id" uuid,
	"plan_id" uuid,
	"actor_user_id" uuid,
	"failing" "prime_metric"[] DEFAULT '{}'::prime_metric[] NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plans_of_action" ADD COLUMN "revocation_id" uuid;--> statement-breakpoint
ALTER TABLE "plans_of_action" ADD COLUMN "snapshot" jsonb;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "phase" "prime_program_status" DEFAULT 'not_enrolled' NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "window_start" date;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "as_of" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "on_time_shipment_num" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "on_time_shipment_den" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "on_time_delivery_num" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "on_time_delivery_den" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "valid_tracking_num" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "valid_tracking_den" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "cancellation_num" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "cancellation_den" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "buy_shipping_num" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "buy_shipping_den" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "one_day_num" bigint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "one_day_den" bigint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "two_day_num" bigint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "two_day_den" bigint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "nationwide_num" smallint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "nationwide_den" smallint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "weekend_ops_num" smallint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "weekend_ops_den" smallint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "weekend_delivery_num" smallint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "weekend_delivery_den" smallint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "cutoff_num" smallint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "cutoff_den" smallint;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "thresholds" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD COLUMN "failing" "prime_metric"[] DEFAULT '{}'::prime_metric[] NOT NULL;--> statement-breakpoint
ALTER TABLE "prime_status_changes" ADD CONSTRAINT "prime_status_changes_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prime_status_changes" ADD CONSTRAINT "prime_status_changes_evaluation_id_prime_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."prime_evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prime_status_changes" ADD CONSTRAINT "prime_status_changes_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prime_status_changes_seller_idx" ON "prime_status_changes" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "prime_status_changes_evaluation_key" ON "prime_status_changes" USING btree ("evaluation_id");--> statement-breakpoint
ALTER TABLE "plans_of_action" ADD CONSTRAINT "plans_of_action_revocation_id_prime_status_changes_id_fk" FOREIGN KEY ("revocation_id") REFERENCES "public"."prime_status_changes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plans_of_action_seller_idx" ON "plans_of_action" USING btree ("seller_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_of_action_one_open_key" ON "plans_of_action" USING btree ("seller_id") WHERE status = 'submitted';--> statement-breakpoint
CREATE UNIQUE INDEX "plans_of_action_one_approved_key" ON "plans_of_action" USING btree ("revocation_id") WHERE status = 'approved';