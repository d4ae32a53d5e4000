CREATE TABLE "integrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"secret_encrypted" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp (3) with time zone,
	CONSTRAINT "integrations_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "used_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"term" text NOT NULL,
	"folded" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watch_terms_folded_unique" UNIQUE("folded")
);
--> statement-breakpoint
ALTER TABLE "tips" DROP CONSTRAINT "tips_receipt_code_unique";--> statement-breakpoint
ALTER TABLE "item_sightings" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "item_sightings" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "item_sightings" ADD COLUMN "reported_by_id" uuid;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "processed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "matched_check_id" uuid;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "match_confidence" real;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "places" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "watch_term_hits" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "reach" real DEFAULT 0.5 NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "consecutive_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "last_status" integer;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "next_fetch_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_terms" ADD CONSTRAINT "watch_terms_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "used_nonces_expiry_idx" ON "used_nonces" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "item_sightings" ADD CONSTRAINT "item_sightings_reported_by_id_users_id_fk" FOREIGN KEY ("reported_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_matched_check_id_checks_id_fk" FOREIGN KEY ("matched_check_id") REFERENCES "public"."checks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "item_sightings_source_idx" ON "item_sightings" USING btree ("source_id","seen_at");--> statement-breakpoint
CREATE INDEX "items_pending_idx" ON "items" USING btree ("created_at") WHERE "items"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "sources_due_idx" ON "sources" USING btree ("enabled","next_fetch_at");--> statement-breakpoint
ALTER TABLE "tips" DROP COLUMN "receipt_code";--> statement-breakpoint
ALTER TABLE "item_sightings" ADD CONSTRAINT "item_sightings_dedupe_key_unique" UNIQUE("dedupe_key");--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_reach_range" CHECK ("sources"."reach" between 0 and 1);