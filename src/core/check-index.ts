/**
 * The archive of published checks a new item or a public question is matched against, held in
 * memory so a repeated rumour gets its answer in milliseconds. It reloads when the set of
 * published checks changes (publish, unpublish, correction), noticed by a cheap revision query.
 */
import { ClaimMatcher, type MatchBand } from '../text/matcher.js';
import type { Rating } from './types.js';

/** What the index keeps of a published check. */
export interface PublishedCheckSummary {
  checkId: string;
  claimId: string;
  slug: string;
  title: string;
  claimText: string;
  rating: Rating | null;
  summary: string;
  language: string;
  publishedAt: Date | null;
}

/** Where the index reads published checks from. */
export interface PublishedCheckSource {
  publishedChecks(): Promise<PublishedCheckSummary[]>;
  /** Changes whenever the set or the text of published checks changes. */
  publishedRevision(): Promise<string>;
}

/** One published check that answers or may answer a text. */
export interface CheckMatch {
  check: PublishedCheckSummary;
  confidence: number;
  band: MatchBand;
  /** The sentence of a long text that matched, when it was not the whole text. */
  matchedSentence?: string | undefined;
}

/** Options of one match against the archive. */
export interface CheckMatchOptions {
  /** Candidates returned at most. Default 5. */
  limit?: number;
  /** The headline `text` starts with, matched on its own too (see the matcher's `title`). */
  title?: string;
}

export interface CheckIndexOptions {
  /** How long a revision check is trusted before asking the database again. Default 2 s. */
  revisionTtlMs?: number;
  now?: () => number;
}

/** In-memory matcher over published checks, refreshed on change. */
export class CheckIndex {
  private matcher = new ClaimMatcher();
  private checks = new Map<string, PublishedCheckSummary>();
  private revision: string | undefined;
  private checkedAt = -Infinity;
  private loading: Promise<void> | undefined;
  private readonly ttl: number;
  private readonly now: () => number;

  constructor(
    private readonly source: PublishedCheckSource,
    options: CheckIndexOptions = {},
  ) {
    this.ttl = options.revisionTtlMs ?? 2000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Number of published checks indexed. */
  get size(): number {
    return this.checks.size;
  }

  /** The revision of the checks loaded, undefined before the first load. */
  get loadedRevision(): string | undefined {
    return this.revision;
  }

  /** The checks loaded, in load order (another index loaded from them matches identically). */
  loadedChecks(): PublishedCheckSummary[] {
    return [...this.checks.values()];
  }

  /** Forces a revision check on the next use (called after this process publishes). */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  /** Reloads when the published set has changed since the last load. */
  async ensureFresh(): Promise<void> {
    if (this.now() - this.checkedAt < this.ttl) return;
    this.loading ??= this.reloadIfChanged().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }

  /** Published checks for a text, best first. */
  async match(text: string, options: CheckMatchOptions = {}): Promise<CheckMatch[]> {
    await this.ensureFresh();
    return this.matchLoaded(text, options);
  }

  /** {@link match} without the freshness check, for batch callers that refreshed once. */
  matchLoaded(text: string, options: CheckMatchOptions = {}): CheckMatch[] {
    if (this.checks.size === 0 || !text.trim()) return [];
    const matchOptions = {
      limit: options.limit ?? 5,
      ...(options.title ? { title: options.title } : {}),
    };
    return this.matcher.match(text, matchOptions).flatMap((candidate) => {
      const check = this.checks.get(candidate.id);
      return check
        ? [
            {
              check,
              confidence: candidate.confidence,
              band: candidate.band,
              matchedSentence: candidate.matchedSentence,
            },
          ]
        : [];
    });
  }

  private async reloadIfChanged(): Promise<void> {
    const revision = await this.source.publishedRevision();
    if (revision !== this.revision) {
      const rows = await this.source.publishedChecks();
      const matcher = new ClaimMatcher();
      const checks = new Map<string, PublishedCheckSummary>();
      for (const row of rows) {
        matcher.add({
          id: row.checkId,
          text: row.claimText,
          title: row.title,
          language: row.language,
        });
        checks.set(row.checkId, row);
      }
      matcher.compact();
      // Swapped whole, so a query never sees a half-built index.
      this.matcher = matcher;
      this.checks = checks;
      this.revision = revision;
    }
    this.checkedAt = this.now();
  }
}
