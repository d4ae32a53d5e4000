/**
 * Loads the demo desk (demo-content.ts) into an empty database, in one transaction, so the first
 * embedded start shows a living product. Idempotent: a database that already has a claim or a
 * demo account is left untouched.
 */
import { hashPassword } from '../../core/password.js';
import { receiptCodeDigest } from '../../core/receipt-code.js';
import { createHash } from 'node:crypto';
import { ilike, sql } from 'drizzle-orm';
import { appendAudit } from '../audit.repo.js';
import { contentFingerprint, textFields } from '../../core/text-fields.js';
import type { Database, Db } from '../client.js';
import {
  categories,
  checkCorrections,
  checks,
  checkVersions,
  claimItems,
  claims,
  clusters,
  evidence,
  inquiries,
  items,
  itemSightings,
  snapshots,
  sources,
  statements,
  tips,
  users,
} from '../schema.js';
import {
  DEMO_EMAIL_DOMAIN,
  DEMO_PASSWORD,
  demoContent,
  type DemoCheck,
  type DemoCheckText,
  type DemoContent,
  type DemoItem,
  type DemoSighting,
} from './demo-content.js';

/** Arbitrary constant: serialises two processes seeding the same PostgreSQL at once. */
const DEMO_SEED_LOCK_KEY = 726_102;

const HOUR_MS = 3_600_000;
const SYSTEM = { kind: 'system', id: null } as const;

/** The demo accounts present in the database (empty when the demo was never loaded). */
export async function demoAccounts(
  database: Database,
): Promise<Array<{ email: string; role: string }>> {
  return database.db
    .select({ email: users.email, role: users.role })
    .from(users)
    .where(ilike(users.email, `%@${DEMO_EMAIL_DOMAIN}`))
    .orderBy(users.email);
}

/** What {@link seedDemo} did. */
export interface SeedDemoResult {
  /** False when the database already had content; nothing was changed then. */
  seeded: boolean;
  /** Rows written per table (empty when not seeded). */
  counts: Record<string, number>;
}

export interface SeedDemoOptions {
  /** The moment the demo is built around; defaults to the current time. */
  now?: Date;
  /** Content to load; the built-in demo desk by default (tests may pass a variant). */
  content?: DemoContent;
  /** The instance key: demo receipt codes are stored as digests under it, like real ones. */
  secretKey: string;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Returns the value for `key` or fails loudly: a dangling key is a bug in the content. */
function pick<V>(map: ReadonlyMap<string, V>, key: string, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo content: unknown ${what} "${key}"`);
  return value;
}

/** The item's own first sighting followed by the later ones, oldest first. */
function sightingsOf(item: DemoItem): DemoSighting[] {
  const first: DemoSighting = {
    channel: item.channel,
    hoursAgo: item.firstSeenHoursAgo,
    ...(item.sourceKey === undefined ? {} : { sourceKey: item.sourceKey }),
    ...(item.url === undefined ? {} : { url: item.url }),
  };
  return [first, ...(item.resightings ?? [])].sort((a, b) => b.hoursAgo - a.hoursAgo);
}

function checkSnapshot(check: DemoCheck, text: DemoCheckText, status: string) {
  return {
    slug: check.slug,
    title: text.title,
    rating: check.rating,
    summary: text.summary,
    explanation: text.explanation,
    status,
  };
}

/**
 * Seeds the demo desk unless the database already holds content. Everything is written in one
 * transaction; ids come from the database and references are resolved through the returned rows.
 */
export async function seedDemo(
  database: Database,
  options: SeedDemoOptions,
): Promise<SeedDemoResult> {
  const content = options.content ?? demoContent;
  // Millisecond precision, like the audit chain: what JavaScript holds is what gets stored.
  const nowMs = Math.floor((options.now ?? new Date()).getTime());
  const at = (hoursAgo: number) => new Date(nowMs - Math.round(hoursAgo * HOUR_MS));
  const now = at(0);
  // One hash for every demo account: argon2 is slow on purpose, and they share the password.
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD);

  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK_KEY})`);
    const [anyClaim] = await tx.select({ id: claims.id }).from(claims).limit(1);
    const [demoUser] = await tx
      .select({ id: users.id })
      .from(users)
      .where(ilike(users.email, `%@${DEMO_EMAIL_DOMAIN}`))
      .limit(1);
    if (anyClaim || demoUser) return { seeded: false, counts: {} };

    const counts: Record<string, number> = {};
    const monthAgo = at(30 * 24);

    // Staff accounts with the demo password; the administrator sets up two-factor sign-in at
    // the first sign-in, like a real one.
    const userRows = await tx
      .insert(users)
      .values(
        content.users.map((u) => ({
          email: u.email,
          displayName: u.displayName,
          role: u.role,
          passwordHash: demoPasswordHash,
          createdAt: monthAgo,
          updatedAt: monthAgo,
        })),
      )
      .returning({ id: users.id, email: users.email });
    const userIdByEmail = new Map(userRows.map((r) => [r.email, r.id]));
    const userIds = new Map(
      content.users.map((u) => [u.key, pick(userIdByEmail, u.email, 'user e-mail')]),
    );
    const userId = (key: string) => pick(userIds, key, 'user');
    counts.users = userRows.length;

    // An administrator may already have made a category with the same slug: reuse it.
    const categoryRows = await tx
      .insert(categories)
      .values(
        content.categories.map((c, position) => ({
          ...c,
          position,
          createdAt: monthAgo,
          updatedAt: monthAgo,
        })),
      )
      .onConflictDoNothing({ target: categories.slug })
      .returning({ id: categories.id });
    counts.categories = categoryRows.length;
    const allCategories = await tx
      .select({ id: categories.id, slug: categories.slug })
      .from(categories);
    const categoryIds = new Map(allCategories.map((c) => [c.slug, c.id]));
    const categoryId = (slug: string | null | undefined) =>
      slug == null ? null : pick(categoryIds, slug, 'category');

    const itemsPerSource = new Map<string, number>();
    for (const item of content.items) {
      if (item.sourceKey !== undefined) {
        itemsPerSource.set(item.sourceKey, (itemsPerSource.get(item.sourceKey) ?? 0) + 1);
      }
    }
    const sourceRows = await tx
      .insert(sources)
      .values(
        content.sources.map((s) => ({
          name: s.name,
          kind: s.kind,
          url: s.url,
          canonicalUrl: s.url,
          categoryId: categoryId(s.categorySlug),
          scheduleMinutes: s.scheduleMinutes,
          lastFetchedAt: at(s.lastFetchedHoursAgo),
          lastSuccessAt: at(s.lastSuccessHoursAgo),
          lastErrorAt: s.lastError ? at(s.lastError.hoursAgo) : null,
          lastError: s.lastError?.message ?? null,
          failureScore: s.failureScore,
          itemsCount: itemsPerSource.get(s.key) ?? 0,
          createdAt: monthAgo,
          updatedAt: at(s.lastFetchedHoursAgo),
        })),
      )
      .returning({ id: sources.id, canonicalUrl: sources.canonicalUrl });
    const sourceIdByUrl = new Map(sourceRows.map((r) => [r.canonicalUrl, r.id]));
    const sourceIds = new Map(
      content.sources.map((s) => [s.key, pick(sourceIdByUrl, s.url, 'source URL')]),
    );
    const sourceId = (key: string | undefined) =>
      key === undefined ? null : pick(sourceIds, key, 'source');
    counts.sources = sourceRows.length;

    // Clusters: their size and age follow from their items.
    const clusterIds = new Map<string, string>();
    for (const cluster of content.clusters) {
      const members = content.items.filter((i) => i.clusterKey === cluster.key);
      if (members.length === 0) throw new Error(`demo content: empty cluster "${cluster.key}"`);
      const oldest = Math.max(...members.map((i) => i.firstSeenHoursAgo));
      const newest = Math.min(...members.flatMap((i) => sightingsOf(i).map((s) => s.hoursAgo)));
      const [row] = await tx
        .insert(clusters)
        .values({
          label: cluster.label,
          itemsCount: members.length,
          createdAt: at(oldest),
          updatedAt: at(newest),
        })
        .returning({ id: clusters.id });
      clusterIds.set(cluster.key, row!.id);
    }
    counts.clusters = clusterIds.size;

    // Items: the sightings count is the number of sighting rows, the first one included.
    const itemValues = content.items.map((item) => {
      const seen = sightingsOf(item);
      const lastSeen = at(seen[seen.length - 1]!.hoursAgo);
      return {
        channel: item.channel,
        sourceId: sourceId(item.sourceKey),
        url: item.url ?? null,
        canonicalUrl: item.url ?? null,
        title: item.title,
        text: item.text,
        language: 'vi',
        publishedAt: item.publishedHoursAgo === undefined ? null : at(item.publishedHoursAgo),
        ...textFields(`${item.title}\n${item.text}`),
        contentHash: contentFingerprint(item.title, item.text),
        clusterId:
          item.clusterKey === undefined ? null : pick(clusterIds, item.clusterKey, 'cluster'),
        status: item.status,
        relevance: item.relevance,
        priorityScore: item.priorityScore,
        sightingsCount: seen.length,
        firstSeenAt: at(item.firstSeenHoursAgo),
        lastSeenAt: lastSeen,
        createdAt: at(item.firstSeenHoursAgo),
        updatedAt: lastSeen,
      };
    });
    const itemRows = await tx
      .insert(items)
      .values(itemValues)
      .returning({ id: items.id, contentHash: items.contentHash });
    const itemIdByHash = new Map(itemRows.map((r) => [r.contentHash, r.id]));
    const itemIds = new Map(
      content.items.map((item, i) => [
        item.key,
        pick(itemIdByHash, itemValues[i]!.contentHash, 'item hash'),
      ]),
    );
    const itemId = (key: string) => pick(itemIds, key, 'item');
    const itemByKey = new Map(content.items.map((i) => [i.key, i]));
    counts.items = itemRows.length;

    const sightingValues = content.items.flatMap((item) =>
      sightingsOf(item).map((s) => ({
        itemId: itemId(item.key),
        channel: s.channel,
        sourceId: sourceId(s.sourceKey),
        url: s.url ?? null,
        seenAt: at(s.hoursAgo),
      })),
    );
    await tx.insert(itemSightings).values(sightingValues);
    counts.itemSightings = sightingValues.length;

    // Claims, in content order, so a duplicate can point at the claim it was merged into.
    const claimIds = new Map<string, string>();
    const checkIds = new Map<string, string>();
    const published: {
      checkId: string;
      slug: string;
      rating: string;
      claimId: string;
      at: Date;
    }[] = [];
    const corrected: { checkId: string; slug: string; at: Date; reason: string }[] = [];
    let claimItemCount = 0;
    let snapshotCount = 0;
    let evidenceCount = 0;
    let versionCount = 0;
    for (const claim of content.claims) {
      const check = claim.check;
      const lastActivity = Math.min(
        claim.createdHoursAgo,
        claim.firstResponseHoursAgo ?? Infinity,
        check?.publishedHoursAgo ?? Infinity,
        check?.correction?.hoursAgo ?? Infinity,
        ...claim.evidence.map((e) => e.hoursAgo),
      );
      const [row] = await tx
        .insert(claims)
        .values({
          text: claim.text,
          ...textFields(claim.text),
          language: 'vi',
          status: claim.status,
          rejectionReason: claim.rejectionReason ?? null,
          mergedIntoId:
            claim.mergedIntoKey === undefined
              ? null
              : pick(claimIds, claim.mergedIntoKey, 'claim to merge into'),
          priority: claim.priority,
          dueAt: claim.dueInHours === undefined ? null : at(-claim.dueInHours),
          firstResponseAt:
            claim.firstResponseHoursAgo === undefined ? null : at(claim.firstResponseHoursAgo),
          assigneeId: claim.assignee === undefined ? null : userId(claim.assignee),
          categoryId: categoryId(claim.categorySlug),
          createdById: claim.createdBy === undefined ? null : userId(claim.createdBy),
          createdAt: at(claim.createdHoursAgo),
          updatedAt: at(lastActivity),
        })
        .returning({ id: claims.id });
      const claimId = row!.id;
      claimIds.set(claim.key, claimId);

      await tx.insert(claimItems).values(
        claim.items.map((link) => {
          const item = pick(itemByKey, link.itemKey, 'item');
          return {
            claimId,
            itemId: itemId(link.itemKey),
            linkKind: link.linkKind,
            matchConfidence: link.matchConfidence ?? null,
            linkedById: link.linkedBy === undefined ? null : userId(link.linkedBy),
            linkedAt: at(Math.min(item.firstSeenHoursAgo, claim.createdHoursAgo)),
          };
        }),
      );
      claimItemCount += claim.items.length;

      for (const [position, ev] of claim.evidence.entries()) {
        let snapshotId: string | null = null;
        if (ev.snapshot) {
          if (ev.url === undefined) throw new Error(`demo content: snapshot without URL`);
          const [snap] = await tx
            .insert(snapshots)
            .values({
              url: ev.url,
              finalUrl: ev.snapshot.finalUrl ?? ev.url,
              fetchedAt: at(ev.snapshot.fetchedHoursAgo ?? ev.hoursAgo),
              httpStatus: 200,
              contentType: ev.snapshot.contentType ?? 'text/html; charset=utf-8',
              sha256: sha256Hex(ev.snapshot.text),
              sizeBytes: Buffer.byteLength(ev.snapshot.text, 'utf8'),
              title: ev.snapshot.title,
              text: ev.snapshot.text,
            })
            .returning({ id: snapshots.id });
          snapshotId = snap!.id;
          snapshotCount += 1;
        }
        await tx.insert(evidence).values({
          claimId,
          kind: ev.kind,
          title: ev.title,
          url: ev.url ?? null,
          note: ev.note,
          snapshotId,
          position,
          addedById: userId(ev.addedBy),
          createdAt: at(ev.hoursAgo),
        });
        evidenceCount += 1;
      }

      if (!check) continue;
      const publishedAt =
        check.publishedHoursAgo === undefined ? null : at(check.publishedHoursAgo);
      const correction = check.correction;
      const [checkRow] = await tx
        .insert(checks)
        .values({
          claimId,
          slug: check.slug,
          title: check.title,
          rating: check.rating,
          summary: check.summary,
          explanation: check.explanation,
          status: check.status,
          categoryId: categoryId(claim.categorySlug),
          authorId: userId(check.author),
          reviewerId: check.reviewer === undefined ? null : userId(check.reviewer),
          language: 'vi',
          publishedAt,
          firstPublishedAt: publishedAt,
          createdAt: at(check.createdHoursAgo),
          updatedAt: at(
            Math.min(
              check.createdHoursAgo,
              check.publishedHoursAgo ?? Infinity,
              correction?.hoursAgo ?? Infinity,
            ),
          ),
          version: correction ? 2 : 1,
        })
        .returning({ id: checks.id });
      const checkId = checkRow!.id;
      checkIds.set(claim.key, checkId);

      const firstVersionAt = publishedAt ?? at(check.createdHoursAgo);
      await tx.insert(checkVersions).values([
        {
          checkId,
          version: 1,
          snapshot: checkSnapshot(check, correction?.before ?? check, check.status),
          editedById: userId(check.author),
          createdAt: firstVersionAt,
        },
        ...(correction
          ? [
              {
                checkId,
                version: 2,
                snapshot: checkSnapshot(check, check, check.status),
                editedById: userId(correction.by),
                createdAt: at(correction.hoursAgo),
              },
            ]
          : []),
      ]);
      versionCount += correction ? 2 : 1;

      if (correction) {
        await tx.insert(checkCorrections).values({
          checkId,
          reason: correction.reason,
          versionBefore: 1,
          versionAfter: 2,
          createdById: userId(correction.by),
          createdAt: at(correction.hoursAgo),
        });
        corrected.push({
          checkId,
          slug: check.slug,
          at: at(correction.hoursAgo),
          reason: correction.reason,
        });
      }
      if (check.status === 'published' && publishedAt && check.rating) {
        published.push({
          checkId,
          slug: check.slug,
          rating: check.rating,
          claimId,
          at: publishedAt,
        });
      }
    }
    counts.claims = claimIds.size;
    counts.claimItems = claimItemCount;
    counts.snapshots = snapshotCount;
    counts.evidence = evidenceCount;
    counts.checks = checkIds.size;
    counts.publishedChecks = published.length;
    counts.checkVersions = versionCount;
    counts.checkCorrections = corrected.length;

    // Tips: the public submission behind each tip item. No contact data in the demo.
    const tipValues = content.tips.map((tip) => {
      const item = pick(itemByKey, tip.itemKey, 'item');
      const answer = tip.answerClaimKey === undefined ? undefined : tip.answerClaimKey;
      const answerCheck = answer === undefined ? null : pick(checkIds, answer, 'answering check');
      const answeredHoursAgo =
        answer === undefined
          ? undefined
          : content.claims.find((c) => c.key === answer)?.check?.publishedHoursAgo;
      return {
        receiptDigest: receiptCodeDigest(tip.receiptCode, options.secretKey),
        itemId: itemId(tip.itemKey),
        link: item.url ?? null,
        text: item.text,
        contactEncrypted: null,
        consent: false,
        status: tip.status,
        answerCheckId: answerCheck,
        language: 'vi',
        createdAt: at(item.firstSeenHoursAgo),
        updatedAt: at(answeredHoursAgo ?? item.firstSeenHoursAgo),
        closedAt: null,
      };
    });
    await tx.insert(tips).values(tipValues);
    counts.tips = tipValues.length;

    const statementRows = await tx
      .insert(statements)
      .values(
        content.statements.map((s) => ({
          slug: s.slug,
          title: s.title,
          body: s.body,
          status: 'published' as const,
          categoryId: categoryId(s.categorySlug),
          claimId: pick(claimIds, s.claimKey, 'claim'),
          authorId: userId(s.author),
          language: 'vi',
          issuedAt: at(s.issuedHoursAgo),
          publishedAt: at(s.publishedHoursAgo),
          createdAt: at(s.issuedHoursAgo),
          updatedAt: at(s.publishedHoursAgo),
        })),
      )
      .returning({ id: statements.id });
    counts.statements = statementRows.length;

    await tx.insert(inquiries).values(
      content.inquiries.map((q) => ({
        outlet: q.outlet,
        question: q.question,
        contactEncrypted: null,
        status: q.status,
        assigneeId: q.assignee === undefined ? null : userId(q.assignee),
        dueAt: at(-q.dueInHours),
        createdAt: at(q.createdHoursAgo),
        updatedAt: at(q.createdHoursAgo),
      })),
    );
    counts.inquiries = content.inquiries.length;

    // The audit trail: each publication and correction at its own time, then the seeding itself.
    const executor: Db = tx;
    const history = [
      ...published.map((p) => ({
        at: p.at,
        action: 'check.published',
        entityId: p.checkId,
        data: { demo: true, slug: p.slug, rating: p.rating, claimId: p.claimId },
      })),
      ...corrected.map((c) => ({
        at: c.at,
        action: 'check.corrected',
        entityId: c.checkId,
        data: { demo: true, slug: c.slug, reason: c.reason, versionBefore: 1, versionAfter: 2 },
      })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const event of history) {
      await appendAudit(executor, {
        actor: SYSTEM,
        action: event.action,
        entityType: 'check',
        entityId: event.entityId,
        data: event.data,
        occurredAt: event.at,
      });
    }
    counts.auditEvents = history.length + 1;
    await appendAudit(executor, {
      actor: SYSTEM,
      action: 'demo.seeded',
      entityType: 'demo',
      entityId: null,
      data: { counts: { ...counts } },
      occurredAt: now,
    });

    return { seeded: true, counts };
  });
}
