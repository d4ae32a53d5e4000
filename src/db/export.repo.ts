/**
 * Rows of the spreadsheet exports (claims, checks, items) for a period with the desk's filters.
 * Unknown filter values are refused by the callers; here every value is a bound parameter.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ExportFilter, ExportKind, ReportPeriod } from '../core/report.js';
import { MAX_EXPORT_ROWS } from '../core/report.js';
import type {
  Channel,
  CheckStatus,
  ClaimStatus,
  ItemStatus,
  Priority,
  Rating,
} from '../core/types.js';
import type { Db } from './client.js';
import { foldedContains, rowsOf } from './repo-support.js';

export interface ClaimExportRow {
  id: string;
  createdAt: Date;
  text: string;
  status: ClaimStatus;
  priority: Priority;
  dueAt: Date | null;
  firstResponseAt: Date | null;
  category: string | null;
  sightings: number;
  rating: Rating | null;
}

export interface CheckExportRow {
  id: string;
  createdAt: Date;
  title: string;
  slug: string;
  rating: Rating | null;
  status: CheckStatus;
  category: string | null;
  firstPublishedAt: Date | null;
  claimText: string;
  corrections: number;
}

export interface ItemExportRow {
  id: string;
  firstSeenAt: Date;
  channel: Channel;
  title: string;
  url: string | null;
  text: string;
  status: ItemStatus;
  sightings: number;
  matchedCheckTitle: string | null;
}

export interface ExportRows {
  claims: ClaimExportRow[];
  checks: CheckExportRow[];
  items: ItemExportRow[];
}

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));

function where(conditions: Array<SQL | undefined>): SQL {
  const defined = conditions.filter((c): c is SQL => c !== undefined);
  return sql.join(defined, sql` and `);
}

/** Export queries over `db`. */
export function exportRepository(db: Db) {
  return {
    async claims(period: ReportPeriod, filter: ExportFilter): Promise<ClaimExportRow[]> {
      const rows = await rowsOf<Record<string, unknown>>(
        db,
        sql`select c.id, c.created_at, c.text, c.status::text as status, c.priority::text as priority,
              c.due_at, c.first_response_at, cat.name_vi as category,
              (select coalesce(sum(i.sightings_count), 0) from claim_items ci
                join items i on i.id = ci.item_id where ci.claim_id = c.id)::int as sightings,
              (select ch.rating::text from checks ch
                where ch.claim_id = c.id and ch.status = 'published') as rating
            from claims c left join categories cat on cat.id = c.category_id
            where ${where([
              sql`c.created_at >= ${period.from.toISOString()}::timestamptz`,
              sql`c.created_at < ${period.to.toISOString()}::timestamptz`,
              filter.status ? sql`c.status::text = ${filter.status}` : undefined,
              filter.category ? sql`cat.slug = ${filter.category}` : undefined,
              filter.priority ? sql`c.priority::text = ${filter.priority}` : undefined,
              foldedContains(sql`c.text`, filter.q),
            ])}
            order by c.created_at, c.id
            limit ${MAX_EXPORT_ROWS}`,
      );
      return rows.map((r) => ({
        id: String(r.id),
        createdAt: date(r.created_at),
        text: String(r.text),
        status: r.status as ClaimStatus,
        priority: r.priority as Priority,
        dueAt: dateOrNull(r.due_at),
        firstResponseAt: dateOrNull(r.first_response_at),
        category: (r.category as string | null) ?? null,
        sightings: Number(r.sightings),
        rating: (r.rating as Rating | null) ?? null,
      }));
    },
    async checks(period: ReportPeriod, filter: ExportFilter): Promise<CheckExportRow[]> {
      const rows = await rowsOf<Record<string, unknown>>(
        db,
        sql`select ch.id, ch.created_at, ch.title, ch.slug, ch.rating::text as rating,
              ch.status::text as status, cat.name_vi as category, ch.first_published_at,
              c.text as claim_text,
              (select count(*) from check_corrections cc where cc.check_id = ch.id)::int
                as corrections
            from checks ch join claims c on c.id = ch.claim_id
              left join categories cat on cat.id = ch.category_id
            where ${where([
              sql`ch.created_at >= ${period.from.toISOString()}::timestamptz`,
              sql`ch.created_at < ${period.to.toISOString()}::timestamptz`,
              filter.status ? sql`ch.status::text = ${filter.status}` : undefined,
              filter.category ? sql`cat.slug = ${filter.category}` : undefined,
              filter.rating ? sql`ch.rating::text = ${filter.rating}` : undefined,
              foldedContains(sql`ch.title || ' ' || c.text`, filter.q),
            ])}
            order by ch.created_at, ch.id
            limit ${MAX_EXPORT_ROWS}`,
      );
      return rows.map((r) => ({
        id: String(r.id),
        createdAt: date(r.created_at),
        title: String(r.title),
        slug: String(r.slug),
        rating: (r.rating as Rating | null) ?? null,
        status: r.status as CheckStatus,
        category: (r.category as string | null) ?? null,
        firstPublishedAt: dateOrNull(r.first_published_at),
        claimText: String(r.claim_text),
        corrections: Number(r.corrections),
      }));
    },
    async items(period: ReportPeriod, filter: ExportFilter): Promise<ItemExportRow[]> {
      const rows = await rowsOf<Record<string, unknown>>(
        db,
        sql`select i.id, i.first_seen_at, i.channel::text as channel, i.title, i.url, i.text,
              i.status::text as status, i.sightings_count, ch.title as matched_title
            from items i left join checks ch on ch.id = i.matched_check_id
            where ${where([
              sql`i.first_seen_at >= ${period.from.toISOString()}::timestamptz`,
              sql`i.first_seen_at < ${period.to.toISOString()}::timestamptz`,
              filter.status ? sql`i.status::text = ${filter.status}` : undefined,
              filter.channel ? sql`i.channel::text = ${filter.channel}` : undefined,
              foldedContains(sql`i.title || ' ' || i.text`, filter.q),
            ])}
            order by i.first_seen_at, i.id
            limit ${MAX_EXPORT_ROWS}`,
      );
      return rows.map((r) => ({
        id: String(r.id),
        firstSeenAt: date(r.first_seen_at),
        channel: r.channel as Channel,
        title: String(r.title),
        url: (r.url as string | null) ?? null,
        text: String(r.text),
        status: r.status as ItemStatus,
        sightings: Number(r.sightings_count),
        matchedCheckTitle: (r.matched_title as string | null) ?? null,
      }));
    },
  };
}

/** The export queries' type. */
export type ExportRepository = ReturnType<typeof exportRepository>;
/** Rows of one kind. */
export type ExportRowsOf<K extends ExportKind> = ExportRows[K];
