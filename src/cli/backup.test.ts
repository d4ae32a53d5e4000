import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli as run } from '../../test/cli.js';

describe('kiemchung backup and restore (embedded database)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kc-backup-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('backup, verify, restore with a passphrase file; clear errors', async () => {
    const env = { DATA_DIR: join(dir, 'data') };
    const seeded = await run(['seed-demo'], { ...env, SECRET_KEY: 'k'.repeat(64) });
    assert.equal(seeded.code, 0, seeded.stderr);
    const pass = join(dir, 'pass.txt');
    writeFileSync(pass, 'cụm mật khẩu dài\n');
    const out = join(dir, 'b.kcb');
    const made = await run(['backup', '--out', out, '--passphrase-file', pass], env);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /encrypted/);
    assert.match(made.stdout, /audit_events\s+\d+/);

    const verified = await run(['verify-backup', out, '--passphrase-file', pass], env);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /intact/);

    const unconfirmed = await run(['restore', out, '--passphrase-file', pass], env);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.stdout, /--yes/);

    writeFileSync(join(dir, 'wrong.txt'), 'không phải mật khẩu\n');
    const wrong = await run(
      ['restore', out, '--yes', '--passphrase-file', join(dir, 'wrong.txt')],
      env,
    );
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /Wrong passphrase.*not changed/);

    const restored = await run(['restore', out, '--yes', '--passphrase-file', pass], env);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /Restored/);
  });
});
