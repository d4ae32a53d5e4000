import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { SYSTEM_ACTOR } from '../core/audit.js';
import { appendAudit, verifyAuditChain } from './audit.repo.js';
import { BACKUP_MAGIC } from './backup-crypto.js';
import { BackupError, createBackup, restoreBackup, verifyBackup } from './backup.js';
import type { Database } from './client.js';
import { seedDemo } from './demo/seed-demo.js';

const SECRET = 'b'.repeat(64);

/** Every row of every table of the domain in its exact text form, sorted per table. */
async function dumpAll(database: Database): Promise<Record<string, string[]>> {
  const tables = await database.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' order by 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await database.query<{ r: string }>(`select t::text as r from public."${name}" t`);
    out[name] = rows.rows.map((r) => r.r).sort();
  }
  return out;
}

async function blobHashes(database: Database): Promise<string[]> {
  const rows = await database.query<{ sha256: string; data: Uint8Array }>(
    'select sha256, data from file_blobs order by sha256',
  );
  return rows.rows.map((r) => {
    assert.equal(createHash('sha256').update(r.data).digest('hex'), r.sha256);
    return r.sha256;
  });
}

const expectError = (code: BackupError['code']) => (error: unknown) => {
  assert.ok(error instanceof BackupError, String(error));
  assert.equal(error.code, code, error.message);
  return true;
};

/** Rewrites the first line of a plain backup, as a later release's file would look. */
function rewriteHeader(file: string, out: string, edit: (header: Record<string, unknown>) => void) {
  const bytes = readFileSync(file);
  const headerLength = bytes.readUInt32BE(BACKUP_MAGIC.length);
  const bodyStart = BACKUP_MAGIC.length + 4 + headerLength;
  const text = gunzipSync(bytes.subarray(bodyStart)).toString('utf8');
  const newline = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
  edit(header);
  const body = gzipSync(Buffer.from(`${JSON.stringify(header)}${text.slice(newline)}`, 'utf8'));
  writeFileSync(out, Buffer.concat([bytes.subarray(0, bodyStart), body]));
}

for (const target of databaseTargets()) {
  describe(`backup and restore on ${target.kind}`, () => {
    let db: TestDatabase;
    let dir: string;
    let before_: Record<string, string[]>;
    let plain: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kc-backup-'));
      db = await target.open();
      await seedDemo(db.database, { secretKey: SECRET, now: new Date('2026-03-02T03:04:05.678Z') });
      // Attachments with every byte value, one larger than a cipher chunk.
      for (const size of [256, 300_000]) {
        const data = size === 256 ? Buffer.from([...Array(256).keys()]) : randomBytes(size);
        await db.repos.files.putBlob({
          sha256: createHash('sha256').update(data).digest('hex'),
          mime: 'application/octet-stream',
          data,
        });
      }
      before_ = await dumpAll(db.database);
      plain = join(dir, 'plain.kcb');
    });
    after(async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('backup → change everything → restore gives back every table and file byte for byte', async () => {
      const manifest = await createBackup(db.database, plain);
      assert.equal(manifest.encrypted, false);
      assert.ok(manifest.tables.find((t) => t.name === 'file_blobs')!.rows >= 2);
      assert.ok(manifest.tables.find((t) => t.name === 'audit_events')!.rows > 0);
      const blobsBefore = await blobHashes(db.database);

      // Wipe: delete content, add other content, move a sequence.
      await db.database.exec(`
        delete from evidence; delete from file_blobs; delete from tips; delete from item_sightings;
        update claims set text = 'đã đổi';`);
      await appendAudit(db.database.db, {
        actor: SYSTEM_ACTOR,
        action: 'test.after-backup',
        entityType: 'test',
        entityId: null,
        occurredAt: new Date(),
      });
      assert.notDeepEqual(await dumpAll(db.database), before_);

      const restored = await restoreBackup(db.database, plain);
      assert.deepEqual(restored.tables, manifest.tables);
      assert.deepEqual(await dumpAll(db.database), before_);
      assert.deepEqual(await blobHashes(db.database), blobsBefore);
      assert.equal((await verifyAuditChain(db.database.db)).ok, true);
      // Sequences continue after the restored rows: a new audit event links on.
      await appendAudit(db.database.db, {
        actor: SYSTEM_ACTOR,
        action: 'test.after-restore',
        entityType: 'test',
        entityId: null,
        occurredAt: new Date(),
      });
      assert.equal((await verifyAuditChain(db.database.db)).ok, true);
      // The append-only guard is back in force after the restore.
      await assert.rejects(db.database.query('delete from audit_events'), /append-only/);
      await restoreBackup(db.database, plain);
      assert.deepEqual(await dumpAll(db.database), before_);
    });

    test('into a fresh database too', async () => {
      const fresh = await target.open();
      try {
        await restoreBackup(fresh.database, plain);
        assert.deepEqual(await dumpAll(fresh.database), before_);
      } finally {
        await fresh.close();
      }
    });

    test('an encrypted backup needs its passphrase; a wrong one is said so', async () => {
      const file = join(dir, 'secret.kcb');
      const manifest = await createBackup(db.database, file, { passphrase: 'mật khẩu sao lưu' });
      assert.equal(manifest.encrypted, true);
      // Nothing of the content is readable in the file.
      assert.equal(readFileSync(file).includes(Buffer.from('audit_events')), false);
      await assert.rejects(restoreBackup(db.database, file), expectError('passphrase_required'));
      await assert.rejects(
        restoreBackup(db.database, file, { passphrase: 'sai mật khẩu' }),
        expectError('wrong_passphrase'),
      );
      await db.database.exec("update claims set text = 'đổi lần nữa'");
      await restoreBackup(db.database, file, { passphrase: 'mật khẩu sao lưu' });
      assert.deepEqual(await dumpAll(db.database), before_);

      // A flipped byte inside the ciphertext, and a file cut short, are refused.
      const bytes = readFileSync(file);
      const flipped = Buffer.from(bytes);
      flipped[Math.floor(bytes.length / 2)]! ^= 0x01;
      writeFileSync(join(dir, 'flipped.kcb'), flipped);
      await assert.rejects(
        verifyBackup(join(dir, 'flipped.kcb'), 'mật khẩu sao lưu'),
        expectError('corrupt'),
      );
      writeFileSync(join(dir, 'cut.kcb'), bytes.subarray(0, bytes.length - 70_000));
      await assert.rejects(
        verifyBackup(join(dir, 'cut.kcb'), 'mật khẩu sao lưu'),
        expectError('truncated'),
      );
    });

    test('a damaged, cut or newer backup is refused and the current data stay untouched', async () => {
      await db.database.exec("update claims set text = 'dữ liệu hiện tại'");
      const current = await dumpAll(db.database);
      const bytes = readFileSync(plain);

      const cut = join(dir, 'cut-plain.kcb');
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
      await assert.rejects(restoreBackup(db.database, cut), expectError('truncated'));

      const damaged = join(dir, 'damaged.kcb');
      const changed = Buffer.from(bytes);
      changed[Math.floor(bytes.length * 0.6)]! ^= 0xff;
      writeFileSync(damaged, changed);
      await assert.rejects(restoreBackup(db.database, damaged), (error: unknown) => {
        assert.ok(error instanceof BackupError);
        assert.ok(['corrupt', 'truncated'].includes(error.code), error.code);
        return true;
      });

      const newer = join(dir, 'newer.kcb');
      rewriteHeader(plain, newer, (header) => {
        header.migrations = [...(header.migrations as string[]), 'f'.repeat(64)];
        header.appVersion = '9.9.9';
      });
      await assert.rejects(restoreBackup(db.database, newer), (error: unknown) => {
        assert.ok(error instanceof BackupError);
        assert.equal(error.code, 'newer_schema');
        assert.match(error.message, /newer schema.*9\.9\.9.*Upgrade/s);
        return true;
      });

      const older = join(dir, 'older.kcb');
      rewriteHeader(plain, older, (header) => {
        header.migrations = (header.migrations as string[]).slice(0, -1);
      });
      await assert.rejects(restoreBackup(db.database, older), expectError('older_schema'));

      writeFileSync(join(dir, 'other.kcb'), 'not a backup at all');
      await assert.rejects(
        restoreBackup(db.database, join(dir, 'other.kcb')),
        expectError('not_a_backup'),
      );
      assert.deepEqual(await dumpAll(db.database), current);
      await restoreBackup(db.database, plain);
    });

    test('a backup taken while the audit chain grows is one consistent snapshot', async () => {
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          await appendAudit(db.database.db, {
            actor: SYSTEM_ACTOR,
            action: 'test.concurrent',
            entityType: 'test',
            entityId: String(written),
            occurredAt: new Date(),
          });
          written += 1;
          // PGlite answers without a turn of the event loop; let the timers and the backup run.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const file = join(dir, 'busy.kcb');
      let manifest;
      try {
        await new Promise((resolve) => setTimeout(resolve, 50));
        manifest = await createBackup(db.database, file);
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        writing = false;
        await writer;
      }
      assert.ok(written > 0);
      const fresh = await target.open();
      try {
        await restoreBackup(fresh.database, file);
        const verdict = await verifyAuditChain(fresh.database.db);
        assert.equal(verdict.ok, true);
        assert.equal(verdict.checked, manifest.tables.find((t) => t.name === 'audit_events')!.rows);
      } finally {
        await fresh.close();
      }
    });
  });
}
