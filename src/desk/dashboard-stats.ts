/**
 * The dashboard's figures computed from lists the API already serves, for servers without the
 * dashboard endpoint. Pure, so it is tested without a browser.
 */
import { OPEN_STATUSES, type Check, type Claim, type Dashboard, type Item } from './types.js';

const HOUR = 3_600_000;

/** The median of the values, or null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Open and overdue claims, response and publication medians, verdicts, items per day. */
export function computeDashboard(
  claims: readonly Claim[],
  published: readonly Check[],
  items: readonly Item[],
  now: number,
  days = 30,
): Dashboard {
  const open = new Set(OPEN_STATUSES);
  let openCount = 0;
  let overdue = 0;
  const firstResponse: number[] = [];
  const created = new Map<string, number>();
  for (const claim of claims) {
    const start = Date.parse(claim.createdAt);
    created.set(claim.id, start);
    if (open.has(claim.status)) {
      openCount++;
      if (claim.dueAt && Date.parse(claim.dueAt) < now) overdue++;
    }
    if (claim.firstResponseAt)
      firstResponse.push((Date.parse(claim.firstResponseAt) - start) / HOUR);
  }
  const publication: number[] = [];
  const verdicts: Dashboard['verdicts'] = {};
  for (const check of published) {
    if (check.rating) verdicts[check.rating] = (verdicts[check.rating] ?? 0) + 1;
    const start = created.get(check.claimId);
    const at = check.firstPublishedAt ?? check.publishedAt;
    if (start !== undefined && at) publication.push((Date.parse(at) - start) / HOUR);
  }
  const perDay = new Map<string, number>();
  const today = new Date(now);
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i),
    );
    perDay.set(day.toISOString().slice(0, 10), 0);
  }
  for (const item of items) {
    const day = item.firstSeenAt.slice(0, 10);
    if (perDay.has(day)) perDay.set(day, perDay.get(day)! + 1);
  }
  return {
    open: openCount,
    overdue,
    medianFirstResponseHours: median(firstResponse),
    medianPublicationHours: median(publication),
    verdicts,
    itemsPerDay: [...perDay].map(([day, count]) => ({ day, count })),
  };
}
