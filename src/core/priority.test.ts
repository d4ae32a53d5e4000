import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CHANNEL_WEIGHT,
  priorityBand,
  PRIORITY_WEIGHTS as W,
  scorePriority,
  type PriorityInput,
} from './priority.js';
import { CHANNELS } from './types.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 9, 1, 12);
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * HOUR);

function input(overrides: Partial<PriorityInput> = {}): PriorityInput {
  return {
    sightings: 1,
    sightingsLast24h: 1,
    firstSeenAt: at(1),
    lastSeenAt: at(1),
    now: new Date(NOW),
    reach: 0.5,
    relevance: 0.5,
    channel: 'feed',
    ...overrides,
  };
}

/** Arbitrary consistent inputs: first seen ≤ last seen ≤ now, within ten days. */
const arbInput = fc
  .record({
    sightings: fc.integer({ min: 0, max: 5000 }),
    recentShare: fc.double({ min: 0, max: 1, noNaN: true }),
    firstHoursAgo: fc.double({ min: 0, max: 240, noNaN: true }),
    lastShare: fc.double({ min: 0, max: 1, noNaN: true }),
    reach: fc.double({ min: 0, max: 1, noNaN: true }),
    relevance: fc.double({ min: 0, max: 1, noNaN: true }),
    channel: fc.constantFrom(...CHANNELS),
  })
  .map((r): PriorityInput => ({
    sightings: r.sightings,
    sightingsLast24h: Math.round(r.sightings * r.recentShare),
    firstSeenAt: at(r.firstHoursAgo),
    lastSeenAt: at(r.firstHoursAgo * r.lastShare),
    now: new Date(NOW),
    reach: r.reach,
    relevance: r.relevance,
    channel: r.channel,
  }));

const score = (i: PriorityInput) => scorePriority(i).score;
const step = fc.double({ min: 0, max: 1, noNaN: true });

describe('scorePriority', () => {
  test('the documented formula, worked by hand', () => {
    // A tip seen once an hour ago: velocity over the 3-hour minimum window.
    const s = 1 - Math.pow(2, -1 / 3);
    const v = 1 - Math.exp(-1 / 3 / 2);
    const base = W.relevance * 0.5 + W.reach * 0.5 + W.sightings * s + W.velocity * v + W.channel;
    const expected = 100 * base * Math.pow(2, -1 / 24);
    const r = scorePriority(input({ channel: 'tip' }));
    assert.ok(Math.abs(r.score - expected) < 1e-9, `${r.score} vs ${expected}`);
    assert.equal(r.band, 'high');
    assert.equal(scorePriority(input()).band, 'normal'); // the same item from a feed
  });

  test('a viral, relevant item is urgent; a stale, quiet feed item is low', () => {
    const viral = scorePriority(
      input({
        sightings: 60,
        sightingsLast24h: 50,
        firstSeenAt: at(5),
        lastSeenAt: at(0),
        relevance: 0.9,
        reach: 0.8,
      }),
    );
    assert.equal(viral.band, 'urgent');
    const stale = scorePriority(
      input({
        firstSeenAt: at(100),
        lastSeenAt: at(72),
        sightingsLast24h: 0,
        relevance: 0.3,
        reach: 0.2,
      }),
    );
    assert.equal(stale.band, 'low');
  });

  test('a tip or a staff report counts more than the same item from a feed', () => {
    fc.assert(
      fc.property(arbInput, (i) => {
        const feed = score({ ...i, channel: 'feed' });
        for (const channel of ['tip', 'staff'] as const) assert.ok(score({ ...i, channel }) > feed);
        assert.ok(score({ ...i, channel: 'url' }) > feed);
      }),
    );
    assert.equal(CHANNEL_WEIGHT.tip, CHANNEL_WEIGHT.staff);
  });

  test('never decreases with more sightings', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 1, max: 1000 }), (i, more) => {
        assert.ok(score({ ...i, sightings: i.sightings + more }) >= score(i));
      }),
    );
  });

  test('never decreases with more sightings in the last 24 hours (velocity)', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 1, max: 1000 }), (i, more) => {
        const busier = {
          ...i,
          sightings: i.sightings + more,
          sightingsLast24h: i.sightingsLast24h + more,
        };
        assert.ok(score(busier) >= score(i));
        assert.ok(score({ ...i, sightingsLast24h: i.sightingsLast24h + more }) >= score(i));
      }),
    );
  });

  test('never decreases with a more recent last sighting', () => {
    fc.assert(
      fc.property(arbInput, step, (i, share) => {
        const last = i.lastSeenAt.getTime();
        const later = new Date(last + (NOW - last) * share);
        assert.ok(score({ ...i, lastSeenAt: later }) >= score(i));
      }),
    );
  });

  test('never decreases with more reach or more relevance', () => {
    fc.assert(
      fc.property(arbInput, step, (i, share) => {
        assert.ok(score({ ...i, reach: i.reach + (1 - i.reach) * share }) >= score(i));
        assert.ok(score({ ...i, relevance: i.relevance + (1 - i.relevance) * share }) >= score(i));
      }),
    );
  });

  test('decays as time passes with nothing new: halves after the half-life', () => {
    fc.assert(
      fc.property(arbInput, fc.double({ min: 0, max: 240, noNaN: true }), (i, hours) => {
        assert.ok(score({ ...i, now: new Date(NOW + hours * HOUR) }) <= score(i));
      }),
    );
    // Once the velocity window is full (24 h known), only the decay is left.
    const old = input({ firstSeenAt: at(48), lastSeenAt: at(0), sightingsLast24h: 1 });
    const later = { ...old, now: new Date(NOW + 24 * HOUR), firstSeenAt: at(48) };
    assert.ok(Math.abs(score(later) - score(old) / 2) < 1e-9);
    const fast = scorePriority(later, { halfLifeHours: 12 }).score;
    assert.ok(Math.abs(fast - score(old) / 4) < 1e-9);
  });

  test('stays within 0..100 whatever the input, and bands follow the score', () => {
    fc.assert(
      fc.property(arbInput, (i) => {
        const r = scorePriority(i);
        assert.ok(r.score >= 0 && r.score <= 100);
        assert.equal(r.band, priorityBand(r.score));
      }),
    );
    const wild = scorePriority(
      input({
        sightings: -5,
        sightingsLast24h: 1e9,
        reach: 7,
        relevance: Number.NaN,
        lastSeenAt: at(-5),
      }),
    );
    assert.ok(wild.score >= 0 && wild.score <= 100);
    assert.throws(() => scorePriority(input(), { halfLifeHours: 0 }), RangeError);
  });

  test('bands in order', () => {
    assert.deepEqual([0, 19.9, 20, 39.9, 40, 59.9, 60, 100].map(priorityBand), [
      'low',
      'low',
      'normal',
      'normal',
      'high',
      'high',
      'urgent',
      'urgent',
    ]);
  });
});
