/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeDashboard, median } from './dashboard-stats.js';
import type { Check, Claim, Item } from './types.js';

const now = Date.parse('2025-07-10T12:00:00Z');

function claim(overrides: Partial<Claim>): Claim {
  return {
    id: overrides.id ?? 'c',
    createdAt: '2025-07-10T00:00:00Z',
    updatedAt: '2025-07-10T00:00:00Z',
    version: 1,
    text: 't',
    language: 'vi',
    status: 'new',
    rejectionReason: null,
    mergedIntoId: null,
    priority: 'normal',
    dueAt: null,
    firstResponseAt: null,
    assigneeId: null,
    categoryId: null,
    createdById: null,
    ...overrides,
  };
}

test('median of odd and even counts, and of nothing', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.equal(median([]), null);
});

test('open, overdue, medians, verdicts and items per day', () => {
  const claims = [
    claim({
      id: 'a',
      status: 'researching',
      dueAt: '2025-07-10T06:00:00Z',
      firstResponseAt: '2025-07-10T02:00:00Z',
    }),
    claim({ id: 'b', status: 'triage', dueAt: '2025-07-11T00:00:00Z' }),
    claim({
      id: 'c',
      status: 'published',
      dueAt: '2025-07-01T00:00:00Z',
      firstResponseAt: '2025-07-10T04:00:00Z',
    }),
  ];
  const published = [
    {
      claimId: 'c',
      rating: 'false',
      firstPublishedAt: '2025-07-10T10:00:00Z',
      publishedAt: '2025-07-10T10:00:00Z',
    },
  ] as Check[];
  const items = [
    { firstSeenAt: '2025-07-10T01:00:00Z' },
    { firstSeenAt: '2025-07-10T02:00:00Z' },
    { firstSeenAt: '2025-07-09T02:00:00Z' },
    { firstSeenAt: '2024-01-01T00:00:00Z' },
  ] as Item[];
  const d = computeDashboard(claims, published, items, now, 3);
  assert.equal(d.open, 2);
  assert.equal(d.overdue, 1, 'a published claim past its date is not overdue');
  assert.equal(d.medianFirstResponseHours, 3);
  assert.equal(d.medianPublicationHours, 10);
  assert.deepEqual(d.verdicts, { false: 1 });
  assert.deepEqual(d.itemsPerDay, [
    { day: '2025-07-08', count: 0 },
    { day: '2025-07-09', count: 1 },
    { day: '2025-07-10', count: 2 },
  ]);
});
