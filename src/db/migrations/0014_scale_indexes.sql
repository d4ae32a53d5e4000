ALTER TABLE "claim_items" ADD COLUMN "item_channel" "channel";--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "checks_first_published_idx" ON "checks" USING btree ("first_published_at");--> statement-breakpoint
CREATE INDEX "claim_items_channel_idx" ON "claim_items" USING btree ("item_channel","claim_id");--> statement-breakpoint
CREATE INDEX "claims_first_response_idx" ON "claims" USING btree ("first_response_at");--> statement-breakpoint
CREATE INDEX "item_sightings_seen_idx" ON "item_sightings" USING btree ("seen_at");--> statement-breakpoint
CREATE INDEX "items_first_seen_idx" ON "items" USING btree ("first_seen_at");--> statement-breakpoint
-- The queue's channel filter asks which claims have items from a channel. Items never change
-- channel, so each link keeps a copy of its item's, set on insert whatever code links it.
CREATE OR REPLACE FUNCTION kc_claim_items_channel() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT channel INTO NEW.item_channel FROM items WHERE id = NEW.item_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER claim_items_channel BEFORE INSERT ON claim_items
  FOR EACH ROW EXECUTE FUNCTION kc_claim_items_channel();--> statement-breakpoint
UPDATE claim_items ci SET item_channel = i.channel FROM items i WHERE i.id = ci.item_id;
