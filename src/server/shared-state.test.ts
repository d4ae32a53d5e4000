/**
 * What several web processes on one database share: rate limits and live changes. Two apps (or
 * two buses) over the same database stand for two processes; the multi-process test with real
 * processes behind nginx is src/cli/scale-out.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import type { ChangeEvent } from '../core/events.js';
import { createSharedEventBus } from './event-bus.js';
import { SharedRateWindow } from './rate-limits.js';

const change = (id: string): ChangeEvent => ({
  entity: 'claim',
  id,
  version: 2,
  action: 'claim.updated',
  actorId: null,
});

async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const target of databaseTargets()) {
  describe(`state shared by web processes on ${target.kind}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await target.open();
    });
    after(async () => {
      await db.close();
    });

    test('concurrent hits on one counter are each counted once', async () => {
      const now = new Date('2026-11-23T08:00:00Z');
      const results = await Promise.all(
        Array.from({ length: 40 }, () => db.repos.rateCounters.hit('k:concurrent', 60_000, now)),
      );
      assert.deepEqual(
        results.map((r) => r.hits).sort((a, b) => a - b),
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
    });

    test('a window starts again once it has ended, and ended counters are purged', async () => {
      let now = new Date('2026-11-23T09:00:00Z');
      const window = new SharedRateWindow(db.repos.rateCounters, 'tips-test', 2, 60_000, () => now);
      const other = new SharedRateWindow(db.repos.rateCounters, 'tips-test', 2, 60_000, () => now);
      assert.deepEqual(
        [await window.take(), await other.take(), await window.take(), await other.take()],
        [true, true, false, false],
        'two processes count against one limit',
      );
      now = new Date(now.getTime() + 59_000);
      assert.equal(await other.take(), false);
      now = new Date(now.getTime() + 1_000);
      assert.equal(await window.take(), true, 'a new window');
      const purged = await db.repos.rateCounters.purgeExpired(new Date(now.getTime() + 60_000));
      assert.ok(purged >= 1);
      const left = await db.database.query<{ n: string }>(
        `select count(*) as n from rate_counters where key = 'window:tips-test'`,
      );
      assert.equal(Number(left.rows[0]?.n), 0);
    });

    test("a flood split across two processes meets one limit; another address isn't slowed", async () => {
      const env = { TIP_RATE_PER_IP: '3', TRUST_PROXY: 'true' };
      const [first, second] = [await buildTestApp(db, env), await buildTestApp(db, env)];
      try {
        const send = (app: typeof first, ip: string, i: number) =>
          app.inject({
            method: 'POST',
            url: '/api/v1/tips',
            headers: { 'x-forwarded-for': ip },
            payload: { text: `Tin đồn số ${i} gửi qua hai tiến trình` },
          });
        const codes: number[] = [];
        for (let i = 0; i < 6; i++)
          codes.push((await send(i % 2 ? second : first, '203.0.113.50', i)).statusCode);
        assert.deepEqual(codes, [201, 201, 201, 429, 429, 429]);
        assert.equal((await send(second, '198.51.100.77', 9)).statusCode, 201);
      } finally {
        await first.close();
        await second.close();
      }
    });

    test('a change published by one process reaches the others once, and its own once', async () => {
      const a = await createSharedEventBus(db.database);
      const b = await createSharedEventBus(db.database);
      const seenA: string[] = [];
      const seenB: string[] = [];
      a.subscribe((e) => seenA.push(e.id));
      b.subscribe((e) => seenB.push(e.id));
      try {
        a.publish(change('from-a'));
        b.publish(change('from-b'));
        await eventually(() => seenA.length >= 2 && seenB.length >= 2);
        // Give stray echoes time to arrive before asserting there are none.
        await new Promise((r) => setTimeout(r, 200));
        assert.deepEqual([...seenA].sort(), ['from-a', 'from-b']);
        assert.deepEqual([...seenB].sort(), ['from-a', 'from-b']);
        // Something else on the channel is ignored.
        await db.database.query(`select pg_notify('kiemchung_changes', 'not json')`);
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(seenB.length, 2);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
