import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecentWindow } from './recent-window.js';

const BOUNDS = [0.01, 0.1, 1];

test('counts events and errors of the last minutes and estimates percentiles from the buckets', () => {
  let now = Date.UTC(2026, 10, 20, 8, 0, 30);
  const window = new RecentWindow(BOUNDS, 5, () => now);
  assert.deepEqual(
    { ...window.summary(), perMinute: 0 },
    {
      windowMinutes: 5,
      count: 0,
      perMinute: 0,
      clientErrors: 0,
      serverErrors: 0,
      p50Ms: null,
      p95Ms: null,
      p99Ms: null,
      total: 0,
    },
  );
  // 90 fast answers (under 10 ms) and 10 slow ones (between 0.1 and 1 s).
  for (let i = 0; i < 90; i += 1) window.record(0.004, 200);
  for (let i = 0; i < 10; i += 1) window.record(0.5, i < 3 ? 503 : 404);
  const s = window.summary();
  assert.equal(s.count, 100);
  assert.equal(s.serverErrors, 3);
  assert.equal(s.clientErrors, 7);
  // Rank 50 of the 90 in [0, 10 ms): interpolated as Prometheus's histogram_quantile does.
  assert.ok(Math.abs(s.p50Ms! - (50 / 90) * 10) < 1e-9, String(s.p50Ms));
  // Rank 95 is the 5th of the 10 in (100 ms, 1 s].
  assert.ok(Math.abs(s.p95Ms! - (100 + (900 * 5) / 10)) < 1e-9, String(s.p95Ms));
  // Younger than a minute: the rate is per minute of at least one minute.
  assert.equal(s.perMinute, 100);

  // Slower than the last bound: reported as that bound.
  for (let i = 0; i < 10; i += 1) window.record(30, 200);
  assert.equal(window.summary().p99Ms, 1000);

  // Six minutes on, only what was recorded since counts; the total does not forget.
  now += 6 * 60_000;
  window.record(0.05, 200);
  const later = window.summary();
  assert.equal(later.count, 1);
  assert.equal(later.total, 111);
  assert.equal(later.perMinute, 1 / 5);
  assert.equal(later.serverErrors, 0);
  assert.ok(later.p50Ms! > 10 && later.p50Ms! <= 100);
});

test('a slot reused after the window wrapped starts from zero', () => {
  let now = 0;
  const window = new RecentWindow(BOUNDS, 2, () => now);
  window.record(0.001, 500);
  now = 2 * 60_000; // the same slot, two minutes later
  window.record(0.001, 200);
  assert.deepEqual([window.summary().count, window.summary().serverErrors], [1, 0]);
});
