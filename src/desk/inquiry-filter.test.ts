/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  INQUIRY_VIEWS,
  isInquiryOverdue,
  owedCount,
  queryOf,
  sortInquiries,
  viewFromSearch,
  viewToSearch,
} from './inquiry-filter.js';
import type { Inquiry } from './types.js';

const now = Date.parse('2026-05-04T09:00:00Z');

function inquiry(overrides: Partial<Inquiry>): Inquiry {
  return {
    id: overrides.id ?? 'x',
    outlet: 'Báo Lam Giang',
    question: 'Bao giờ có kết quả?',
    hasContact: true,
    status: 'open',
    assigneeId: null,
    answer: null,
    dueAt: null,
    answeredAt: null,
    closedAt: null,
    createdAt: '2026-05-01T00:00:00Z',
    updatedAt: '2026-05-01T00:00:00Z',
    version: 1,
    ...overrides,
  };
}

test('a question is late only while it is owed an answer and its deadline has passed', () => {
  const past = '2026-05-04T08:59:59Z';
  assert.equal(isInquiryOverdue(inquiry({ dueAt: past }), now), true);
  assert.equal(isInquiryOverdue(inquiry({ dueAt: past, status: 'assigned' }), now), true);
  assert.equal(isInquiryOverdue(inquiry({ dueAt: past, status: 'answered' }), now), false);
  assert.equal(isInquiryOverdue(inquiry({ dueAt: past, status: 'closed' }), now), false);
  assert.equal(isInquiryOverdue(inquiry({ dueAt: '2026-05-04T09:00:01Z' }), now), false);
  assert.equal(isInquiryOverdue(inquiry({ dueAt: null }), now), false);
});

test('each view asks the server for what it shows, and round-trips through the address', () => {
  assert.deepEqual(queryOf('active'), { open: true });
  assert.deepEqual(queryOf('overdue'), { overdue: true });
  assert.deepEqual(queryOf('answered'), { status: 'answered' });
  assert.deepEqual(queryOf('all'), {});
  for (const view of INQUIRY_VIEWS) {
    assert.equal(viewFromSearch(new URLSearchParams(viewToSearch(view))), view);
  }
  assert.equal(viewFromSearch(new URLSearchParams('?view=nonsense')), 'active');
  assert.equal(viewToSearch('active'), '');
});

test('owed work is sorted by deadline, the rest newest first', () => {
  const rows = [
    inquiry({ id: 'later', dueAt: '2026-05-06T00:00:00Z', createdAt: '2026-05-04T00:00:00Z' }),
    inquiry({ id: 'none', dueAt: null, createdAt: '2026-05-03T00:00:00Z' }),
    inquiry({ id: 'late', dueAt: '2026-05-02T00:00:00Z', createdAt: '2026-04-30T00:00:00Z' }),
  ];
  assert.deepEqual(
    sortInquiries(rows, 'active').map((r) => r.id),
    ['late', 'later', 'none'],
  );
  assert.deepEqual(
    sortInquiries(rows, 'closed').map((r) => r.id),
    ['later', 'none', 'late'],
  );
  assert.equal(owedCount({ open: 2, assigned: 3, answered: 9, closed: 1, overdue: 1 }), 5);
});
