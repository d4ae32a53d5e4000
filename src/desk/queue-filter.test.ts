/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EMPTY_FILTER,
  countByPriority,
  countOpen,
  filterFromSearch,
  filterQueue,
  filterToSearch,
  fold,
  indexRows,
  sortQueue,
} from './queue-filter.js';
import type { QueueRow } from './types.js';

const now = Date.parse('2025-07-10T12:00:00Z');

function row(overrides: Partial<QueueRow>): QueueRow {
  return {
    id: overrides.id ?? 'x',
    version: 1,
    text: 'Tin đồn',
    status: 'new',
    priority: 'normal',
    categoryId: null,
    assigneeId: null,
    language: 'vi',
    channels: [],
    dueAt: null,
    createdAt: '2025-07-10T00:00:00Z',
    itemsCount: 1,
    sightingsCount: 1,
    ...overrides,
  };
}

const rows = indexRows([
  row({ id: 'a', text: 'Nước máy nhiễm độc chì', priority: 'normal', channels: ['tip'] }),
  row({
    id: 'b',
    text: 'Cầu vượt bị nứt',
    priority: 'urgent',
    dueAt: '2025-07-10T10:00:00Z',
    assigneeId: 'u1',
  }),
  row({
    id: 'c',
    text: 'Giá xăng tăng',
    priority: 'urgent',
    dueAt: '2025-07-11T10:00:00Z',
    language: 'en',
  }),
  row({
    id: 'd',
    text: 'Đã công bố',
    status: 'published',
    priority: 'high',
    dueAt: '2025-07-01T00:00:00Z',
  }),
]);
const ids = (list: ReturnType<typeof filterQueue>) => list.map((r) => r.row.id);

test('fold removes diacritics from composed and decomposed text, đ included', () => {
  assert.equal(fold('Nước MÁY Đà Nẵng'), 'nuoc may da nang');
  assert.equal(fold('Nước máy'.normalize('NFD')), 'nuoc may');
});

test('priority order: most urgent first, nearest deadline first within a priority', () => {
  assert.deepEqual(ids(sortQueue(rows, 'priority')), ['b', 'c', 'd', 'a']);
});

test('open claims only by default; each filter narrows', () => {
  const sorted = sortQueue(rows, 'priority');
  assert.deepEqual(ids(filterQueue(sorted, EMPTY_FILTER, now)), ['b', 'c', 'a']);
  assert.deepEqual(ids(filterQueue(sorted, { ...EMPTY_FILTER, q: 'nuoc may' }, now)), ['a']);
  assert.deepEqual(ids(filterQueue(sorted, { ...EMPTY_FILTER, overdue: true }, now)), ['b']);
  assert.deepEqual(ids(filterQueue(sorted, { ...EMPTY_FILTER, assignee: 'none' }, now)), [
    'c',
    'a',
  ]);
  assert.deepEqual(ids(filterQueue(sorted, { ...EMPTY_FILTER, channel: 'tip' }, now)), ['a']);
  assert.deepEqual(ids(filterQueue(sorted, { ...EMPTY_FILTER, language: 'en' }, now)), ['c']);
  assert.deepEqual(ids(filterQueue(sorted, { ...EMPTY_FILTER, status: 'published' }, now)), ['d']);
});

test('counts: open and overdue over the queue (a published claim is never overdue)', () => {
  assert.deepEqual(countOpen(rows, now), { open: 3, overdue: 1 });
  assert.deepEqual(countByPriority(rows), { urgent: 2, high: 1, normal: 1, low: 0 });
});

test('a filter survives the URL', () => {
  const filter = { ...EMPTY_FILTER, priority: 'high' as const, overdue: true, q: 'nước' };
  assert.deepEqual(filterFromSearch(new URLSearchParams(filterToSearch(filter))), filter);
  assert.equal(filterToSearch(EMPTY_FILTER), '');
});
