DROP INDEX "payments_authorized_idx";--> statement-breakpoint
DROP INDEX "order_lines_deferred_release_idx";--> statement-breakpoint
DROP INDEX "payment_operations_key_idx";--> statement-breakpoint
CREATE INDEX "order_lines_deferred_release_idx" ON "order_lines" USING btree ("release_stock_at") WHERE release_stock_at is not null;--> statement-breakpoint
CREATE INDEX "payment_operations_key_idx" ON "payment_operations" USING btree ("idempotency_key") WHERE kind = 'authorize';