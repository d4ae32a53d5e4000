CREATE TABLE "generated_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"period_from" timestamp (3) with time zone NOT NULL,
	"period_to" timestamp (3) with time zone NOT NULL,
	"first_day" text NOT NULL,
	"last_day" text NOT NULL,
	"format" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"emailed_at" timestamp (3) with time zone,
	"email_error" text,
	CONSTRAINT "generated_reports_period_order" CHECK ("generated_reports"."period_from" < "generated_reports"."period_to"),
	CONSTRAINT "generated_reports_kind" CHECK ("generated_reports"."kind" in ('weekly', 'monthly')),
	CONSTRAINT "generated_reports_format" CHECK ("generated_reports"."format" in ('docx', 'pdf', 'xlsx', 'csv'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "generated_reports_period_key" ON "generated_reports" USING btree ("kind","period_from","period_to","format");--> statement-breakpoint
CREATE INDEX "generated_reports_created_idx" ON "generated_reports" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);