import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { purgeContactsUnderPolicy } from '../../../core/retention.js';
import { buildTestApp } from '../../../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../../../test/db.js';
import { createTestUser, type TestUser } from '../../../../test/factories.js';

const DAY = 86_400_000;
const CONFIG = { afterAnswerDays: 60, maxDays: 200 };

interface Retention {
  afterAnswerDays: number;
  maxDays: number;
  version: number;
  source: string;
  defaults: { afterAnswerDays: number; maxDays: number };
  updatedById: string | null;
}

for (const target of databaseTargets()) {
  describe(`/api/v1/settings/retention on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let admin: TestUser;
    let lead: TestUser;
    let editor: TestUser;

    before(async () => {
      db = await target.open();
      app = await buildTestApp(db, {
        TIP_CONTACT_DAYS_AFTER_ANSWER: String(CONFIG.afterAnswerDays),
        TIP_CONTACT_MAX_DAYS: String(CONFIG.maxDays),
      });
      admin = await createTestUser(db.repos, 'admin');
      lead = await createTestUser(db.repos, 'lead');
      editor = await createTestUser(db.repos, 'editor');
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    const get = (user: TestUser) =>
      app.inject({ url: '/api/v1/settings/retention', headers: user.headers });
    const put = (user: TestUser, payload: Record<string, unknown>) =>
      app.inject({
        method: 'PUT',
        url: '/api/v1/settings/retention',
        headers: user.headers,
        payload,
      });

    /** A tip holding a contact, received `daysAgo` days ago with the ceiling of its time. */
    async function tipWithContact(daysAgo: number, ceilingDays: number): Promise<string> {
      const received = new Date(Date.now() - daysAgo * DAY);
      const { rows } = await db.database.query<{ id: string }>(
        `insert into tips (receipt_digest, text, contact_encrypted, consent, created_at,
           updated_at, contact_delete_after)
         values (md5(random()::text), 'Tin báo thử', 'ciphertext', true, $1, $1, $2)
         returning id`,
        [received.toISOString(), new Date(received.getTime() + ceilingDays * DAY).toISOString()],
      );
      return rows[0]!.id;
    }
    const hasContact = async (id: string) => {
      const { rows } = await db.database.query<{ contact: string | null }>(
        'select contact_encrypted as contact from tips where id = $1',
        [id],
      );
      return rows[0]!.contact !== null;
    };

    test('the configuration applies until an administrator stores a policy', async () => {
      const res = await get(lead);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<Retention>();
      assert.deepEqual(
        [body.afterAnswerDays, body.maxDays, body.version, body.source],
        [60, 200, 0, 'config'],
      );
      assert.deepEqual(body.defaults, CONFIG);
      assert.equal((await get(editor)).statusCode, 403);
      assert.equal(
        (await put(lead, { version: 0, afterAnswerDays: 30, maxDays: 90 })).statusCode,
        403,
      );
    });

    test('an administrator changes it with the version read; stale, inconsistent or out-of-range values are refused', async () => {
      const out = await put(admin, { version: 0, afterAnswerDays: 5000, maxDays: 90 });
      assert.equal(out.statusCode, 400, out.body);
      const inconsistent = await put(admin, { version: 0, afterAnswerDays: 120, maxDays: 90 });
      assert.equal(inconsistent.statusCode, 400);
      assert.match(inconsistent.body, /afterAnswerDays/);
      assert.match(inconsistent.body, /ceiling of 90 days/);

      const saved = await put(admin, { version: 0, afterAnswerDays: 30, maxDays: 90 });
      assert.equal(saved.statusCode, 200, saved.body);
      const body = saved.json<Retention>();
      assert.deepEqual(
        [body.afterAnswerDays, body.maxDays, body.version, body.source, body.updatedById],
        [30, 90, 1, 'database', admin.user.id],
      );
      assert.deepEqual(body.defaults, CONFIG);

      // A colleague who read version 0 (or nothing) cannot overwrite it unknowingly.
      const stale = await put(admin, { version: 0, afterAnswerDays: 10, maxDays: 20 });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(stale.json<{ code: string }>().code, 'version_conflict');
      const again = await put(admin, { version: 1, afterAnswerDays: 20, maxDays: 100 });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json<Retention>().version, 2);
      assert.deepEqual(
        [(await get(lead)).json<Retention>().maxDays, (await get(lead)).json<Retention>().version],
        [100, 2],
      );

      const { rows } = await db.database.query<{ actor_id: string; data: unknown }>(
        `select actor_id, data from audit_events
         where action = 'settings.updated' and entity_id = 'retention' order by id`,
      );
      assert.equal(rows.length, 2);
      assert.deepEqual(rows[0]!.data, {
        before: CONFIG,
        after: { afterAnswerDays: 30, maxDays: 90 },
      });
      assert.equal(rows[0]!.actor_id, admin.user.id);
    });

    test('the purge deletes contacts under the stored policy, not the configuration', async () => {
      // Stored now: 20 days after the answer, 100 days after receipt at the latest.
      // Received 150 days ago with the configuration's 200-day ceiling: past the stored one.
      const old = await tipWithContact(150, CONFIG.maxDays);
      // Received 50 days ago: within both.
      const recent = await tipWithContact(50, CONFIG.maxDays);
      const clock = () => new Date();
      assert.equal(await purgeContactsUnderPolicy(db.repos, clock, CONFIG), 1);
      assert.equal(await hasContact(old), false);
      assert.equal(await hasContact(recent), true);

      // A ceiling of 40 days reaches the recent contact at the next purge.
      const current = (await get(admin)).json<Retention>();
      const shorter = await put(admin, {
        version: current.version,
        afterAnswerDays: 20,
        maxDays: 40,
      });
      assert.equal(shorter.statusCode, 200, shorter.body);
      assert.equal(await purgeContactsUnderPolicy(db.repos, clock, CONFIG), 1);
      assert.equal(await hasContact(recent), false);
    });
  });
}
