import { desc, eq, or, sql } from 'drizzle-orm';
import type { ItemRepository } from '../core/ports.js';
import type { Item } from '../core/types.js';
import type { Db } from './client.js';
import { afterCursor, allOf, foldedContains, guarded, updateVersioned } from './repo-support.js';
import { items, itemSightings } from './schema.js';

/** Columns an API caller sees; fingerprints and folded text stay inside. */
const itemColumns = {
  id: items.id,
  channel: items.channel,
  sourceId: items.sourceId,
  url: items.url,
  canonicalUrl: items.canonicalUrl,
  title: items.title,
  text: items.text,
  language: items.language,
  publishedAt: items.publishedAt,
  status: items.status,
  clusterId: items.clusterId,
  relevance: items.relevance,
  priorityScore: items.priorityScore,
  sightingsCount: items.sightingsCount,
  firstSeenAt: items.firstSeenAt,
  lastSeenAt: items.lastSeenAt,
  createdAt: items.createdAt,
  updatedAt: items.updatedAt,
  version: items.version,
};

export function itemRepository(db: Db): ItemRepository {
  const byId = async (id: string): Promise<Item | undefined> => {
    const [row] = await db.select(itemColumns).from(items).where(eq(items.id, id));
    return row;
  };
  return {
    async insert(values) {
      const [row] = await guarded(db.insert(items).values(values).returning(itemColumns));
      await db.insert(itemSightings).values({
        itemId: row!.id,
        channel: values.channel,
        sourceId: values.sourceId ?? null,
        url: values.url ?? null,
        seenAt: row!.firstSeenAt,
      });
      return row!;
    },
    findById: byId,
    async findDuplicate(canonicalUrl, contentHash) {
      const [row] = await db
        .select(itemColumns)
        .from(items)
        .where(
          canonicalUrl
            ? or(eq(items.canonicalUrl, canonicalUrl), eq(items.contentHash, contentHash))
            : eq(items.contentHash, contentHash),
        )
        .limit(1);
      return row;
    },
    async addSighting(itemId, sighting) {
      await db.insert(itemSightings).values({ itemId, ...sighting });
      const [row] = await db
        .update(items)
        .set({
          sightingsCount: sql`${items.sightingsCount} + 1`,
          lastSeenAt: sql`greatest(${items.lastSeenAt}, ${sighting.seenAt.toISOString()}::timestamptz)`,
        })
        .where(eq(items.id, itemId))
        .returning(itemColumns);
      return row!;
    },
    list(filter, page) {
      return db
        .select(itemColumns)
        .from(items)
        .where(
          allOf(
            afterCursor(items.createdAt, items.id, page),
            filter.status ? eq(items.status, filter.status) : undefined,
            filter.channel ? eq(items.channel, filter.channel) : undefined,
            filter.sourceId ? eq(items.sourceId, filter.sourceId) : undefined,
            filter.clusterId ? eq(items.clusterId, filter.clusterId) : undefined,
            filter.q
              ? foldedContains(sql`${items.title} || ' ' || ${items.text}`, filter.q)
              : undefined,
          ),
        )
        .orderBy(desc(items.createdAt), desc(items.id))
        .limit(page.limit);
    },
    async updateVersioned(id, version, patch) {
      const result = await updateVersioned<Item>(db, items, id, version, { ...patch });
      if (!result.ok) return result;
      return { ok: true, row: (await byId(id))! };
    },
  };
}
