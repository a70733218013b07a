CREATE TYPE "public"."contact_channel" AS ENUM('email', 'sms');--> statement-breakpoint
CREATE TYPE "public"."otp_purpose" AS ENUM('sign_in', 'sign_up');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('buyer', 'seller', 'ops');--> statement-breakpoint
CREATE TYPE "public"."prime_program_status" AS ENUM('not_enrolled', 'trial', 'enrolled', 'ineligible');--> statement-breakpoint
CREATE TYPE "public"."size_class" AS ENUM('standard', 'oversize');--> statement-breakpoint
CREATE TYPE "public"."order_status" AS ENUM('awaiting_recipient', 'placed', 'shipped', 'delivered', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."shipping_choice" AS ENUM('ship_to_address', 'recipient_provides');--> statement-breakpoint
CREATE TYPE "public"."payment_operation_kind" AS ENUM('authorize', 'capture', 'void', 'refund');--> statement-breakpoint
CREATE TYPE "public"."payment_operation_outcome" AS ENUM('succeeded', 'declined', 'failed', 'timed_out');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('authorized', 'captured', 'voided', 'lapsed', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."sandbox_authorization_status" AS ENUM('held', 'captured', 'voided');--> statement-breakpoint
CREATE TYPE "public"."gift_card_entry_kind" AS ENUM('credit', 'debit', 'reversal');--> statement-breakpoint
CREATE TYPE "public"."gift_decision" AS ENUM('accept', 'convert');--> statement-breakpoint
CREATE TYPE "public"."gift_offer_status" AS ENUM('waiting', 'settling', 'accepted', 'declined', 'expired', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."gift_settlement" AS ENUM('ship', 'gift_card');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sent', 'dead');--> statement-breakpoint
CREATE TYPE "public"."plan_of_action_status" AS ENUM('submitted', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."prime_evaluation_outcome" AS ENUM('meets', 'fails');--> statement-breakpoint
CREATE TYPE "public"."refund_issuer" AS ENUM('seller', 'marketplace');--> statement-breakpoint
CREATE TYPE "public"."return_status" AS ENUM('authorized', 'in_transit', 'received', 'refunded', 'closed');--> statement-breakpoint
CREATE TYPE "public"."safet_claim_status" AS ENUM('needs_seller_response', 'under_review', 'granted', 'denied', 'appealed');--> statement-breakpoint
CREATE TABLE "addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"line1" text NOT NULL,
	"line2" text,
	"city" text NOT NULL,
	"state" char(2) NOT NULL,
	"zip" text NOT NULL,
	"country" char(2) DEFAULT 'US' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "otp_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"destination" text NOT NULL,
	"purpose" "otp_purpose" NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"email_verified_at" timestamp with time zone,
	"phone_verified_at" timestamp with time zone,
	"role" "user_role" DEFAULT 'buyer' NOT NULL,
	"prime_member" boolean DEFAULT false NOT NULL,
	"country_code" char(2) DEFAULT 'US' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_contact_present" CHECK ("users"."email" IS NOT NULL OR "users"."phone" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"image_url" text NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"stock" integer NOT NULL,
	"size_class" "size_class" DEFAULT 'standard' NOT NULL,
	"weight_oz" integer DEFAULT 16 NOT NULL,
	"ship_from_time_zone" text DEFAULT 'America/New_York' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_slug_unique" UNIQUE("slug"),
	CONSTRAINT "offers_stock_nonnegative" CHECK ("offers"."stock" >= 0),
	CONSTRAINT "offers_price_positive" CHECK ("offers"."price_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "sellers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"time_zone" text DEFAULT 'America/New_York' NOT NULL,
	"prime_status" "prime_program_status" DEFAULT 'not_enrolled' NOT NULL,
	"prime_eligible" boolean DEFAULT false NOT NULL,
	"trial_started_at" timestamp with time zone,
	"enrolled_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sellers_userId_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"title" text NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"quantity" integer NOT NULL,
	"stock_reserved" boolean DEFAULT true NOT NULL,
	CONSTRAINT "order_lines_quantity_positive" CHECK ("order_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"buyer_id" uuid NOT NULL,
	"checkout_key" text NOT NULL,
	"status" "order_status" NOT NULL,
	"shipping_choice" "shipping_choice" NOT NULL,
	"is_gift" boolean DEFAULT false NOT NULL,
	"gift_receipt" boolean DEFAULT false NOT NULL,
	"subtotal_cents" integer NOT NULL,
	"shipping_cents" integer DEFAULT 0 NOT NULL,
	"gift_card_cents" integer DEFAULT 0 NOT NULL,
	"total_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"ship_to_name" text,
	"ship_to_line1" text,
	"ship_to_line2" text,
	"ship_to_city" text,
	"ship_to_state" char(2),
	"ship_to_zip" text,
	"recipient_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"placed_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "orders_total_consistent" CHECK ("orders"."total_cents" = "orders"."subtotal_cents" + "orders"."shipping_cents"),
	CONSTRAINT "orders_gift_card_within_total" CHECK ("orders"."gift_card_cents" BETWEEN 0 AND "orders"."total_cents")
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"carrier" text NOT NULL,
	"service" text NOT NULL,
	"tracking_number" text,
	"via_buy_shipping" boolean DEFAULT false NOT NULL,
	"label_cost_cents" integer,
	"promised_delivery_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_operations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"payment_id" uuid,
	"kind" "payment_operation_kind" NOT NULL,
	"idempotency_key" text NOT NULL,
	"amount_cents" integer,
	"outcome" "payment_operation_outcome" NOT NULL,
	"error_code" text,
	"processor_authorization_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"processor_authorization_id" text NOT NULL,
	"status" "payment_status" NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"authorized_cents" integer NOT NULL,
	"captured_cents" integer DEFAULT 0 NOT NULL,
	"refunded_cents" integer DEFAULT 0 NOT NULL,
	"card_brand" text NOT NULL,
	"card_last4" text NOT NULL,
	"hold_expires_at" timestamp with time zone NOT NULL,
	"authorized_at" timestamp with time zone NOT NULL,
	"captured_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"lapsed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_orderId_unique" UNIQUE("order_id"),
	CONSTRAINT "payments_processorAuthorizationId_unique" UNIQUE("processor_authorization_id"),
	CONSTRAINT "payments_captured_within_hold" CHECK ("payments"."captured_cents" BETWEEN 0 AND "payments"."authorized_cents"),
	CONSTRAINT "payments_refunded_within_capture" CHECK ("payments"."refunded_cents" BETWEEN 0 AND "payments"."captured_cents")
);
--> statement-breakpoint
CREATE TABLE "processor_sandbox_authorizations" (
	"id" text PRIMARY KEY NOT NULL,
	"status" "sandbox_authorization_status" NOT NULL,
	"amount_cents" integer NOT NULL,
	"captured_cents" integer DEFAULT 0 NOT NULL,
	"refunded_cents" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"card_last4" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"captured_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	CONSTRAINT "sandbox_capture_within_hold" CHECK ("processor_sandbox_authorizations"."captured_cents" BETWEEN 0 AND "processor_sandbox_authorizations"."amount_cents"),
	CONSTRAINT "sandbox_refund_within_capture" CHECK ("processor_sandbox_authorizations"."refunded_cents" BETWEEN 0 AND "processor_sandbox_authorizations"."captured_cents")
);
--> statement-breakpoint
CREATE TABLE "processor_sandbox_faults" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"operation" text NOT NULL,
	"authorization_id" text,
	"mode" text NOT NULL,
	"remaining" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processor_sandbox_requests" (
	"idempotency_key" text PRIMARY KEY NOT NULL,
	"operation" text NOT NULL,
	"request_fingerprint" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gift_card_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"gift_card_id" uuid,
	"order_id" uuid,
	"kind" "gift_card_entry_kind" NOT NULL,
	"amount_cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gift_card_ledger_sign" CHECK (("gift_card_ledger"."kind" = 'debit' AND "gift_card_ledger"."amount_cents" < 0) OR ("gift_card_ledger"."kind" <> 'debit' AND "gift_card_ledger"."amount_cents" > 0))
);
--> statement-breakpoint
CREATE TABLE "gift_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"initial_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"source_gift_offer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gift_cards_sourceGiftOfferId_unique" UNIQUE("source_gift_offer_id")
);
--> statement-breakpoint
CREATE TABLE "gift_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"giver_id" uuid NOT NULL,
	"recipient_channel" "contact_channel" NOT NULL,
	"recipient_contact" text NOT NULL,
	"token_hash" text NOT NULL,
	"reminder_token_hash" text,
	"gift_message" text,
	"status" "gift_offer_status" DEFAULT 'waiting' NOT NULL,
	"pending_decision" "gift_decision",
	"settlement" "gift_settlement",
	"recipient_user_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	"settling_since" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gift_offers_orderId_unique" UNIQUE("order_id")
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"recipient" text NOT NULL,
	"template" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"meta" jsonb,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"transport" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "buy_shipping_labels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"carrier_service_id" text NOT NULL,
	"cost_cents" integer NOT NULL,
	"tracking_number" text NOT NULL,
	"purchased_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "carrier_services" (
	"id" text PRIMARY KEY NOT NULL,
	"carrier" text NOT NULL,
	"name" text NOT NULL,
	"transit_days" smallint NOT NULL,
	"saturday_pickup" text NOT NULL,
	"saturday_delivery" text NOT NULL,
	"sunday_pickup" text NOT NULL,
	"sunday_delivery" text NOT NULL,
	"special_operating_plan" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_handling_cutoffs" (
	"seller_id" uuid NOT NULL,
	"carrier" text NOT NULL,
	"weekday" smallint NOT NULL,
	"operating" boolean DEFAULT true NOT NULL,
	"order_cutoff" time,
	"last_pickup" time
);
--> statement-breakpoint
CREATE TABLE "plans_of_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"problem" text NOT NULL,
	"root_cause" text NOT NULL,
	"preventive_steps" text NOT NULL,
	"status" "plan_of_action_status" DEFAULT 'submitted' NOT NULL,
	"reviewer_id" uuid,
	"review_note" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_at" timestamp with time zone,
	"rejected_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "prime_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"evaluated_on" date NOT NULL,
	"window_days" smallint NOT NULL,
	"on_time_delivery_rate" numeric(6, 4),
	"valid_tracking_rate" numeric(6, 4),
	"cancellation_rate" numeric(6, 4),
	"buy_shipping_rate" numeric(6, 4),
	"one_day_coverage" numeric(6, 4),
	"two_day_coverage" numeric(6, 4),
	"failures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" "prime_evaluation_outcome" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seller_carrier_services" (
	"seller_id" uuid NOT NULL,
	"carrier_service_id" text NOT NULL,
	"max_zone" smallint DEFAULT 8 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipping_template_regions" (
	"template_id" uuid NOT NULL,
	"state" text NOT NULL,
	"transit_days" smallint NOT NULL,
	"prime" boolean DEFAULT false NOT NULL,
	"free_shipping" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipping_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"name" text NOT NULL,
	"size_class" "size_class" DEFAULT 'standard' NOT NULL,
	"automated" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "buyer_seller_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"order_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"return_request_id" uuid,
	"issuer" "refund_issuer" NOT NULL,
	"issued_by" uuid,
	"amount_cents" integer NOT NULL,
	"reason" text NOT NULL,
	"charged_to_seller" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "return_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" "return_status" DEFAULT 'authorized' NOT NULL,
	"outside_window" boolean DEFAULT false NOT NULL,
	"refund_to_gift_card" boolean DEFAULT false NOT NULL,
	"authorized_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_at" timestamp with time zone,
	"refund_due_at" timestamp with time zone,
	"refunded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "safet_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"refund_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"wants_replacement" boolean DEFAULT false NOT NULL,
	"attested" boolean NOT NULL,
	"status" "safet_claim_status" DEFAULT 'under_review' NOT NULL,
	"respond_by" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"appeal_by" timestamp with time zone,
	"appealed_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "safet_claims_amount_cap" CHECK ("safet_claims"."amount_cents" BETWEEN 1 AND 500000)
);
--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sellers" ADD CONSTRAINT "sellers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_buyer_id_users_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_operations" ADD CONSTRAINT "payment_operations_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_card_ledger" ADD CONSTRAINT "gift_card_ledger_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_card_ledger" ADD CONSTRAINT "gift_card_ledger_gift_card_id_gift_cards_id_fk" FOREIGN KEY ("gift_card_id") REFERENCES "public"."gift_cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_card_ledger" ADD CONSTRAINT "gift_card_ledger_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_cards" ADD CONSTRAINT "gift_cards_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_cards" ADD CONSTRAINT "gift_cards_source_gift_offer_id_gift_offers_id_fk" FOREIGN KEY ("source_gift_offer_id") REFERENCES "public"."gift_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_offers" ADD CONSTRAINT "gift_offers_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_offers" ADD CONSTRAINT "gift_offers_giver_id_users_id_fk" FOREIGN KEY ("giver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_offers" ADD CONSTRAINT "gift_offers_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buy_shipping_labels" ADD CONSTRAINT "buy_shipping_labels_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buy_shipping_labels" ADD CONSTRAINT "buy_shipping_labels_carrier_service_id_carrier_services_id_fk" FOREIGN KEY ("carrier_service_id") REFERENCES "public"."carrier_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_handling_cutoffs" ADD CONSTRAINT "order_handling_cutoffs_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans_of_action" ADD CONSTRAINT "plans_of_action_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans_of_action" ADD CONSTRAINT "plans_of_action_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD CONSTRAINT "prime_evaluations_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_carrier_services" ADD CONSTRAINT "seller_carrier_services_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_carrier_services" ADD CONSTRAINT "seller_carrier_services_carrier_service_id_carrier_services_id_fk" FOREIGN KEY ("carrier_service_id") REFERENCES "public"."carrier_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_template_regions" ADD CONSTRAINT "shipping_template_regions_template_id_shipping_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."shipping_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_templates" ADD CONSTRAINT "shipping_templates_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buyer_seller_messages" ADD CONSTRAINT "buyer_seller_messages_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buyer_seller_messages" ADD CONSTRAINT "buyer_seller_messages_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buyer_seller_messages" ADD CONSTRAINT "buyer_seller_messages_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_return_request_id_return_requests_id_fk" FOREIGN KEY ("return_request_id") REFERENCES "public"."return_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_requests" ADD CONSTRAINT "return_requests_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_requests" ADD CONSTRAINT "return_requests_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_requests" ADD CONSTRAINT "return_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safet_claims" ADD CONSTRAINT "safet_claims_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safet_claims" ADD CONSTRAINT "safet_claims_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safet_claims" ADD CONSTRAINT "safet_claims_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "addresses_user_idx" ON "addresses" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "otp_codes_destination_idx" ON "otp_codes" USING btree ("destination","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_key" ON "users" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "offers_seller_idx" ON "offers" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "offers_active_created_idx" ON "offers" USING btree ("active","created_at");--> statement-breakpoint
CREATE INDEX "order_lines_order_idx" ON "order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_lines_seller_idx" ON "order_lines" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "order_lines_offer_idx" ON "order_lines" USING btree ("offer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_buyer_checkout_key" ON "orders" USING btree ("buyer_id","checkout_key");--> statement-breakpoint
CREATE INDEX "orders_buyer_created_idx" ON "orders" USING btree ("buyer_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_recipient_idx" ON "orders" USING btree ("recipient_user_id");--> statement-breakpoint
CREATE INDEX "shipments_order_idx" ON "shipments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "shipments_seller_shipped_idx" ON "shipments" USING btree ("seller_id","shipped_at");--> statement-breakpoint
CREATE INDEX "payment_operations_payment_idx" ON "payment_operations" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_operations_key_idx" ON "payment_operations" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "processor_sandbox_faults_key" ON "processor_sandbox_faults" USING btree ("operation","authorization_id","mode");--> statement-breakpoint
CREATE INDEX "gift_card_ledger_owner_idx" ON "gift_card_ledger" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gift_card_ledger_order_kind_key" ON "gift_card_ledger" USING btree ("order_id","kind") WHERE order_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "gift_cards_owner_idx" ON "gift_cards" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gift_offers_token_hash_key" ON "gift_offers" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "gift_offers_reminder_token_hash_key" ON "gift_offers" USING btree ("reminder_token_hash");--> statement-breakpoint
CREATE INDEX "gift_offers_giver_idx" ON "gift_offers" USING btree ("giver_id");--> statement-breakpoint
CREATE INDEX "gift_offers_recipient_contact_idx" ON "gift_offers" USING btree ("recipient_contact");--> statement-breakpoint
CREATE INDEX "gift_offers_waiting_expiry_idx" ON "gift_offers" USING btree ("expires_at") WHERE status = 'waiting';--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox_messages" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_recipient_idx" ON "outbox_messages" USING btree ("recipient");--> statement-breakpoint
CREATE UNIQUE INDEX "order_handling_cutoffs_key" ON "order_handling_cutoffs" USING btree ("seller_id","carrier","weekday");--> statement-breakpoint
CREATE INDEX "plans_of_action_status_idx" ON "plans_of_action" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "prime_evaluations_seller_day_key" ON "prime_evaluations" USING btree ("seller_id","evaluated_on");--> statement-breakpoint
CREATE UNIQUE INDEX "seller_carrier_services_key" ON "seller_carrier_services" USING btree ("seller_id","carrier_service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipping_template_regions_key" ON "shipping_template_regions" USING btree ("template_id","state");--> statement-breakpoint
CREATE INDEX "shipping_templates_seller_idx" ON "shipping_templates" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "buyer_seller_messages_seller_idx" ON "buyer_seller_messages" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "return_requests_seller_idx" ON "return_requests" USING btree ("seller_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "safet_claims_order_key" ON "safet_claims" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "safet_claims_seller_status_idx" ON "safet_claims" USING btree ("seller_id","status");