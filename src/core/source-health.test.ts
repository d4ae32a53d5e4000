import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DISABLE_AFTER_FAILURES,
  nextSourceHealth,
  type SourceHealthState,
} from './source-health.js';

const now = new Date('2026-11-20T08:00:00Z');
const fresh: SourceHealthState = {
  scheduleMinutes: 30,
  consecutiveFailures: 0,
  failureScore: 0,
  lastSuccessAt: null,
};
const noJitter = () => 0.5;

describe('source health', () => {
  test('a success schedules the next fetch and clears the error', () => {
    const next = nextSourceHealth(
      { ...fresh, consecutiveFailures: 3, failureScore: 0.6 },
      { ok: true, status: 200, unchanged: false, items: 4 },
      now,
    );
    assert.equal(next.consecutiveFailures, 0);
    assert.equal(next.lastError, null);
    assert.ok(next.failureScore < 0.6);
    assert.equal(next.nextFetchAt.getTime() - now.getTime(), 30 * 60_000);
    assert.equal(next.enabled, undefined);
  });

  test('failures back off exponentially, capped at a day', () => {
    let state = fresh;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const next = nextSourceHealth(
        state,
        { ok: false, status: 503, reason: 'http-status', message: '503' },
        now,
        noJitter,
      );
      waits.push(next.nextFetchAt.getTime() - now.getTime());
      state = {
        ...state,
        consecutiveFailures: next.consecutiveFailures,
        failureScore: next.failureScore,
      };
    }
    assert.equal(waits[0], 60 * 60_000);
    assert.equal(waits[1], 120 * 60_000);
    for (let i = 1; i < waits.length; i++) assert.ok(waits[i]! >= waits[i - 1]!);
    assert.equal(waits.at(-1), 24 * 3_600_000);
    assert.ok(state.failureScore > 0.9);
  });

  test('a dead source is turned off with a reason; a recently working one is not', () => {
    const failing = { ...fresh, consecutiveFailures: DISABLE_AFTER_FAILURES - 1 };
    const outcome = { ok: false as const, reason: 'network', message: 'ECONNREFUSED' };
    const dead = nextSourceHealth(failing, outcome, now);
    assert.equal(dead.enabled, false);
    assert.match(dead.disabledReason!, /10 failed fetches/);
    const recent = nextSourceHealth(
      { ...failing, lastSuccessAt: new Date(now.getTime() - 86_400_000) },
      outcome,
      now,
    );
    assert.equal(recent.enabled, undefined);
  });

  test('a permanent failure turns the source off at once', () => {
    const next = nextSourceHealth(
      fresh,
      { ok: false, status: 410, reason: 'gone', message: 'HTTP 410', permanent: true },
      now,
    );
    assert.equal(next.enabled, false);
    assert.match(next.disabledReason!, /gone/);
  });
});
