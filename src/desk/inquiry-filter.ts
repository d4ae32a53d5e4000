/**
 * The inquiries list's views, what each asks the server for, lateness and order: pure, so the
 * page stays small and the rules are tested without a browser.
 */
import type { InquiryQuery } from './api.js';
import type { Inquiry, InquiryCounts } from './types.js';

/** The list's views: work still owed first, then each status, then everything. */
export const INQUIRY_VIEWS = [
  'active',
  'overdue',
  'open',
  'assigned',
  'answered',
  'closed',
  'all',
] as const;
export type InquiryView = (typeof INQUIRY_VIEWS)[number];

/** The view named in the address (`?view=`), else the work still owed. */
export function viewFromSearch(search: URLSearchParams): InquiryView {
  const value = search.get('view');
  return (INQUIRY_VIEWS as readonly string[]).includes(value ?? '')
    ? (value as InquiryView)
    : 'active';
}

/** The address's query string for a view (empty for the default). */
export function viewToSearch(view: InquiryView): string {
  return view === 'active' ? '' : `?view=${view}`;
}

/** What the server is asked for to show a view. */
export function queryOf(view: InquiryView): InquiryQuery {
  switch (view) {
    case 'active':
      return { open: true };
    case 'overdue':
      return { overdue: true };
    case 'all':
      return {};
    case 'open':
    case 'assigned':
    case 'answered':
    case 'closed':
      return { status: view };
  }
}

/** Still owed an answer. */
export function isOwed(inquiry: Pick<Inquiry, 'status'>): boolean {
  return inquiry.status === 'open' || inquiry.status === 'assigned';
}

/** Owed an answer and past its deadline at `now` (milliseconds). */
export function isInquiryOverdue(inquiry: Pick<Inquiry, 'status' | 'dueAt'>, now: number): boolean {
  return isOwed(inquiry) && inquiry.dueAt !== null && Date.parse(inquiry.dueAt) < now;
}

/**
 * The order of a view: work still owed by deadline, the most pressing (so the late ones) first;
 * answered, closed and everything by arrival, newest first.
 */
export function sortInquiries(rows: readonly Inquiry[], view: InquiryView): Inquiry[] {
  const byDeadline =
    view === 'active' || view === 'overdue' || view === 'open' || view === 'assigned';
  const due = (i: Inquiry) => (i.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(i.dueAt));
  return [...rows].sort((a, b) =>
    byDeadline
      ? due(a) - due(b) || Date.parse(a.createdAt) - Date.parse(b.createdAt)
      : Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
}

/** Questions still owed an answer, from the server's counts. */
export function owedCount(counts: InquiryCounts): number {
  return counts.open + counts.assigned;
}
