/**
 * What the scale benchmark writes directly, because in real life it comes from the desk's
 * workflow rather than from intake: staff, categories, claims with their states, published
 * checks with evidence and corrections, the desk's triage of the items (claims linked to the
 * items they came from; most other items dismissed), and the timeline. Items themselves only
 * enter through the product's pipeline (monitored feeds polled by worker processes).
 *
 * A bench-only table, `scale_bench_claims`, remembers each claim's corpus index.
 */
import { randomUUID } from 'node:crypto';
import { canonicalizeUrl } from '../../src/core/url.js';
import { textFields } from '../../src/core/text-fields.js';
import type { Database } from '../../src/db/client.js';
import type { Repositories } from '../../src/core/ports.js';
import {
  ENTRIES_PER_FEED,
  ITEM_INTERVAL_MS,
  ITEMS_PER_CLAIM,
  ITEMS_PER_FEED,
  ScaleCorpus,
} from './scale-corpus.js';

/** Rows per statement of the seeding inserts (one JSON parameter each). */
const CHUNK = 2000;

/** The bench's desk: staff (editors then leads) and categories. */
export interface ScaleDesk {
  editors: string[];
  leads: string[];
  categories: string[];
}

export async function createDesk(database: Database, repos: Repositories): Promise<ScaleDesk> {
  const editors: string[] = [];
  const leads: string[] = [];
  for (let i = 0; i < 8; i++) {
    const user = await repos.users.insert({
      email: `bientap-${i}@scale.kiemchung.invalid`,
      displayName: `Biên tập viên ${i + 1}`,
      role: 'editor',
    });
    editors.push(user.id);
  }
  for (let i = 0; i < 2; i++) {
    const user = await repos.users.insert({
      email: `truongnhom-${i}@scale.kiemchung.invalid`,
      displayName: `Trưởng nhóm ${i + 1}`,
      role: 'lead',
    });
    leads.push(user.id);
  }
  const names = [
    ['suc-khoe', 'Sức khỏe', 'Health'],
    ['giao-thong', 'Giao thông', 'Transport'],
    ['kinh-te', 'Kinh tế', 'Economy'],
    ['giao-duc', 'Giáo dục', 'Education'],
    ['moi-truong', 'Môi trường', 'Environment'],
    ['an-ninh', 'An ninh trật tự', 'Public order'],
    ['thien-tai', 'Thiên tai', 'Disasters'],
    ['chinh-sach', 'Chính sách', 'Policy'],
  ] as const;
  const { rows } = await database.query<{ id: string }>(
    `insert into categories (slug, name_vi, name_en, position)
     select d.slug, d.vi, d.en, d.pos from json_to_recordset($1::json) as d(slug text, vi text, en text, pos int)
     returning id`,
    [JSON.stringify(names.map(([slug, vi, en], pos) => ({ slug, vi, en, pos })))],
  );
  await database.exec(
    `create table if not exists scale_bench_claims (
       n integer primary key, claim_id uuid not null, due_in_hours integer)`,
  );
  return { editors, leads, categories: rows.map((r) => r.id) };
}

/** Inserts claims [from, to) and the published checks among them. Times are set by {@link retime}. */
export async function seedClaims(
  database: Database,
  corpus: ScaleCorpus,
  desk: ScaleDesk,
  from: number,
  to: number,
): Promise<void> {
  for (let start = from; start < to; start += CHUNK) {
    const claims = Array.from({ length: Math.min(CHUNK, to - start) }, (_, i) =>
      corpus.claim(start + i),
    );
    const rows = claims.map((c) => ({
      id: randomUUID(),
      n: c.index,
      text: c.text,
      ...textFields(c.text),
      language: c.language,
      status: c.status,
      reason: c.rejectionReason,
      priority: c.priority,
      assignee: c.assignee === null ? null : desk.editors[c.assignee],
      category: c.category === null ? null : desk.categories[c.category],
      createdBy: desk.editors[c.index % desk.editors.length],
      due: c.dueInHours,
    }));
    await database.query(
      `with d as (
         select * from json_to_recordset($1::json) as d(id uuid, n int, text text,
           "normalizedText" text, "foldedText" text, language text, status claim_status,
           reason rejection_reason, priority priority, assignee uuid, category uuid,
           "createdBy" uuid, due int)),
       inserted as (
         insert into claims (id, text, normalized_text, folded_text, language, status,
           rejection_reason, priority, assignee_id, category_id, created_by_id)
         select id, text, "normalizedText", "foldedText", language, status, reason, priority,
           assignee, category, "createdBy" from d
         returning id)
       insert into scale_bench_claims (n, claim_id, due_in_hours)
       select d.n, d.id, d.due from d join inserted using (id)`,
      [JSON.stringify(rows)],
    );
  }
  const firstCheck = Math.ceil(from / 5);
  const lastCheck = Math.ceil(to / 5);
  for (let start = firstCheck; start < lastCheck; start += CHUNK) {
    const checks = Array.from({ length: Math.min(CHUNK, lastCheck - start) }, (_, i) =>
      corpus.check(start + i),
    );
    const rows = checks.map((k) => {
      const claim = corpus.claim(k.claim);
      return {
        n: k.claim,
        slug: k.slug,
        title: k.title,
        rating: k.rating,
        summary: k.summary,
        explanation: k.explanation,
        category: claim.category === null ? null : desk.categories[claim.category],
        author: desk.editors[k.index % desk.editors.length],
        reviewer: desk.leads[k.index % desk.leads.length],
        language: claim.language,
        evidence: k.evidence.map((e, position) => ({ ...e, position })),
        correction: k.correction,
      };
    });
    await database.query(
      `with d as (
         select * from json_to_recordset($1::json) as d(n int, slug text, title text,
           rating rating, summary text, explanation text, category uuid, author uuid,
           reviewer uuid, language text, evidence json, correction text)),
       inserted as (
         insert into checks (claim_id, slug, title, rating, summary, explanation, status,
           category_id, author_id, reviewer_id, language, published_at, first_published_at, version)
         select s.claim_id, d.slug, d.title, d.rating, d.summary, d.explanation, 'published',
           d.category, d.author, d.reviewer, d.language, now(), now(),
           case when d.correction is null then 1 else 2 end
         from d join scale_bench_claims s on s.n = d.n
         returning id, claim_id, slug),
       evidence_rows as (
         insert into evidence (claim_id, kind, title, url, note, position, added_by_id)
         select i.claim_id, 'url', e.title, e.url, e.note, e.position, d.author
         from inserted i join d on d.slug = i.slug,
           json_to_recordset(d.evidence) as e(title text, url text, note text, position int)
         returning 1)
       insert into check_corrections (check_id, reason, version_before, version_after, created_by_id)
       select i.id, d.correction, 1, 2, d.reviewer
       from inserted i join d on d.slug = i.slug where d.correction is not null`,
      [JSON.stringify(rows)],
    );
  }
}

/** Adds the monitored sources of feeds [from, to), due at once. Returns their ids. */
export async function addSources(
  database: Database,
  origin: string,
  from: number,
  to: number,
): Promise<string[]> {
  const rows = Array.from({ length: to - from }, (_, i) => {
    const k = from + i;
    const url = `${origin}/feeds/${k}.xml`;
    // Reach varies by source, as it does between a national paper and a village group.
    return { name: `Nguồn theo dõi ${k}`, url, reach: 0.2 + ((k * 37) % 70) / 100 };
  });
  const { rows: inserted } = await database.query<{ id: string }>(
    `insert into sources (name, kind, url, canonical_url, schedule_minutes, reach)
     select d.name, 'feed', d.url, d.url, 10080, d.reach
     from json_to_recordset($1::json) as d(name text, url text, reach real)
     returning id`,
    [JSON.stringify(rows)],
  );
  return inserted.map((r) => r.id);
}

/**
 * The desk's triage of the items of a load step: each claim of the step is linked to the items
 * it was made from, linked items leave the untriaged list, and four in five of the other new
 * items are dismissed (the desk works through its incoming list), so a fifth stays untriaged.
 */
export async function triage(
  database: Database,
  corpus: ScaleCorpus,
  desk: ScaleDesk,
  claims: { from: number; to: number },
  stepStartedAt: Date,
): Promise<{ links: number; dismissed: number }> {
  let links = 0;
  for (let start = claims.from; start < claims.to; start += CHUNK) {
    const rows: Array<{ n: number; url: string }> = [];
    for (let c = start; c < Math.min(start + CHUNK, claims.to); c++) {
      for (const item of corpus.claim(c).itemIndexes) {
        rows.push({ n: c, url: canonicalizeUrl(corpus.item(item).url) });
      }
    }
    const result = await database.query(
      `insert into claim_items (claim_id, item_id, link_kind, linked_by_id)
       select s.claim_id, i.id, 'manual', $2::uuid
       from json_to_recordset($1::json) as d(n int, url text)
         join scale_bench_claims s on s.n = d.n
         join items i on i.canonical_url = d.url
       on conflict do nothing`,
      [JSON.stringify(rows), desk.leads[0]],
    );
    links += result.rowCount;
  }
  // One pass over the step's items: linked ones leave the list, most others are dismissed.
  const result = await database.query(
    `update items i set
       status = case when exists (select 1 from claim_items ci where ci.item_id = i.id)
                     then 'linked'::item_status else 'dismissed'::item_status end,
       dismiss_reason = case when exists (select 1 from claim_items ci where ci.item_id = i.id)
                     then null else 'out_of_scope'::rejection_reason end
     where i.created_at >= $1::timestamptz and i.status in ('new', 'queued')
       and (exists (select 1 from claim_items ci where ci.item_id = i.id)
            or substring(i.canonical_url from 'bai-([0-9]+)[.]html$')::int % 5 <> 0)`,
    [stepStartedAt.toISOString()],
  );
  return { links, dismissed: result.rowCount };
}

/** Where the timeline stands: `items` items loaded, the newest seen at `now`. */
export interface Timeline {
  items: number;
  now: Date;
}

/**
 * Places every row on one timeline: item n was first seen at now − (items − n) × 31.5 s, a
 * steady national pace of a million items a year, and the desk's claims and checks keep step.
 * Rows written by this load step (created at or after `stepStartedAt`, at the real time of the
 * run) get their place from their index; older rows move by the same amount as the timeline.
 */
export async function retime(
  database: Database,
  previous: Timeline | null,
  current: Timeline,
  stepStartedAt: Date,
): Promise<void> {
  const rowMs = (ITEM_INTERVAL_MS * ITEMS_PER_FEED) / ENTRIES_PER_FEED;
  const rows = ScaleCorpus.feedsFor(current.items) * ENTRIES_PER_FEED;
  const now = current.now.toISOString();
  const step = stepStartedAt.toISOString();
  const shiftMs = previous
    ? current.now.getTime() -
      previous.now.getTime() -
      (current.items - previous.items) * ITEM_INTERVAL_MS
    : 0;
  const shift = `${shiftMs} * interval '1 millisecond'`;
  await database.query(
    `update item_sightings set seen_at = case
       when seen_at >= $1::timestamptz then
         $2::timestamptz - ($3::bigint - substring(dedupe_key from 'scale-([0-9]+)$')::bigint)
           * $4::float8 * interval '1 millisecond'
       else seen_at + ${shift} end`,
    [step, now, rows, rowMs],
  );
  // Items of this step, and older ones seen again during it, take their times from sightings.
  await database.query(
    `update items i set first_seen_at = s.first, last_seen_at = s.last,
       created_at = case when i.created_at >= $1::timestamptz then s.first
                         else i.created_at + ${shift} end
     from (select item_id, min(seen_at) as first, max(seen_at) as last from item_sightings
           group by item_id) s
     where s.item_id = i.id and (i.created_at >= $1::timestamptz or i.last_seen_at >= $1::timestamptz)`,
    [step],
  );
  if (shiftMs !== 0) {
    await database.query(
      `update items set first_seen_at = first_seen_at + ${shift},
         last_seen_at = last_seen_at + ${shift}, created_at = created_at + ${shift}
       where created_at < $1::timestamptz and last_seen_at < $1::timestamptz`,
      [step],
    );
  }
  // Claims keep pace with the items they come from; open ones have deadlines around now.
  const claimMs = ITEMS_PER_CLAIM * ITEM_INTERVAL_MS;
  await database.query(
    `update claims c set
       created_at = t.created, updated_at = t.created + interval '3 hours',
       first_response_at = case when c.status = 'new' then null else t.created + interval '2 hours' end,
       due_at = case when s.due_in_hours is null then null
                     else $1::timestamptz + s.due_in_hours * interval '1 hour' end
     from scale_bench_claims s,
       lateral (select $1::timestamptz - ($2::bigint - s.n) * $3::float8 * interval '1 millisecond'
                       + interval '1 hour' as created) t
     where s.claim_id = c.id`,
    [now, ScaleCorpus.claimsFor(current.items), claimMs],
  );
  await database.query(
    `update checks k set created_at = c.created_at + interval '3 hours',
       published_at = least(c.created_at + interval '1 day', $1::timestamptz),
       first_published_at = least(c.created_at + interval '1 day', $1::timestamptz),
       updated_at = least(c.created_at + interval '1 day', $1::timestamptz)
     from claims c where c.id = k.claim_id`,
    [now],
  );
  await database.query(
    `update check_corrections x set created_at = least(k.published_at + interval '2 days', $1::timestamptz)
     from checks k where k.id = x.check_id`,
    [now],
  );
  await database.query(
    `update claim_items ci set linked_at = greatest(c.created_at, i.first_seen_at)
     from claims c, items i where c.id = ci.claim_id and i.id = ci.item_id`,
  );
}
