/**
 * What the public portal reads: published checks and statements, categories, the evidence and
 * corrections of a published check. Only what is published is ever returned — the rule lives
 * here and in the repository's queries, not in the pages.
 */
import type { CheckIndex, CheckMatch } from './check-index.js';
import type { Category, EvidenceKind, Rating } from './types.js';
import { canonicalizeUrl } from './url.js';
import { isUuid } from './ids.js';

/** A published check as lists and feeds show it. */
export interface PublicCheckSummary {
  id: string;
  slug: string;
  title: string;
  rating: Rating;
  summary: string;
  claimText: string;
  categoryId: string | null;
  language: string;
  publishedAt: Date;
  firstPublishedAt: Date;
  updatedAt: Date;
}

/** One piece of evidence as readers see it, with its stored copy when there is one. */
export interface PublicEvidence {
  kind: EvidenceKind;
  title: string;
  url: string | null;
  note: string;
  snapshot: { id: string; fetchedAt: Date; sha256: string } | null;
}

/** Where the claim was seen: the links of the items grouped under it (never who posted them). */
export interface ClaimAppearance {
  url: string;
  firstSeenAt: Date;
}

/** Everything a check page shows. */
export interface PublicCheckDetail extends PublicCheckSummary {
  explanation: string;
  category: Category | null;
  evidence: PublicEvidence[];
  corrections: Array<{ reason: string; createdAt: Date }>;
  appearances: ClaimAppearance[];
  claimFirstSeenAt: Date;
}

/** A published statement. */
export interface PublicStatement {
  id: string;
  slug: string;
  title: string;
  body: string;
  categoryId: string | null;
  language: string;
  issuedAt: Date | null;
  publishedAt: Date;
  updatedAt: Date;
}

/** A stored copy of a page cited by a published check. */
export interface PublicSnapshot {
  id: string;
  url: string;
  finalUrl: string;
  fetchedAt: Date;
  httpStatus: number;
  contentType: string | null;
  sha256: string;
  title: string | null;
  text: string;
}

/** Read-only queries over published content. */
export interface PublicContentRepository {
  latestChecks(options: {
    limit: number;
    categoryId?: string | undefined;
  }): Promise<PublicCheckSummary[]>;
  checksByIds(ids: readonly string[]): Promise<PublicCheckSummary[]>;
  checkBySlug(slug: string): Promise<PublicCheckDetail | undefined>;
  /** A snapshot, only when it is cited by the published check with this slug. */
  snapshotOfCheck(slug: string, snapshotId: string): Promise<PublicSnapshot | undefined>;
  latestStatements(options: {
    limit: number;
    categoryId?: string | undefined;
  }): Promise<PublicStatement[]>;
  statementBySlug(slug: string): Promise<PublicStatement | undefined>;
  /** Published statements whose title or body contains the text, without regard to diacritics. */
  searchStatements(q: string, limit: number): Promise<PublicStatement[]>;
  categories(): Promise<Category[]>;
  /**
   * The published checks answering the item stored under this canonical URL: the check of a
   * claim the item is grouped under, or the one the pipeline matched it to with confidence.
   */
  checksForUrl(canonicalUrl: string): Promise<PublicCheckSummary[]>;
  /** Every published check and statement, for the sitemap. */
  sitemap(): Promise<{
    checks: Array<{ slug: string; updatedAt: Date }>;
    statements: Array<{ slug: string; updatedAt: Date }>;
  }>;
}

/** A search or quick-check result: a published check and how well it matched. */
export interface PublicMatch {
  check: PublicCheckSummary;
  confidence: number;
  band: CheckMatch['band'];
  matchedSentence?: string | undefined;
}

/** The canonical form of the first http(s) link in a text, if any. */
function linkIn(text: string): string | undefined {
  const candidate = /https?:\/\/\S+/i.exec(text)?.[0];
  if (!candidate) return undefined;
  try {
    return canonicalizeUrl(candidate.replace(/[)\]}>.,;:!?"']+$/, ''));
  } catch {
    return undefined;
  }
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The portal's reads. Matching goes through the same in-memory index as the tip line. */
export function createPortalService(content: PublicContentRepository, checkIndex: CheckIndex) {
  async function matches(text: string, limit: number): Promise<PublicMatch[]> {
    const found = await checkIndex.match(text, { limit });
    if (found.length === 0) return [];
    // The index may lag a takedown by its refresh interval: the database has the last word.
    const rows = new Map(
      (await content.checksByIds(found.map((m) => m.check.checkId))).map((c) => [c.id, c]),
    );
    return found.flatMap((m) => {
      const check = rows.get(m.check.checkId);
      return check
        ? [{ check, confidence: m.confidence, band: m.band, matchedSentence: m.matchedSentence }]
        : [];
    });
  }

  return {
    latestChecks: (limit: number, categoryId?: string) =>
      content.latestChecks({ limit, categoryId }),
    latestStatements: (limit: number, categoryId?: string) =>
      content.latestStatements({ limit, categoryId }),
    categories: () => content.categories(),
    async categoryBySlug(slug: string): Promise<Category | undefined> {
      return (await content.categories()).find((c) => c.slug === slug);
    },
    check: (slug: string) =>
      SLUG.test(slug) ? content.checkBySlug(slug) : Promise.resolve(undefined),
    statement: (slug: string) =>
      SLUG.test(slug) ? content.statementBySlug(slug) : Promise.resolve(undefined),
    snapshot: (slug: string, snapshotId: string) =>
      SLUG.test(slug) && isUuid(snapshotId)
        ? content.snapshotOfCheck(slug, snapshotId)
        : Promise.resolve(undefined),
    sitemap: () => content.sitemap(),
    /** Search: published checks through the matcher (typo-tolerant, diacritics optional), then statements. */
    async search(q: string) {
      const text = q.trim().slice(0, 500);
      if (!text) return { checks: [], statements: [] };
      const [checks, statements] = await Promise.all([
        matches(text, 20),
        content.searchStatements(text, 10),
      ]);
      return { checks, statements };
    },
    /**
     * Quick check: what published checks answer (band `answer`) or may concern (`suggest`) a
     * text. A link the desk already knows is answered by its claim's published check.
     */
    async quickCheck(input: string): Promise<PublicMatch[]> {
      const text = input.trim().slice(0, 5000);
      const link = linkIn(text);
      const known = link ? await content.checksForUrl(link) : [];
      const found = await matches(text, 5);
      const answered = new Set(known.map((c) => c.id));
      return [
        ...known.map((check): PublicMatch => ({ check, confidence: 1, band: 'answer' })),
        ...found.filter((m) => !answered.has(m.check.id)),
      ];
    },
  };
}
export type PortalService = ReturnType<typeof createPortalService>;
