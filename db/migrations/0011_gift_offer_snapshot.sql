CREATE TYPE "public"."case_action_kind" AS ENUM('refund', 'adjustment', 'late_return_authorized', 'cancellation', 'message_to_seller', 'case_closed', 'case_reopened', 'safet_info_requested', 'safet_decided', 'safet_appeal_decided');--> statement-breakpoint
CREATE TYPE "public"."message_sender_role" AS ENUM('buyer', 'seller', 'ops');--> statement-breakpoint
CREATE TYPE "public"."refund_kind" AS ENUM('return', 'full', 'partial', 'returnless', 'shipping_fee', 'late_return', 'cancellation');--> statement-breakpoint
CREATE TYPE "public"."refund_status" AS ENUM('pending', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."safet_author_role" AS ENUM('seller', 'ops', 'system');--> statement-breakpoint
CREATE TYPE "public"."safet_outcome" AS ENUM('granted_full', 'granted_partial', 'denied');--> statement-breakpoint
CREATE TYPE "public"."safet_state" AS ENUM('submitted', 'info_requested', 'decided', 'appealed', 'final');--> statement-breakpoint
CREATE TYPE "public"."message_thread_kind" AS ENUM('buyer', 'customer_service');--> statement-breakpoint
ALTER TYPE "public"."gift_card_entry_kind" ADD VALUE 'refund_credit';--> statement-breakpoint
CREATE TABLE "case_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"staff_user_id" uuid NOT NULL,
	"action" "case_action_kind" NOT NULL,
	"reason" text NOT NULL,
	"amount_cents" integer,
	"refund_id" uuid,
	"return_request_id" uuid,
	"claim_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_key" text NOT NULL,
	"kind" "message_thread_kind" NOT NULL,
	"seller_id" uuid NOT NULL,
	"order_id" uuid,
	"offer_id" uuid,
	"participant_user_id" uuid,
	"subject" text NOT NULL,
	"last_sender_role" "message_sender_role",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safet_claim_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"author_role" "safet_author_role" NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safet_reminders" (
	"claim_id" uuid NOT NULL,
	"deadline_kind" text NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "safet_reminders_claim_id_deadline_kind_deadline_at_pk" PRIMARY KEY("claim_id","deadline_kind","deadline_at")
);
--> statement-breakpoint
CREATE TABLE "seller_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"seller_id" uuid NOT NULL,
	"order_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_cases" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"seller_id" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "safet_claims_seller_status_idx";--> statement-breakpoint
ALTER TABLE "gift_card_ledger" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "gift_offers" ADD COLUMN "giver_display_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "gift_offers" ADD COLUMN "item_title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "gift_offers" ADD COLUMN "item_image_url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "gift_offers" ADD COLUMN "item_quantity" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "buyer_seller_messages" ADD COLUMN "thread_id" uuid;--> statement-breakpoint
ALTER TABLE "buyer_seller_messages" ADD COLUMN "sender_role" "message_sender_role" DEFAULT 'buyer' NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "seller_id" uuid;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "kind" "refund_kind" DEFAULT 'return' NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "status" "refund_status" DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "card_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "gift_card_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "gift_card_owner_id" uuid;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "failure_code" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "succeeded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "authorized_by" uuid;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "rma_code" text;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "item_title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "quantity" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "refund_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "return_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "safet_claims" ADD COLUMN "evidence" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "safet_claims" ADD COLUMN "state" "safet_state" DEFAULT 'submitted' NOT NULL;--> statement-breakpoint
ALTER TABLE "safet_claims" ADD COLUMN "outcome" "safet_outcome";--> statement-breakpoint
ALTER TABLE "safet_claims" ADD COLUMN "granted_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "safet_claims" ADD COLUMN "info_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "safet_claims" ADD COLUMN "final_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_actions" ADD CONSTRAINT "case_actions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_actions" ADD CONSTRAINT "case_actions_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_actions" ADD CONSTRAINT "case_actions_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_actions" ADD CONSTRAINT "case_actions_return_request_id_return_requests_id_fk" FOREIGN KEY ("return_request_id") REFERENCES "public"."return_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_participant_user_id_users_id_fk" FOREIGN KEY ("participant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safet_claim_messages" ADD CONSTRAINT "safet_claim_messages_claim_id_safet_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."safet_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safet_claim_messages" ADD CONSTRAINT "safet_claim_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safet_reminders" ADD CONSTRAINT "safet_reminders_claim_id_safet_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."safet_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_notices" ADD CONSTRAINT "seller_notices_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_notices" ADD CONSTRAINT "seller_notices_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_cases" ADD CONSTRAINT "service_cases_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_cases" ADD CONSTRAINT "service_cases_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_actions_order_idx" ON "case_actions" USING btree ("order_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "message_threads_key" ON "message_threads" USING btree ("thread_key");--> statement-breakpoint
CREATE INDEX "message_threads_seller_idx" ON "message_threads" USING btree ("seller_id","last_message_at","id");--> statement-breakpoint
CREATE INDEX "message_threads_participant_idx" ON "message_threads" USING btree ("participant_user_id","last_message_at");--> statement-breakpoint
CREATE INDEX "message_threads_order_idx" ON "message_threads" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "safet_claim_messages_claim_idx" ON "safet_claim_messages" USING btree ("claim_id","id");--> statement-breakpoint
CREATE INDEX "seller_notices_seller_idx" ON "seller_notices" USING btree ("seller_id","created_at","id");--> statement-breakpoint
CREATE INDEX "service_cases_open_activity_idx" ON "service_cases" USING btree ("last_activity_at","order_id") WHERE closed_at IS NULL;--> statement-breakpoint
ALTER TABLE "buyer_seller_messages" ADD CONSTRAINT "buyer_seller_messages_thread_id_message_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."message_threads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_gift_card_owner_id_users_id_fk" FOREIGN KEY ("gift_card_owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_requests" ADD CONSTRAINT "return_requests_authorized_by_users_id_fk" FOREIGN KEY ("authorized_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gift_card_ledger_idempotency_key" ON "gift_card_ledger" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "buyer_seller_messages_thread_idx" ON "buyer_seller_messages" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_idempotency_key" ON "refunds" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "refunds_pending_idx" ON "refunds" USING btree ("created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "return_requests_seller_authorized_idx" ON "return_requests" USING btree ("seller_id","authorized_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "return_requests_order_key" ON "return_requests" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "return_requests_rma_key" ON "return_requests" USING btree ("rma_code");--> statement-breakpoint
CREATE INDEX "safet_claims_seller_created_idx" ON "safet_claims" USING btree ("seller_id","created_at","id");--> statement-breakpoint
CREATE INDEX "safet_claims_state_idx" ON "safet_claims" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "safet_claims_respond_by_idx" ON "safet_claims" USING btree ("respond_by") WHERE state = 'info_requested';--> statement-breakpoint
CREATE INDEX "safet_claims_appeal_by_idx" ON "safet_claims" USING btree ("appeal_by") WHERE state = 'decided';--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_split" CHECK ("refunds"."card_cents" >= 0 AND "refunds"."gift_card_cents" >= 0 AND "refunds"."card_cents" + "refunds"."gift_card_cents" = "refunds"."amount_cents");--> statement-breakpoint
ALTER TABLE "safet_claims" ADD CONSTRAINT "safet_claims_granted_within" CHECK ("safet_claims"."granted_cents" BETWEEN 0 AND "safet_claims"."amount_cents");