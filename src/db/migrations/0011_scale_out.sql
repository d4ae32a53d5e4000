-- Unlogged: counters are rewritten on every limited request and worthless after a crash.
CREATE UNLOGGED TABLE "rate_counters" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"window_ends_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "processing_runs" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "rate_counters_window_idx" ON "rate_counters" USING btree ("window_ends_at");--> statement-breakpoint
-- pg-boss's schema, created here under the migration lock: pg-boss creates it with CREATE SCHEMA IF
-- NOT EXISTS, which two processes starting at once on an empty database can both run, and the
-- loser's error ("duplicate key … pg_namespace") is not one pg-boss recognises as a lost race.
CREATE SCHEMA IF NOT EXISTS pgboss;
