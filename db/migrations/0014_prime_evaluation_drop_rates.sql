ALTER TABLE "prime_evaluations" DROP COLUMN "on_time_delivery_rate";--> statement-breakpoint
ALTER TABLE "prime_evaluations" DROP COLUMN "valid_tracking_rate";--> statement-breakpoint
ALTER TABLE "prime_evaluations" DROP COLUMN "cancellation_rate";--> statement-breakpoint
ALTER TABLE "prime_evaluations" DROP COLUMN "buy_shipping_rate";--> statement-breakpoint
ALTER TABLE "prime_evaluations" DROP COLUMN "one_day_coverage";--> statement-breakpoint
ALTER TABLE "prime_evaluations" DROP COLUMN "two_day_coverage";--> statement-breakpoint
ALTER TABLE "prime_evaluations" DROP COLUMN "failures";