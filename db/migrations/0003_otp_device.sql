DROP INDEX "otp_codes_destination_idx";--> statement-breakpoint
ALTER TABLE "otp_codes" ADD COLUMN "device_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "otp_codes_destination_idx" ON "otp_codes" USING btree ("destination","device_hash","created_at");