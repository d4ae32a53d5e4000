/**
 * What the desk shows around one claim: the items grouped under it, their sightings per day
 * (the cluster view) and the matcher's suggestions — published checks and other open claims
 * that look like it, each with its calibrated confidence.
 */
import { ClaimMatcher, type MatchBand } from '../text/matcher.js';
import type { CheckIndex } from './check-index.js';
import { authorize } from './policy.js';
import type { Principal, Repositories } from './ports.js';
import { REPORT_TIME_ZONE } from './report.js';
import { found } from './service-support.js';
import type { Item, Rating } from './types.js';

/** Most items the cluster view lists (the busiest first). */
export const MAX_CLAIM_ITEMS = 500;
/** Suggestions of each kind. */
const SUGGESTIONS_PER_KIND = 5;
/** Below this calibrated confidence a look-alike is noise, not a suggestion. */
export const MIN_SUGGESTION_CONFIDENCE = 0.05;

/** A published check or an open claim that may be the same claim. */
export interface ClaimSuggestion {
  /** `check`: a published answer exists; `claim`: a colleague is working on a similar claim. */
  kind: 'check' | 'claim';
  /** The published check (kind `check`), otherwise null. */
  checkId: string | null;
  /** The claim the check answers, or the similar open claim. */
  claimId: string;
  /** The check's title, or the similar claim's text. */
  title: string;
  rating: Rating | null;
  confidence: number;
  band: MatchBand;
}

/** Open claims in a matcher, kept in step with the database by a revision query. */
class OpenClaimIndex {
  private readonly matcher = new ClaimMatcher();
  private readonly held = new Map<string, string>();
  private revision: string | undefined;
  private checkedAt = -Infinity;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly repos: Repositories,
    private readonly ttlMs = 2000,
  ) {}

  async match(text: string, exceptId: string) {
    if (performance.now() - this.checkedAt >= this.ttlMs) {
      this.loading ??= this.refresh().finally(() => {
        this.loading = undefined;
      });
      await this.loading;
    }
    if (this.held.size === 0) return [];
    return this.matcher
      .match(text, { limit: SUGGESTIONS_PER_KIND + 1, minConfidence: MIN_SUGGESTION_CONFIDENCE })
      .filter((candidate) => candidate.id !== exceptId)
      .slice(0, SUGGESTIONS_PER_KIND)
      .map((candidate) => ({ ...candidate, text: this.held.get(candidate.id) ?? '' }));
  }

  private async refresh(): Promise<void> {
    const revision = await this.repos.claims.openClaimsRevision();
    if (revision !== this.revision) {
      const rows = await this.repos.claims.openClaimTexts();
      const next = new Map(rows.map((row) => [row.id, row]));
      // Only what changed is re-indexed: an edit or a closing touches one claim, not thousands.
      for (const [id, text] of this.held) {
        if (next.get(id)?.text !== text) {
          this.matcher.remove(id);
          this.held.delete(id);
        }
      }
      for (const row of rows) {
        if (this.held.has(row.id)) continue;
        this.matcher.add({ id: row.id, text: row.text, language: row.language, kind: 'open' });
        this.held.set(row.id, row.text);
      }
      this.revision = revision;
    }
    this.checkedAt = performance.now();
  }
}

/** The cluster view and the suggestions of a claim. */
export function createClaimViewService(repos: Repositories, checkIndex: CheckIndex) {
  const openClaims = new OpenClaimIndex(repos);
  return {
    /** The items under a claim, most seen first. */
    async items(principal: Principal, claimId: string): Promise<Item[]> {
      authorize(principal, 'items.read');
      await found(repos.claims.findById(claimId), 'Claim', claimId);
      return repos.items.listByClaim(claimId, MAX_CLAIM_ITEMS);
    },
    /** Sightings per day (Vietnam time) of the claim's items. */
    async sightings(principal: Principal, claimId: string) {
      authorize(principal, 'claims.read');
      await found(repos.claims.findById(claimId), 'Claim', claimId);
      return repos.items.claimSightingsPerDay(claimId, REPORT_TIME_ZONE);
    },
    /**
     * Published checks (from the archive index, and the best match the pipeline stored on each
     * item) and open claims that look like this claim, most confident first within each kind.
     */
    async suggestions(principal: Principal, claimId: string): Promise<ClaimSuggestion[]> {
      authorize(principal, 'claims.read');
      const claim = await found(repos.claims.findById(claimId), 'Claim', claimId);
      const checks = new Map<string, ClaimSuggestion>();
      for (const match of await checkIndex.match(claim.text, { limit: SUGGESTIONS_PER_KIND })) {
        if (match.check.claimId === claim.id || match.confidence < MIN_SUGGESTION_CONFIDENCE) {
          continue;
        }
        checks.set(match.check.checkId, {
          kind: 'check',
          checkId: match.check.checkId,
          claimId: match.check.claimId,
          title: match.check.title,
          rating: match.check.rating,
          confidence: match.confidence,
          band: match.band,
        });
      }
      // An item may have matched on a sentence the claim's wording does not repeat.
      const items = await repos.items.listByClaim(claimId, MAX_CLAIM_ITEMS);
      for (const item of items) {
        if (!item.matchedCheckId || item.matchConfidence === null) continue;
        const known = checks.get(item.matchedCheckId);
        if (known) {
          known.confidence = Math.max(known.confidence, item.matchConfidence);
          continue;
        }
        const check = await repos.checks.findById(item.matchedCheckId);
        if (!check || check.status !== 'published' || check.claimId === claim.id) continue;
        checks.set(check.id, {
          kind: 'check',
          checkId: check.id,
          claimId: check.claimId,
          title: check.title,
          rating: check.rating,
          confidence: item.matchConfidence,
          band: 'suggest',
        });
      }
      const similar: ClaimSuggestion[] = (await openClaims.match(claim.text, claim.id)).map(
        (candidate) => ({
          kind: 'claim',
          checkId: null,
          claimId: candidate.id,
          title: candidate.text,
          rating: null,
          confidence: candidate.confidence,
          band: candidate.band,
        }),
      );
      const byConfidence = (a: ClaimSuggestion, b: ClaimSuggestion) => b.confidence - a.confidence;
      return [...[...checks.values()].sort(byConfidence), ...similar.sort(byConfidence)];
    },
  };
}
export type ClaimViewService = ReturnType<typeof createClaimViewService>;
