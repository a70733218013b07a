CREATE INDEX "otp_codes_created_idx" ON "otp_codes" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "rate_limit_buckets_window_idx" ON "rate_limit_buckets" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "payment_operations_authorization_idx" ON "payment_operations" USING btree ("processor_authorization_id");--> statement-breakpoint
CREATE INDEX "payment_operations_unlinked_authorize_idx" ON "payment_operations" USING btree ("created_at") WHERE kind = 'authorize' and outcome = 'succeeded' and payment_id is null;--> statement-breakpoint
CREATE INDEX "payments_authorized_idx" ON "payments" USING btree ("order_id") WHERE status = 'authorized';--> statement-breakpoint
CREATE INDEX "gift_offers_settling_idx" ON "gift_offers" USING btree ("settling_since") WHERE status = 'settling';