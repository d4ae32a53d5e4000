ALTER TABLE "items" ADD COLUMN "page_fetched_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "page_fetch_error" text;--> statement-breakpoint
CREATE INDEX "items_page_pending_idx" ON "items" USING btree ("created_at") WHERE "items"."url" is not null and length("items"."text") = 0 and "items"."page_fetched_at" is null;