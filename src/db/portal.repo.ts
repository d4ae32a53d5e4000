/**
 * The portal's read model: published checks and statements only. Every query states
 * `status = 'published'` itself, so a draft or an unpublished check cannot reach a page.
 */
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type {
  PublicCheckDetail,
  PublicCheckSummary,
  PublicContentRepository,
  PublicStatement,
} from '../core/portal.service.js';
import type { Rating } from '../core/types.js';
import type { Db } from './client.js';
import { foldedContains, rowsOf } from './repo-support.js';
import {
  categories,
  checkCorrections,
  checks,
  claims,
  evidence,
  snapshots,
  statements,
} from './schema.js';

const summaryColumns = {
  id: checks.id,
  slug: checks.slug,
  title: checks.title,
  rating: checks.rating,
  summary: checks.summary,
  claimText: claims.text,
  categoryId: checks.categoryId,
  language: checks.language,
  publishedAt: checks.publishedAt,
  firstPublishedAt: checks.firstPublishedAt,
  updatedAt: checks.updatedAt,
  explanation: checks.explanation,
  claimId: checks.claimId,
  claimCreatedAt: claims.createdAt,
};

type SummaryRow = {
  id: string;
  slug: string;
  title: string;
  rating: Rating | null;
  summary: string;
  claimText: string;
  categoryId: string | null;
  language: string;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  updatedAt: Date;
};

function summaryOf(row: SummaryRow): PublicCheckSummary {
  // The database guarantees a rating and a date on published checks.
  const publishedAt = row.publishedAt ?? row.updatedAt;
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    rating: row.rating ?? 'unproven',
    summary: row.summary,
    claimText: row.claimText,
    categoryId: row.categoryId,
    language: row.language,
    publishedAt,
    firstPublishedAt: row.firstPublishedAt ?? publishedAt,
    updatedAt: row.updatedAt,
  };
}

const statementColumns = {
  id: statements.id,
  slug: statements.slug,
  title: statements.title,
  body: statements.body,
  categoryId: statements.categoryId,
  language: statements.language,
  issuedAt: statements.issuedAt,
  publishedAt: statements.publishedAt,
  updatedAt: statements.updatedAt,
};

function statementOf(row: Omit<PublicStatement, 'publishedAt'> & { publishedAt: Date | null }) {
  return { ...row, publishedAt: row.publishedAt ?? row.updatedAt };
}

const published = eq(checks.status, 'published');
const publishedStatement = eq(statements.status, 'published');

export function portalRepository(db: Db): PublicContentRepository {
  const checkQuery = () =>
    db.select(summaryColumns).from(checks).innerJoin(claims, eq(claims.id, checks.claimId));
  return {
    async latestChecks({ limit, categoryId }) {
      const rows = await checkQuery()
        .where(and(published, categoryId ? eq(checks.categoryId, categoryId) : undefined))
        .orderBy(desc(checks.publishedAt), desc(checks.id))
        .limit(limit);
      return rows.map(summaryOf);
    },
    async checksByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await checkQuery().where(and(published, inArray(checks.id, [...ids])));
      return rows.map(summaryOf);
    },
    async checkBySlug(slug) {
      const [row] = await checkQuery().where(and(published, eq(checks.slug, slug)));
      if (!row) return undefined;
      const [category] = row.categoryId
        ? await db.select().from(categories).where(eq(categories.id, row.categoryId))
        : [];
      const evidenceRows = await db
        .select({
          kind: evidence.kind,
          title: evidence.title,
          url: evidence.url,
          note: evidence.note,
          snapshotId: snapshots.id,
          fetchedAt: snapshots.fetchedAt,
          sha256: snapshots.sha256,
        })
        .from(evidence)
        .leftJoin(snapshots, eq(snapshots.id, evidence.snapshotId))
        .where(eq(evidence.claimId, row.claimId))
        .orderBy(asc(evidence.position), asc(evidence.createdAt));
      const corrections = await db
        .select({ reason: checkCorrections.reason, createdAt: checkCorrections.createdAt })
        .from(checkCorrections)
        .where(eq(checkCorrections.checkId, row.id))
        .orderBy(asc(checkCorrections.createdAt));
      // Where the claim circulated: links of its items, first seen first (no authors, no handles).
      const appearances = await rowsOf<{ url: string; first_seen_at: string | Date }>(
        db,
        sql`select coalesce(i.canonical_url, i.url) as url, i.first_seen_at
            from claim_items ci join items i on i.id = ci.item_id
            where ci.claim_id = ${row.claimId} and coalesce(i.canonical_url, i.url) is not null
            order by i.first_seen_at asc limit 20`,
      );
      const detail: PublicCheckDetail = {
        ...summaryOf(row),
        explanation: row.explanation,
        category: category ?? null,
        evidence: evidenceRows.map((e) => ({
          kind: e.kind,
          title: e.title,
          url: e.url,
          note: e.note,
          snapshot:
            e.snapshotId && e.fetchedAt && e.sha256
              ? { id: e.snapshotId, fetchedAt: e.fetchedAt, sha256: e.sha256 }
              : null,
        })),
        corrections,
        appearances: appearances.map((a) => ({
          url: a.url,
          firstSeenAt: new Date(a.first_seen_at),
        })),
        claimFirstSeenAt: new Date(
          Math.min(
            row.claimCreatedAt.getTime(),
            ...appearances.map((a) => new Date(a.first_seen_at).getTime()),
          ),
        ),
      };
      return detail;
    },
    async snapshotOfCheck(slug, snapshotId) {
      const [row] = await db
        .select({
          id: snapshots.id,
          url: snapshots.url,
          finalUrl: snapshots.finalUrl,
          fetchedAt: snapshots.fetchedAt,
          httpStatus: snapshots.httpStatus,
          contentType: snapshots.contentType,
          sha256: snapshots.sha256,
          title: snapshots.title,
          text: snapshots.text,
        })
        .from(snapshots)
        .innerJoin(evidence, eq(evidence.snapshotId, snapshots.id))
        .innerJoin(checks, eq(checks.claimId, evidence.claimId))
        .where(and(published, eq(checks.slug, slug), eq(snapshots.id, snapshotId)))
        .limit(1);
      return row;
    },
    async latestStatements({ limit, categoryId }) {
      const rows = await db
        .select(statementColumns)
        .from(statements)
        .where(
          and(publishedStatement, categoryId ? eq(statements.categoryId, categoryId) : undefined),
        )
        .orderBy(desc(statements.publishedAt), desc(statements.id))
        .limit(limit);
      return rows.map(statementOf);
    },
    async statementBySlug(slug) {
      const [row] = await db
        .select(statementColumns)
        .from(statements)
        .where(and(publishedStatement, eq(statements.slug, slug)));
      return row ? statementOf(row) : undefined;
    },
    async searchStatements(q, limit) {
      const rows = await db
        .select(statementColumns)
        .from(statements)
        .where(
          and(
            publishedStatement,
            or(foldedContains(statements.title, q), foldedContains(statements.body, q)),
          ),
        )
        .orderBy(desc(statements.publishedAt))
        .limit(limit);
      return rows.map(statementOf);
    },
    async checksForUrl(canonicalUrl) {
      const rows = await checkQuery().where(
        and(
          published,
          sql`(${checks.claimId} in (select ci.claim_id from claim_items ci join items i on i.id = ci.item_id where i.canonical_url = ${canonicalUrl})
            or ${checks.id} in (select i.matched_check_id from items i where i.canonical_url = ${canonicalUrl} and i.matched_check_id is not null))`,
        ),
      );
      return rows.map(summaryOf);
    },
    categories() {
      return db.select().from(categories).orderBy(asc(categories.position), asc(categories.nameVi));
    },
    async sitemap() {
      const checkRows = await db
        .select({ slug: checks.slug, updatedAt: checks.updatedAt })
        .from(checks)
        .where(published)
        .orderBy(desc(checks.publishedAt))
        .limit(40_000);
      const statementRows = await db
        .select({ slug: statements.slug, updatedAt: statements.updatedAt })
        .from(statements)
        .where(publishedStatement)
        .orderBy(desc(statements.publishedAt))
        .limit(9_000);
      return { checks: checkRows, statements: statementRows };
    },
  };
}
