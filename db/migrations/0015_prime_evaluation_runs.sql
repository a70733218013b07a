CREATE TABLE "prime_evaluation_runs" (
	"day" date PRIMARY KEY NOT NULL,
	"sellers" integer DEFAULT 0 NOT NULL,
	"status_changes" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
