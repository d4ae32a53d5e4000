import { InvalidTransitionError, PublishBlockedError } from './errors.js';
import type { Check, ClaimStatus, Priority, Rating } from './types.js';

/**
 * Claim workflow (PRODUCT.md): new → triage → researching → in review → approved → published,
 * rejected from triage, corrected after publication. Editors move claims by hand up to
 * "approved"; "published" and "corrected" are reached only by publishing or correcting the
 * claim's check, so a claim can never look published without a reviewed check.
 */
const manualTransitions: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  new: ['triage', 'rejected'],
  triage: ['researching', 'rejected', 'new'],
  researching: ['in_review', 'triage'],
  in_review: ['researching', 'approved'],
  approved: ['in_review'],
  published: [],
  rejected: ['triage'],
  corrected: [],
};

/** Throws unless a person may move a claim from `from` to `to`. */
export function assertClaimTransition(from: ClaimStatus, to: ClaimStatus): void {
  if (from === to) return;
  if (!manualTransitions[from].includes(to)) {
    throw new InvalidTransitionError('claim', from, to);
  }
}

/** Working time allowed to answer a claim, by priority. */
export const PRIORITY_DEADLINE_HOURS: Readonly<Record<Priority, number>> = {
  urgent: 4,
  high: 24,
  normal: 72,
  low: 168,
};

/** Default deadline of a claim created at `createdAt` with `priority`. */
export function defaultDueAt(createdAt: Date, priority: Priority): Date {
  return new Date(createdAt.getTime() + PRIORITY_DEADLINE_HOURS[priority] * 3_600_000);
}

/** Ratings that are verdicts; "not checkable" closes a claim without one. */
export function isVerdict(rating: Rating): boolean {
  return rating !== 'not_checkable';
}

/** What a publish decision needs to know beyond the check itself. */
export interface PublishContext {
  evidenceCount: number;
  approverId: string;
}

/**
 * Evidence before verdict: every reason a check cannot be published, all at once, so the editor
 * can fix them together.
 */
export function publishBlockers(
  check: Pick<Check, 'rating' | 'summary' | 'authorId' | 'title'>,
  context: PublishContext,
): string[] {
  const reasons: string[] = [];
  if (!check.rating) reasons.push('it has no rating');
  if (!check.summary.trim()) reasons.push('it has no summary');
  if (!check.title.trim()) reasons.push('it has no title');
  if (check.rating !== 'not_checkable' && context.evidenceCount < 1) {
    reasons.push('its claim has no evidence');
  }
  if (context.approverId === check.authorId) {
    reasons.push('the approver is its author (a second person must approve)');
  }
  return reasons;
}

/** Throws {@link PublishBlockedError} listing every missing condition. */
export function assertPublishable(
  check: Pick<Check, 'rating' | 'summary' | 'authorId' | 'title'>,
  context: PublishContext,
): void {
  const reasons = publishBlockers(check, context);
  if (reasons.length > 0) throw new PublishBlockedError(reasons);
}
