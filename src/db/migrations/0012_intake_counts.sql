CREATE TABLE "item_intake_counts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"minute" timestamp (3) with time zone NOT NULL,
	"channel" "channel" NOT NULL,
	"items" bigint NOT NULL
);
--> statement-breakpoint
-- One row per minute and channel an INSERT statement touched: a statement trigger, so a bulk
-- insert adds a handful of rows, and appends (no upsert) so concurrent intakes never wait on a
-- counter row. ON CONFLICT DO NOTHING rows and the updated side of DO UPDATE are not in new_items.
CREATE FUNCTION count_item_intake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO item_intake_counts (minute, channel, items)
    SELECT date_trunc('minute', created_at, 'UTC'), channel, count(*)
      FROM new_items GROUP BY 1, 2 ORDER BY 1, 2;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER items_intake_counts AFTER INSERT ON items
  REFERENCING NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION count_item_intake();
--> statement-breakpoint
-- The items already held: the last two days by minute, everything older at the epoch (the
-- shape housekeeping keeps the table in).
INSERT INTO item_intake_counts (minute, channel, items)
  SELECT CASE WHEN created_at < now() - interval '2 days' THEN 'epoch'::timestamptz
              ELSE date_trunc('minute', created_at, 'UTC') END,
         channel, count(*)
    FROM items GROUP BY 1, 2;
