import { sql } from 'drizzle-orm';
import type { PublishedCheckSummary } from '../core/check-index.js';
import type { PendingItem, PipelineRepository } from '../core/pipeline.js';
import type { Channel, ItemStatus, Rating } from '../core/types.js';
import type { Db } from './client.js';
import { rowsOf } from './repo-support.js';

const toDate = (value: string | Date | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

const toBytes = (value: unknown): Uint8Array =>
  value instanceof Uint8Array ? value : Buffer.from(String(value).replace(/^\\x/, ''), 'hex');

/** Reads and writes of the pipeline's worker, in set-based SQL (one statement per batch). */
export function pipelineRepository(db: Db): PipelineRepository {
  return {
    async claimPending(limit, now) {
      const rows = await rowsOf<{
        id: string;
        status: ItemStatus;
        channel: Channel;
        title: string;
        text: string;
        normalized_text: string;
        language: string;
        sightings_count: number;
        sightings_24h: string | number;
        first_seen_at: string | Date;
        last_seen_at: string | Date;
        reach: number | null;
        cluster_id: string | null;
      }>(
        db,
        sql`select i.id, i.status, i.channel, i.title, i.text, i.normalized_text, i.language,
              i.sightings_count, i.first_seen_at, i.last_seen_at, i.cluster_id, s.reach,
              (select count(*) from item_sightings x
                where x.item_id = i.id
                  and x.seen_at > ${now.toISOString()}::timestamptz - interval '24 hours')
                as sightings_24h
            from items i left join sources s on s.id = i.source_id
            where i.processed_at is null
            order by i.created_at
            limit ${limit}
            for update of i skip locked`,
      );
      return rows.map((row): PendingItem => ({
        id: row.id,
        status: row.status,
        channel: row.channel,
        title: row.title,
        text: row.text,
        normalizedText: row.normalized_text,
        language: row.language,
        sightingsCount: Number(row.sightings_count),
        sightingsLast24h: Number(row.sightings_24h),
        firstSeenAt: toDate(row.first_seen_at)!,
        lastSeenAt: toDate(row.last_seen_at)!,
        reach: row.reach === null ? null : Number(row.reach),
        clusterId: row.cluster_id,
      }));
    },

    async insertClusters(newClusters, now) {
      if (newClusters.length === 0) return;
      const at = now.toISOString();
      await db.execute(sql`
        insert into clusters (id, label, created_at, updated_at)
        select d.id, d.label, ${at}::timestamptz, ${at}::timestamptz
        from json_to_recordset(${JSON.stringify(newClusters)}::json) as d(id uuid, label text)`);
    },

    async updateItems(assessments, now) {
      if (assessments.length === 0) return;
      const payload = assessments.map((a) => ({
        id: a.itemId,
        status: a.status,
        clusterId: a.clusterId,
        minhash: a.minhash ? Buffer.from(a.minhash).toString('hex') : null,
        relevance: a.relevance,
        priority: a.priorityScore,
        places: a.places,
        hits: a.watchTermHits,
        checkId: a.match?.checkId ?? null,
        confidence: a.match?.confidence ?? null,
      }));
      await db.execute(sql`
        update items set
          status = d.status,
          cluster_id = d."clusterId",
          minhash = coalesce(decode(d.minhash, 'hex'), items.minhash),
          relevance = d.relevance,
          priority_score = d.priority,
          places = d.places,
          watch_term_hits = d.hits,
          matched_check_id = coalesce(d."checkId", items.matched_check_id),
          match_confidence = coalesce(d.confidence, items.match_confidence),
          processed_at = ${now.toISOString()}::timestamptz,
          processing_runs = items.processing_runs + 1
        from json_to_recordset(${JSON.stringify(payload)}::json) as d(
          id uuid, status item_status, "clusterId" uuid, minhash text, relevance real,
          priority real, places text[], hits text[], "checkId" uuid, confidence real)
        where items.id = d.id`);
    },

    async finishBatch({ assessments, clusterMoves, now }) {
      const at = now.toISOString();
      if (clusterMoves.length > 0) {
        await db.execute(sql`
          update items set cluster_id = d."clusterId"
          from json_to_recordset(${JSON.stringify(clusterMoves)}::json)
            as d("itemId" uuid, "clusterId" uuid)
          where items.id = d."itemId"`);
      }
      const touched = [
        ...new Set([
          ...assessments.flatMap((a) => (a.clusterId ? [a.clusterId] : [])),
          ...clusterMoves.map((m) => m.clusterId),
        ]),
      ];
      if (touched.length > 0) {
        await db.execute(sql`
          update clusters c set items_count = (select count(*) from items i where i.cluster_id = c.id),
            updated_at = ${at}::timestamptz
          where c.id in (select value::uuid from json_array_elements_text(${JSON.stringify(touched)}::json))`);
      }
      const matches = assessments.flatMap((a) =>
        a.match ? [{ itemId: a.itemId, ...a.match }] : [],
      );
      if (matches.length === 0) return { answeredTips: [] };
      await db.execute(sql`
        insert into claim_items (claim_id, item_id, link_kind, match_confidence, linked_at)
        select d."claimId", d."itemId", 'matched', d.confidence, ${at}::timestamptz
        from json_to_recordset(${JSON.stringify(matches)}::json)
          as d("itemId" uuid, "claimId" uuid, confidence real)
        on conflict do nothing`);
      const answered = await rowsOf<{ id: string }>(
        db,
        sql`update tips t set status = 'answered', answer_check_id = d."checkId",
              updated_at = ${at}::timestamptz
            from json_to_recordset(${JSON.stringify(matches)}::json) as d("itemId" uuid, "checkId" uuid)
            where t.item_id = d."itemId" and t.status = 'received'
            returning t.id`,
      );
      return { answeredTips: answered.map((row) => row.id) };
    },

    async recentSignatures(since, limit) {
      const rows = await rowsOf<{ id: string; cluster_id: string | null; minhash: unknown }>(
        db,
        sql`select id, cluster_id, minhash from (
              select id, cluster_id, minhash, first_seen_at from items
              where minhash is not null and first_seen_at >= ${since.toISOString()}::timestamptz
              order by first_seen_at desc limit ${limit}) recent
            order by first_seen_at`,
      );
      return rows.map((row) => ({
        id: row.id,
        clusterId: row.cluster_id,
        minhash: toBytes(row.minhash),
      }));
    },

    async watchTerms() {
      const rows = await rowsOf<{ term: string }>(
        db,
        sql`select term from watch_terms order by folded`,
      );
      const terms = rows.map((row) => row.term);
      return { revision: terms.join('\u0000'), terms };
    },

    async pendingCount() {
      const [row] = await rowsOf<{ n: string | number }>(
        db,
        sql`select count(*) as n from items where processed_at is null`,
      );
      return Number(row?.n ?? 0);
    },

    async claimLinksToFetch(limit, now) {
      return rowsOf<{ id: string; url: string }>(
        db,
        sql`update items set page_fetched_at = ${now.toISOString()}::timestamptz
            where id in (
              select id from items
              where url is not null and length(text) = 0 and page_fetched_at is null
              order by created_at
              limit ${limit}
              for update skip locked)
            returning id, url`,
      );
    },

    async attachPage(itemId, page) {
      // A link already assessed without its text is assessed again, from the start.
      await db.execute(sql`
        update items set
          title = case when title = '' then ${page.title} else title end,
          text = ${page.text},
          normalized_text = ${page.normalizedText},
          folded_text = ${page.foldedText},
          language = coalesce(${page.language ?? null}, language),
          published_at = coalesce(published_at, ${page.publishedAt?.toISOString() ?? null}::timestamptz),
          page_fetch_error = null,
          status = case when status = 'queued' then 'new'::item_status else status end,
          processed_at = null,
          updated_at = now()
        where id = ${itemId}`);
    },

    async pageFailed(itemId, reason) {
      await db.execute(sql`
        update items set page_fetch_error = ${reason.slice(0, 500)} where id = ${itemId}`);
    },

    async publishedChecks() {
      const rows = await rowsOf<{
        check_id: string;
        claim_id: string;
        slug: string;
        title: string;
        claim_text: string;
        rating: Rating | null;
        summary: string;
        language: string;
        published_at: string | Date | null;
      }>(
        db,
        sql`select k.id as check_id, k.claim_id, k.slug, k.title, c.text as claim_text, k.rating,
              k.summary, k.language, k.published_at
            from checks k join claims c on c.id = k.claim_id
            where k.status = 'published'`,
      );
      return rows.map((row): PublishedCheckSummary => ({
        checkId: row.check_id,
        claimId: row.claim_id,
        slug: row.slug,
        title: row.title,
        claimText: row.claim_text,
        rating: row.rating,
        summary: row.summary,
        language: row.language,
        publishedAt: toDate(row.published_at),
      }));
    },

    async publishedRevision() {
      const [row] = await rowsOf<{ n: string | number; latest: string | Date | null }>(
        db,
        sql`select count(*) as n, max(k.updated_at) as latest
            from checks k where k.status = 'published'`,
      );
      const latest = toDate(row?.latest ?? null);
      return `${Number(row?.n ?? 0)}:${latest?.toISOString() ?? ''}`;
    },
  };
}
