ALTER TABLE "safet_claims" DROP COLUMN "status";--> statement-breakpoint
DROP TYPE "public"."safet_claim_status";