-- The daily evaluation's rows get lighter: the thresholds applied move from each of a day's 10,000 rows (about 450 of
-- their 650 bytes) to the day's run row, and the per-row foreign-key check on sellers goes (see db/schema/prime.ts).
ALTER TABLE "prime_evaluations" DROP CONSTRAINT "prime_evaluations_seller_id_sellers_id_fk";
--> statement-breakpoint
ALTER TABLE "prime_evaluation_runs" ADD COLUMN "thresholds" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Every evaluated day keeps the thresholds its rows were judged by (a day's rows share them: one run wrote them). A day
-- with rows but no run row (none are written that way) gets one, so nothing is lost.
INSERT INTO "prime_evaluation_runs" ("day", "sellers", "finished_at")
  SELECT "evaluated_on", count(*), max("created_at") FROM "prime_evaluations" GROUP BY "evaluated_on"
  ON CONFLICT ("day") DO NOTHING;--> statement-breakpoint
UPDATE "prime_evaluation_runs" r SET "thresholds" = e."thresholds"
  FROM (SELECT DISTINCT ON ("evaluated_on") "evaluated_on", "thresholds" FROM "prime_evaluations" ORDER BY "evaluated_on", "created_at" DESC) e
  WHERE e."evaluated_on" = r."day";--> statement-breakpoint
ALTER TABLE "prime_evaluations" DROP COLUMN "thresholds";
