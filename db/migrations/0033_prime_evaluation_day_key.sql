-- An evaluation row is a seller's day: (seller_id, evaluated_on) becomes its primary key and the random id goes (its
-- index cost an insert per row, 10,000 a day). A status change names the evaluation that decided it by that key.
ALTER TABLE "prime_status_changes" ADD COLUMN "evaluated_on" date;--> statement-breakpoint
UPDATE "prime_status_changes" c SET "evaluated_on" = e."evaluated_on" FROM "prime_evaluations" e WHERE e."id" = c."evaluation_id";--> statement-breakpoint
ALTER TABLE "prime_status_changes" DROP CONSTRAINT "prime_status_changes_evaluation_id_prime_evaluations_id_fk";--> statement-breakpoint
DROP INDEX "prime_status_changes_evaluation_key";--> statement-breakpoint
ALTER TABLE "prime_status_changes" DROP COLUMN "evaluation_id";--> statement-breakpoint
ALTER TABLE "prime_evaluations" DROP CONSTRAINT "prime_evaluations_pkey";--> statement-breakpoint
ALTER TABLE "prime_evaluations" DROP COLUMN "id";--> statement-breakpoint
DROP INDEX "prime_evaluations_seller_day_key";--> statement-breakpoint
ALTER TABLE "prime_evaluations" ADD CONSTRAINT "prime_evaluations_pkey" PRIMARY KEY("seller_id","evaluated_on");--> statement-breakpoint
ALTER TABLE "prime_status_changes" ADD CONSTRAINT "prime_status_changes_evaluation_fk" FOREIGN KEY ("seller_id","evaluated_on") REFERENCES "public"."prime_evaluations"("seller_id","evaluated_on") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "prime_status_changes_evaluation_key" ON "prime_status_changes" USING btree ("seller_id","evaluated_on");
