import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { verifyBackup } from './backup.js';
import { backupFileName, listScheduledBackups, runScheduledBackup } from './backup-schedule.js';

for (const target of databaseTargets()) {
  describe(`scheduled backups on ${target.kind}`, () => {
    let db: TestDatabase;
    let dir: string;
    before(async () => {
      db = await target.open();
      dir = mkdtempSync(join(tmpdir(), 'kc-backup-schedule-'));
    });
    after(async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('one backup per interval, the newest N kept, encrypted with the passphrase', async () => {
      let now = new Date('2026-05-01T00:00:00.000Z');
      const clock = () => now;
      const schedule = { dir, everyHours: 24, keep: 3, passphrase: 'lịch sao lưu 2026' };
      const first = await runScheduledBackup(db.database, schedule, clock);
      assert.equal(first?.file, join(dir, backupFileName(now)));
      assert.equal(first.manifest.encrypted, true);
      // Not due again within the interval.
      now = new Date('2026-05-01T23:59:00.000Z');
      assert.equal(await runScheduledBackup(db.database, schedule, clock), null);
      for (let day = 2; day <= 6; day += 1) {
        now = new Date(`2026-05-0${day}T00:00:30.000Z`);
        assert.ok(await runScheduledBackup(db.database, schedule, clock));
      }
      assert.deepEqual(await listScheduledBackups(dir), [
        'kiemchung-20260504T000030Z.kcb',
        'kiemchung-20260505T000030Z.kcb',
        'kiemchung-20260506T000030Z.kcb',
      ]);
      const manifest = await verifyBackup(
        join(dir, 'kiemchung-20260506T000030Z.kcb'),
        schedule.passphrase,
      );
      assert.equal(manifest.createdAt, '2026-05-06T00:00:30.000Z');
      // Off when the interval is 0.
      now = new Date('2026-06-01T00:00:00.000Z');
      assert.equal(
        await runScheduledBackup(db.database, { ...schedule, everyHours: 0 }, clock),
        null,
      );
    });
  });
}
