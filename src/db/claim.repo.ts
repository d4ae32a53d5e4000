import { and, asc, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { CheckRepository, ClaimRepository, EvidenceRepository } from '../core/ports.js';
import type { Check, Claim } from '../core/types.js';
import type { Db } from './client.js';
import {
  afterCursor,
  allOf,
  foldedContains,
  guarded,
  rowsOf,
  updateVersioned,
} from './repo-support.js';
import { OPEN_CLAIM_STATUSES } from '../core/types.js';
import {
  checkCorrections,
  checkReviews,
  checks,
  checkVersions,
  claimItems,
  claims,
  evidence,
} from './schema.js';

const claimColumns = {
  id: claims.id,
  text: claims.text,
  language: claims.language,
  status: claims.status,
  rejectionReason: claims.rejectionReason,
  mergedIntoId: claims.mergedIntoId,
  priority: claims.priority,
  dueAt: claims.dueAt,
  firstResponseAt: claims.firstResponseAt,
  assigneeId: claims.assigneeId,
  categoryId: claims.categoryId,
  createdById: claims.createdById,
  createdAt: claims.createdAt,
  updatedAt: claims.updatedAt,
  version: claims.version,
};

export function claimRepository(db: Db): ClaimRepository {
  const byId = async (id: string): Promise<Claim | undefined> => {
    const [row] = await db.select(claimColumns).from(claims).where(eq(claims.id, id));
    return row;
  };
  return {
    async insert(values) {
      const [row] = await guarded(db.insert(claims).values(values).returning(claimColumns));
      return row!;
    },
    findById: byId,
    list(filter, page) {
      return db
        .select(claimColumns)
        .from(claims)
        .where(
          allOf(
            afterCursor(claims.createdAt, claims.id, page),
            filter.status ? eq(claims.status, filter.status) : undefined,
            filter.categoryId ? eq(claims.categoryId, filter.categoryId) : undefined,
            filter.priority ? eq(claims.priority, filter.priority) : undefined,
            filter.assigneeId ? eq(claims.assigneeId, filter.assigneeId) : undefined,
            filter.overdueAt
              ? and(
                  lt(claims.dueAt, filter.overdueAt),
                  inArray(claims.status, [...OPEN_CLAIM_STATUSES]),
                )
              : undefined,
            foldedContains(claims.text, filter.q),
          ),
        )
        .orderBy(desc(claims.createdAt), desc(claims.id))
        .limit(page.limit);
    },
    async updateVersioned(id, version, patch) {
      const result = await updateVersioned<Claim>(
        db,
        claims,
        id,
        version,
        patch as Record<string, unknown>,
      );
      if (!result.ok) return result;
      return { ok: true, row: (await byId(id))! };
    },
    async linkItems(claimId, itemIds, linkedById, linkKind = 'manual') {
      if (itemIds.length === 0) return;
      await guarded(
        db
          .insert(claimItems)
          .values(itemIds.map((itemId) => ({ claimId, itemId, linkedById, linkKind })))
          .onConflictDoNothing(),
      );
    },
    async moveItems(fromClaimId, toClaimId) {
      // An item already linked to both keeps its older link to the target.
      const rows = await rowsOf<{ item_id: string }>(
        db,
        sql`with moved as (
              delete from claim_items where claim_id = ${fromClaimId} returning *)
            insert into claim_items (claim_id, item_id, link_kind, match_confidence, linked_by_id, linked_at)
            select ${toClaimId}, item_id, link_kind, match_confidence, linked_by_id, linked_at from moved
            on conflict do nothing
            returning item_id`,
      );
      return rows.map((row) => row.item_id);
    },
    async itemIds(claimId) {
      const rows = await db
        .select({ itemId: claimItems.itemId })
        .from(claimItems)
        .where(eq(claimItems.claimId, claimId))
        .orderBy(asc(claimItems.linkedAt));
      return rows.map((r) => r.itemId);
    },
    async setStatus(claimId, status) {
      await db
        .update(claims)
        .set({
          status,
          rejectionReason: null,
          updatedAt: new Date(),
          version: sql`${claims.version} + 1`,
        })
        .where(eq(claims.id, claimId));
    },
    openClaimTexts: () =>
      db
        .select({ id: claims.id, text: claims.text, language: claims.language })
        .from(claims)
        .where(inArray(claims.status, [...OPEN_CLAIM_STATUSES]))
        .orderBy(asc(claims.createdAt), asc(claims.id)),
    async openClaimsRevision() {
      // Any insert, edit (versions only grow) or closing changes one of the three.
      const [row] = await db
        .select({
          n: count(),
          versions: sql<string>`coalesce(sum(${claims.version}), 0)::text`,
          latest: sql<string>`coalesce(max(${claims.updatedAt})::text, '')`,
        })
        .from(claims)
        .where(inArray(claims.status, [...OPEN_CLAIM_STATUSES]));
      return `${row?.n ?? 0}:${row?.versions ?? 0}:${row?.latest ?? ''}`;
    },
  };
}

export function checkRepository(db: Db): CheckRepository {
  return {
    async insert(values) {
      const [row] = await guarded(db.insert(checks).values(values).returning());
      return row!;
    },
    async findById(id) {
      const [row] = await db.select().from(checks).where(eq(checks.id, id));
      return row;
    },
    async findByClaimId(claimId) {
      const [row] = await db.select().from(checks).where(eq(checks.claimId, claimId));
      return row;
    },
    list(filter, page) {
      return db
        .select()
        .from(checks)
        .where(
          allOf(
            afterCursor(checks.createdAt, checks.id, page),
            filter.status ? eq(checks.status, filter.status) : undefined,
            filter.claimId ? eq(checks.claimId, filter.claimId) : undefined,
            filter.categoryId ? eq(checks.categoryId, filter.categoryId) : undefined,
            filter.rating ? eq(checks.rating, filter.rating) : undefined,
            foldedContains(sql`${checks.title} || ' ' || ${checks.summary}`, filter.q),
          ),
        )
        .orderBy(desc(checks.createdAt), desc(checks.id))
        .limit(page.limit);
    },
    updateVersioned: (id, version, patch) =>
      updateVersioned<Check>(db, checks, id, version, patch as Record<string, unknown>),
    async saveVersion(check, editedById) {
      await guarded(
        db.insert(checkVersions).values({
          checkId: check.id,
          version: check.version,
          snapshot: {
            title: check.title,
            slug: check.slug,
            rating: check.rating,
            summary: check.summary,
            explanation: check.explanation,
            status: check.status,
            categoryId: check.categoryId,
            reviewerId: check.reviewerId,
          },
          editedById,
        }),
      );
    },
    async versions(checkId) {
      const rows = await db
        .select({
          version: checkVersions.version,
          snapshot: checkVersions.snapshot,
          createdAt: checkVersions.createdAt,
          editedById: checkVersions.editedById,
        })
        .from(checkVersions)
        .where(eq(checkVersions.checkId, checkId))
        .orderBy(asc(checkVersions.version));
      return rows.map((r) => ({ ...r, snapshot: r.snapshot as Record<string, unknown> }));
    },
    async addCorrection(correction) {
      await guarded(db.insert(checkCorrections).values(correction));
    },
    corrections(checkId) {
      return db
        .select({
          reason: checkCorrections.reason,
          createdAt: checkCorrections.createdAt,
          versionBefore: checkCorrections.versionBefore,
          versionAfter: checkCorrections.versionAfter,
        })
        .from(checkCorrections)
        .where(eq(checkCorrections.checkId, checkId))
        .orderBy(asc(checkCorrections.createdAt));
    },
    async addReview(review) {
      const [row] = await guarded(db.insert(checkReviews).values(review).returning());
      return row!;
    },
    reviews(checkId) {
      return db
        .select()
        .from(checkReviews)
        .where(eq(checkReviews.checkId, checkId))
        .orderBy(asc(checkReviews.createdAt), asc(checkReviews.id));
    },
  };
}

const evidenceColumns = {
  id: evidence.id,
  claimId: evidence.claimId,
  kind: evidence.kind,
  title: evidence.title,
  url: evidence.url,
  note: evidence.note,
  snapshotId: evidence.snapshotId,
  fileName: evidence.fileName,
  fileMime: evidence.fileMime,
  fileSizeBytes: evidence.fileSizeBytes,
  fileSha256: evidence.fileSha256,
  position: evidence.position,
  addedById: evidence.addedById,
  createdAt: evidence.createdAt,
};

export function evidenceRepository(db: Db): EvidenceRepository {
  return {
    async insert(values) {
      const [row] = await guarded(db.insert(evidence).values(values).returning(evidenceColumns));
      return row!;
    },
    async findById(id) {
      const [row] = await db
        .select({ ...evidenceColumns, fileStorageKey: evidence.fileStorageKey })
        .from(evidence)
        .where(eq(evidence.id, id));
      return row;
    },
    async moveToClaim(fromClaimId, toClaimId) {
      const rows = await db
        .update(evidence)
        .set({ claimId: toClaimId })
        .where(eq(evidence.claimId, fromClaimId))
        .returning({ id: evidence.id });
      return rows.length;
    },
    listForClaim(claimId) {
      return db
        .select(evidenceColumns)
        .from(evidence)
        .where(eq(evidence.claimId, claimId))
        .orderBy(asc(evidence.position), asc(evidence.createdAt));
    },
    async countForClaim(claimId) {
      const [row] = await db
        .select({ n: count() })
        .from(evidence)
        .where(eq(evidence.claimId, claimId));
      return row?.n ?? 0;
    },
  };
}
