import { randomUUID } from 'node:crypto';
import { asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { ItemRepository, ItemValues, SightingValues } from '../core/ports.js';
import type { Item } from '../core/types.js';
import type { Db } from './client.js';
import {
  afterCursor,
  allOf,
  foldedContains,
  guarded,
  rowsOf,
  updateVersioned,
} from './repo-support.js';
import { claimItems, items, itemSightings } from './schema.js';

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
  processedAt: items.processedAt,
  matchedCheckId: items.matchedCheckId,
  matchConfidence: items.matchConfidence,
  places: items.places,
  watchTermHits: items.watchTermHits,
  dismissReason: items.dismissReason,
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
    intake: (entries) => intakeItems(db, entries),
    async knownKeys(canonicalUrls, contentHashes) {
      const known = new Set<string>();
      if (canonicalUrls.length > 0) {
        const rows = await rowsOf<{ k: string }>(
          db,
          sql`select canonical_url as k from items where canonical_url in (select value from json_array_elements_text(${JSON.stringify(canonicalUrls)}::json))`,
        );
        for (const row of rows) known.add(row.k);
      }
      if (contentHashes.length > 0) {
        const rows = await rowsOf<{ k: string }>(
          db,
          sql`select content_hash as k from items where content_hash in (select value from json_array_elements_text(${JSON.stringify(contentHashes)}::json))`,
        );
        for (const row of rows) known.add(row.k);
      }
      return known;
    },
    async sightings(itemId) {
      return db
        .select({
          id: itemSightings.id,
          channel: itemSightings.channel,
          sourceId: itemSightings.sourceId,
          url: itemSightings.url,
          seenAt: itemSightings.seenAt,
          dedupeKey: itemSightings.dedupeKey,
          note: itemSightings.note,
          reportedById: itemSightings.reportedById,
        })
        .from(itemSightings)
        .where(eq(itemSightings.itemId, itemId))
        .orderBy(asc(itemSightings.seenAt), asc(itemSightings.id));
    },
    async listByClaim(claimId, limit) {
      return db
        .select(itemColumns)
        .from(items)
        .innerJoin(claimItems, eq(claimItems.itemId, items.id))
        .where(eq(claimItems.claimId, claimId))
        .orderBy(desc(items.sightingsCount), asc(items.firstSeenAt), asc(items.id))
        .limit(limit);
    },
    async claimSightingsPerDay(claimId, timeZone) {
      // Each recorded sighting on its day; sightings counted without a row (older imports) on
      // the item's first day, so the days add up to the items' sightings counts.
      const rows = await rowsOf<{ day: string; n: number | string }>(
        db,
        sql`with linked as (
              select i.id, i.first_seen_at, i.sightings_count
              from claim_items ci join items i on i.id = ci.item_id
              where ci.claim_id = ${claimId}),
            seen as (
              select s.item_id, s.seen_at from item_sightings s join linked l on l.id = s.item_id),
            counted as (
              select seen_at as at, 1 as n from seen
              union all
              select l.first_seen_at, l.sightings_count - (
                       select count(*) from seen s where s.item_id = l.id)
              from linked l)
            select to_char(at at time zone ${timeZone}, 'YYYY-MM-DD') as day, sum(n)::int as n
            from counted where n > 0 group by 1 order by 1`,
      );
      return rows.map((r) => ({ day: r.day, count: Number(r.n) }));
    },
    async idsInCluster(clusterId) {
      const rows = await db
        .select({ id: items.id })
        .from(items)
        .where(eq(items.clusterId, clusterId))
        .orderBy(asc(items.firstSeenAt), asc(items.id));
      return rows.map((row) => row.id);
    },
    statuses(ids) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .select({ id: items.id, status: items.status })
        .from(items)
        .where(inArray(items.id, [...ids]));
    },
    async setTriage(ids, change) {
      if (ids.length === 0) return [];
      const rows = await db
        .update(items)
        .set({
          status: change.status,
          dismissReason: change.dismissReason,
          version: sql`${items.version} + 1`,
          updatedAt: new Date(),
        })
        .where(inArray(items.id, [...ids]))
        .returning({ id: items.id });
      return rows.map((row) => row.id);
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

type IntakeEntry = { values: ItemValues; sighting: SightingValues };
type IntakeResult = Awaited<ReturnType<ItemRepository['intake']>>;

/** Rows per statement (one JSON parameter each; bounded to keep statements a sensible size). */
const INTAKE_CHUNK = 1000;

/**
 * Bulk "store once, count every sighting". Entries that name the same content are grouped
 * first; the group's first entry is offered for insertion and the unique indexes decide (a
 * concurrent writer's row wins and is found afterwards). Sightings are inserted with their
 * dedupe keys, and only those actually inserted raise the count.
 */
async function intakeItems(db: Db, entries: readonly IntakeEntry[]): Promise<IntakeResult> {
  if (entries.length === 0) return [];
  const groupOf = new Array<number>(entries.length);
  const groupByKey = new Map<string, number>();
  const leaders: number[] = [];
  entries.forEach((entry, index) => {
    const urlKey = entry.values.canonicalUrl ? `u:${entry.values.canonicalUrl}` : undefined;
    const hashKey = `h:${entry.values.contentHash}`;
    let group = (urlKey ? groupByKey.get(urlKey) : undefined) ?? groupByKey.get(hashKey);
    if (group === undefined) {
      group = leaders.length;
      leaders.push(index);
    }
    groupOf[index] = group;
    if (urlKey && !groupByKey.has(urlKey)) groupByKey.set(urlKey, group);
    if (!groupByKey.has(hashKey)) groupByKey.set(hashKey, group);
  });

  // Sorted by fingerprint so concurrent batches take index locks in one order (no deadlock).
  const offered = [...leaders].sort((a, b) =>
    entries[a]!.values.contentHash < entries[b]!.values.contentHash ? -1 : 1,
  );
  const itemIdOfGroup = new Array<string | undefined>(leaders.length);
  const createdGroups = new Set<number>();
  const groupByHash = new Map<string, number>();
  const groupByUrl = new Map<string, number>();
  leaders.forEach((entryIndex, group) => {
    const values = entries[entryIndex]!.values;
    groupByHash.set(values.contentHash, group);
    if (values.canonicalUrl) groupByUrl.set(values.canonicalUrl, group);
  });
  for (let i = 0; i < offered.length; i += INTAKE_CHUNK) {
    const chunk = offered.slice(i, i + INTAKE_CHUNK).map((index) => {
      const { values, sighting } = entries[index]!;
      const { assessment: a, ...rest } = values;
      return {
        ...rest,
        id: rest.id ?? randomUUID(),
        seenAt: sighting.seenAt,
        ...(a
          ? {
              status: a.status,
              clusterId: a.clusterId,
              minhash: a.minhash ? Buffer.from(a.minhash).toString('base64') : null,
              relevance: a.relevance,
              priority: a.priorityScore,
              places: a.places,
              hits: a.watchTermHits,
              checkId: a.match?.checkId ?? null,
              confidence: a.match?.confidence ?? null,
              processedAt: sighting.seenAt,
            }
          : {}),
      };
    });
    const inserted = await rowsOf<{ id: string; content_hash: string }>(
      db,
      sql`insert into items (id, channel, source_id, url, canonical_url, title, text, language,
            published_at, normalized_text, folded_text, content_hash, first_seen_at, last_seen_at,
            status, cluster_id, minhash, relevance, priority_score, places, watch_term_hits,
            matched_check_id, match_confidence, processed_at, processing_runs)
          select id, channel, "sourceId", url, "canonicalUrl", title, text, language,
            "publishedAt", "normalizedText", "foldedText", "contentHash", "seenAt", "seenAt",
            coalesce(status, 'new'), "clusterId", decode(minhash, 'base64'), coalesce(relevance, 0),
            coalesce(priority, 0), coalesce(places, '{}'), coalesce(hits, '{}'), "checkId",
            confidence, "processedAt", case when "processedAt" is null then 0 else 1 end
          from json_to_recordset(${JSON.stringify(chunk)}::json) as d(id uuid, channel channel,
            "sourceId" uuid, url text, "canonicalUrl" text, title text, text text, language text,
            "publishedAt" timestamptz, "normalizedText" text, "foldedText" text,
            "contentHash" text, "seenAt" timestamptz, status item_status, "clusterId" uuid,
            minhash text, relevance real, priority real, places text[], hits text[],
            "checkId" uuid, confidence real, "processedAt" timestamptz)
          on conflict do nothing
          returning id, content_hash`,
    );
    for (const row of inserted) {
      const group = groupByHash.get(row.content_hash)!;
      itemIdOfGroup[group] = row.id;
      createdGroups.add(group);
    }
  }
  const missing = leaders.map((_, group) => group).filter((g) => !itemIdOfGroup[g]);
  for (let i = 0; i < missing.length; i += INTAKE_CHUNK) {
    const chunk = missing.slice(i, i + INTAKE_CHUNK);
    const hashes = chunk.map((g) => entries[leaders[g]!]!.values.contentHash);
    const urls = chunk.flatMap((g) => entries[leaders[g]!]!.values.canonicalUrl ?? []);
    const rows = await db
      .select({ id: items.id, canonicalUrl: items.canonicalUrl, contentHash: items.contentHash })
      .from(items)
      .where(
        urls.length > 0
          ? or(inArray(items.contentHash, hashes), inArray(items.canonicalUrl, urls))
          : inArray(items.contentHash, hashes),
      );
    for (const row of rows) {
      // The URL names the page; it wins over a fingerprint shared with another page.
      const byUrl = row.canonicalUrl ? groupByUrl.get(row.canonicalUrl) : undefined;
      if (byUrl !== undefined && !itemIdOfGroup[byUrl]) itemIdOfGroup[byUrl] = row.id;
    }
    for (const row of rows) {
      const byHash = groupByHash.get(row.contentHash);
      if (byHash !== undefined && !itemIdOfGroup[byHash]) itemIdOfGroup[byHash] = row.id;
    }
  }

  const sightingRows = entries.map((entry, index) => {
    const itemId = itemIdOfGroup[groupOf[index]!];
    if (!itemId) throw new Error('intake: an offered item was neither inserted nor found');
    return {
      itemId,
      ...entry.sighting,
      dedupeKey: entry.sighting.dedupeKey ?? null,
      note: entry.sighting.note ?? null,
      reportedById: entry.sighting.reportedById ?? null,
    };
  });
  const counted = new Array<boolean>(entries.length).fill(false);
  const countedKeys = new Set<string>();
  const newSightings = new Map<string, { n: number; lastSeen: Date }>();
  for (let i = 0; i < sightingRows.length; i += INTAKE_CHUNK) {
    const chunk = sightingRows.slice(i, i + INTAKE_CHUNK);
    const inserted = (
      await rowsOf<{ item_id: string; dedupe_key: string | null; seen_at: string | Date }>(
        db,
        sql`insert into item_sightings (item_id, channel, source_id, url, seen_at, dedupe_key,
              note, reported_by_id)
            select "itemId", channel, "sourceId", url, "seenAt", "dedupeKey", note, "reportedById"
            from json_to_recordset(${JSON.stringify(chunk)}::json) as d("itemId" uuid,
              channel channel, "sourceId" uuid, url text, "seenAt" timestamptz, "dedupeKey" text,
              note text, "reportedById" uuid)
            on conflict do nothing
            returning item_id, dedupe_key, seen_at`,
      )
    ).map((row) => ({
      itemId: row.item_id,
      dedupeKey: row.dedupe_key,
      seenAt: row.seen_at instanceof Date ? row.seen_at : new Date(row.seen_at),
    }));
    for (const row of inserted) {
      if (row.dedupeKey) countedKeys.add(row.dedupeKey);
      const tally = newSightings.get(row.itemId) ?? { n: 0, lastSeen: row.seenAt };
      tally.n += 1;
      if (row.seenAt > tally.lastSeen) tally.lastSeen = row.seenAt;
      newSightings.set(row.itemId, tally);
    }
  }
  sightingRows.forEach((row, index) => {
    counted[index] = row.dedupeKey === null || countedKeys.has(row.dedupeKey);
  });

  // A new item starts at one sighting: its first counted sighting is already in the count.
  const createdIds = new Set([...createdGroups].map((g) => itemIdOfGroup[g]!));
  const raises: { id: string; delta: number; lastSeen: Date }[] = [];
  for (const [id, tally] of newSightings) {
    const delta = tally.n - (createdIds.has(id) ? 1 : 0);
    if (delta > 0) raises.push({ id, delta, lastSeen: tally.lastSeen });
  }
  const countOf = new Map<string, number>();
  for (let i = 0; i < raises.length; i += INTAKE_CHUNK) {
    const chunk = raises.slice(i, i + INTAKE_CHUNK);
    const rows = await rowsOf<{ id: string; sightings_count: number }>(
      db,
      sql`
      update items set
        sightings_count = items.sightings_count + d.delta,
        last_seen_at = greatest(items.last_seen_at, d."lastSeen"),
        processed_at = null,
        updated_at = now()
      from json_to_recordset(${JSON.stringify(chunk)}::json)
        as d(id uuid, delta int, "lastSeen" timestamptz)
      where items.id = d.id
      returning items.id, items.sightings_count`,
    );
    for (const row of rows) countOf.set(row.id, Number(row.sightings_count));
  }
  // Items seen again without a counted sighting: report their standing count.
  const uncounted = [
    ...new Set(
      itemIdOfGroup.filter((id): id is string => !!id && !countOf.has(id) && !createdIds.has(id)),
    ),
  ];
  for (let i = 0; i < uncounted.length; i += INTAKE_CHUNK) {
    const rows = await db
      .select({ id: items.id, sightingsCount: items.sightingsCount })
      .from(items)
      .where(inArray(items.id, uncounted.slice(i, i + INTAKE_CHUNK)));
    for (const row of rows) countOf.set(row.id, row.sightingsCount);
  }
  return entries.map((_, index) => {
    const group = groupOf[index]!;
    const itemId = itemIdOfGroup[group]!;
    return {
      itemId,
      created: createdGroups.has(group) && leaders[group] === index,
      counted: counted[index]!,
      sightingsCount: countOf.get(itemId) ?? (createdIds.has(itemId) ? 1 : 0),
    };
  });
}
