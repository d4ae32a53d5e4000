import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitForUrl } from '../../test/processes.js';
import { CLAIM_STATUSES } from '../core/types.js';

const bin = fileURLToPath(new URL('../../bin/kiemchung.js', import.meta.url));

/** Environment of a user's machine: no database configured. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  delete env.DATA_DIR;
  return env;
}

/** Signs in as the demo editor; returns the headers that carry the session. */
async function signIn(url: string): Promise<{ cookie: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'quocbao@demo.kiemchung.invalid', password: 'demo-kiemchung' }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kc_session='));
  assert.ok(cookie, 'no session cookie');
  return { cookie: cookie.split(';')[0]! };
}

describe('kiemchung start on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kc-start-'));
  let child: ChildProcess;
  let url: string;
  let startedIn = 0;
  let output = '';

  before(async () => {
    const t0 = Date.now();
    child = spawn(process.execPath, [bin, 'start', '--data-dir', dataDir, '--port', '0'], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    url = await waitForUrl(child, 60_000);
    startedIn = Date.now() - t0;
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('answers /health within 30 s and serves the demo claims', async () => {
    assert.ok(startedIn < 30_000, `started in ${startedIn} ms`);
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200);
    // Claims are staff data: the demo editor signs in with the password printed at start-up.
    for (let i = 0; i < 100 && !/quocbao/.test(output); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match(output, /Demo accounts.*password "demo-kiemchung"/);
    assert.match(output, /editor\s+quocbao@demo\.kiemchung\.invalid/);
    const claims = (await (
      await fetch(`${url}/api/v1/claims?limit=100`, { headers: await signIn(url) })
    ).json()) as {
      items: Array<{ status: string }>;
    };
    assert.equal(claims.items.length, 15);
    const statuses = new Set(claims.items.map((c) => c.status));
    for (const status of CLAIM_STATUSES) {
      assert.ok(statuses.has(status), `no demo claim in ${status}`);
    }
    const ready = await fetch(`${url}/ready`);
    assert.equal(ready.status, 200);
  });

  test('a second process on the same data dir is refused with a clear message', () => {
    const second = spawnSync(process.execPath, [bin, 'migrate', '--data-dir', dataDir], {
      env: cleanEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(second.status, 1, second.stderr);
    assert.match(second.stderr, /already used by another Kiểm Chứng process/);
  });

  test('SIGTERM shuts down cleanly and the data survives a restart', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    const again = spawn(process.execPath, [bin, 'start', '--data-dir', dataDir, '--port', '0'], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url2 = await waitForUrl(again, 60_000);
      const claims = (await (
        await fetch(`${url2}/api/v1/claims?limit=100`, { headers: await signIn(url2) })
      ).json()) as {
        items: unknown[];
      };
      assert.equal(claims.items.length, 15, 'demo is loaded once, not again');
    } finally {
      const done = new Promise((resolve) => again.once('exit', resolve));
      again.kill('SIGTERM');
      await done;
    }
  });
});

test('an invalid configuration exits 1 listing every problem', () => {
  const result = spawnSync(process.execPath, [bin, 'migrate'], {
    env: { ...cleanEnv(), PORT: 'x', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://nope' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 1);
  for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL'])
    assert.match(result.stderr, new RegExp(name));
});
