import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { verifyAuditChain } from './audit.repo.js';
import { purgeExpiredRawPages } from './raw-page-retention.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

for (const target of databaseTargets()) {
  describe(`raw page retention on ${target.kind}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await target.open();
    });
    after(() => db.close());

    test('deletes exactly the raw pages past their days, keeps shared bytes, audits it', async () => {
      const page = (name: string) => ({ name, hash: sha(name) });
      const old = page('<html>cũ</html>');
      const young = page('<html>mới</html>');
      const shared = page('<html>chung</html>');
      for (const p of [old, young, shared]) {
        await db.repos.files.putBlob({
          sha256: p.hash,
          mime: 'text/html',
          data: Buffer.from(p.name),
        });
      }
      const snap = async (p: { hash: string }, fetchedAt: string) =>
        db.repos.files.insertSnapshot({
          url: 'https://example.org/a',
          finalUrl: 'https://example.org/a',
          fetchedAt: new Date(fetchedAt),
          httpStatus: 200,
          contentType: 'text/html',
          sha256: p.hash,
          sizeBytes: 10,
          title: 't',
          text: 'văn bản',
          storageKey: p.hash,
        });
      const oldSnap = await snap(old, '2026-01-01T00:00:00Z');
      const youngSnap = await snap(young, '2026-03-20T00:00:00Z');
      const sharedOld = await snap(shared, '2026-01-02T00:00:00Z');
      await snap(shared, '2026-03-25T00:00:00Z');

      let now = new Date('2026-03-31T00:00:00Z');
      // 60 days: only snapshots fetched before 30 January lose their bytes.
      assert.equal(await purgeExpiredRawPages(db.database.db, now, 60), 2);
      const blobs = async () =>
        (
          await db.database.query<{ sha256: string }>('select sha256 from file_blobs order by 1')
        ).rows.map((r) => r.sha256);
      assert.deepEqual(await blobs(), [young.hash, shared.hash].sort());
      const keys = await db.database.query<{
        id: string;
        storage_key: string | null;
        text: string;
      }>('select id, storage_key, text from snapshots');
      const keyOf = (id: string) => keys.rows.find((r) => r.id === id)!.storage_key;
      assert.equal(keyOf(oldSnap.id), null);
      assert.equal(keyOf(sharedOld.id), null);
      assert.equal(keyOf(youngSnap.id), young.hash);
      assert.ok(
        keys.rows.every((r) => r.text === 'văn bản'),
        'the snapshot text stays as evidence',
      );

      const events = await db.database.query<{ action: string; data: { snapshotIds: string[] } }>(
        "select action, data from audit_events where action = 'snapshots.raw_deleted'",
      );
      assert.equal(events.rows.length, 1);
      assert.deepEqual(events.rows[0]!.data.snapshotIds, [oldSnap.id, sharedOld.id].sort());

      // Nothing more is due the same day; later the rest goes, and the chain still verifies.
      assert.equal(await purgeExpiredRawPages(db.database.db, now, 60), 0);
      now = new Date('2026-06-01T00:00:00Z');
      assert.equal(await purgeExpiredRawPages(db.database.db, now, 60), 2);
      assert.deepEqual(await blobs(), []);
      assert.equal(await purgeExpiredRawPages(db.database.db, now, 0), 0);
      assert.equal((await verifyAuditChain(db.database.db)).ok, true);
    });
  });
}
