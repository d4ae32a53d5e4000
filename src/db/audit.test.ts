import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { SYSTEM_ACTOR } from '../core/audit.js';
import { appendAudit, verifyAuditChain } from './audit.repo.js';

for (const target of databaseTargets()) {
  describe(`audit chain on ${target.kind}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await target.open();
      for (let i = 0; i < 5; i += 1) {
        await appendAudit(db.database.db, {
          actor: SYSTEM_ACTOR,
          action: 'test.event',
          entityType: 'test',
          entityId: String(i),
          data: { i, nested: { b: 'Đà Nẵng', a: [1, 2] } },
          occurredAt: new Date(),
        });
      }
    });
    after(() => db.close());

    test('an intact chain verifies', async () => {
      const verdict = await verifyAuditChain(db.database.db, 2);
      assert.deepEqual({ ok: verdict.ok, checked: verdict.checked }, { ok: true, checked: 5 });
    });

    test('updates and deletes are refused by the database', async () => {
      await assert.rejects(
        db.database.query("update audit_events set action = 'x'"),
        /append-only/,
      );
      await assert.rejects(db.database.query('delete from audit_events'), /append-only/);
    });

    test('a tampered row is detected, and where', async () => {
      // Someone with superuser rights disables the guard and edits history.
      const [third] = (
        await db.database.query<{ id: number }>(
          'select id::int as id from audit_events order by id offset 2 limit 1',
        )
      ).rows;
      await db.database.exec(`
        alter table audit_events disable trigger audit_events_no_update_delete;
        update audit_events set data = '{"i": 99}' where id = ${third!.id};
        alter table audit_events enable trigger audit_events_no_update_delete;`);
      const verdict = await verifyAuditChain(db.database.db, 2);
      assert.equal(verdict.ok, false);
      assert.equal(!verdict.ok && verdict.brokenAtId, third!.id);
    });

    test('a removed row is detected', async () => {
      const fresh = await target.open();
      try {
        for (let i = 0; i < 3; i += 1) {
          await appendAudit(fresh.database.db, {
            actor: SYSTEM_ACTOR,
            action: 'a',
            entityType: 't',
            entityId: null,
            occurredAt: new Date(),
          });
        }
        const [middle] = (
          await fresh.database.query<{ id: number }>(
            'select id::int as id from audit_events order by id offset 1 limit 1',
          )
        ).rows;
        await fresh.database.exec(`
          alter table audit_events disable trigger audit_events_no_update_delete;
          delete from audit_events where id = ${middle!.id};
          alter table audit_events enable trigger audit_events_no_update_delete;`);
        const verdict = await verifyAuditChain(fresh.database.db);
        assert.equal(verdict.ok, false);
        assert.match(!verdict.ok ? verdict.reason : '', /removed or reordered/);
      } finally {
        await fresh.close();
      }
    });

    test('concurrent appends keep one chain', async () => {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          db.repos.transaction((tx) =>
            tx.audit.append({
              actor: SYSTEM_ACTOR,
              action: 'parallel',
              entityType: 't',
              entityId: String(i),
              occurredAt: new Date(),
            }),
          ),
        ),
      );
      const links = await db.database.query<{ n: string }>(
        "select count(distinct prev_hash)::text as n from audit_events where action = 'parallel'",
      );
      assert.equal(links.rows[0]!.n, '10');
    });
  });
}
