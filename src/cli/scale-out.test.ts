/**
 * Several processes on one PostgreSQL behind nginx, as a national desk runs it: two web
 * processes and two workers start together on an empty database (one applies the migrations
 * while the others wait), nginx balances between the web processes. A session made through one
 * process works on the other, a live-change stream on one sees a change made through the other,
 * and 10,000 items are each processed exactly once even when a worker is killed mid-batch.
 *
 * Needs TEST_DATABASE_URL and Debian's nginx (CI installs both); skipped, saying why, without.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestUser, setTestPassword } from '../../test/factories.js';
import { findExecutable, freePort } from '../../test/processes.js';
import { openDatabase, type Database } from '../db/client.js';
import { createRepositories } from '../db/repositories.js';

const bin = fileURLToPath(new URL('../../bin/kiemchung.js', import.meta.url));
const ITEMS = 10_000;

const adminUrl = process.env.TEST_DATABASE_URL;
const nginx = findExecutable('nginx');
const skip = !adminUrl
  ? 'needs TEST_DATABASE_URL (a PostgreSQL server)'
  : !nginx
    ? "needs nginx (Debian's nginx-light)"
    : false;

/** A child's output so far, collected from the moment it starts. */
const outputs = new WeakMap<ChildProcess, { text: string }>();

function collect(child: ChildProcess): ChildProcess {
  const buffer = { text: '' };
  outputs.set(child, buffer);
  child.stdout?.on('data', (chunk: Buffer) => (buffer.text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (buffer.text += chunk.toString()));
  return child;
}

async function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number) {
  const buffer = outputs.get(child)!;
  return until(
    async () => {
      if (child.exitCode !== null)
        throw new Error(`exited with ${child.exitCode}:\n${buffer.text}`);
      const match = pattern.exec(buffer.text);
      return match ? (match[1] ?? match[0]) : undefined;
    },
    timeoutMs,
    () => `${pattern} in:\n${buffer.text}`,
  );
}

async function until<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string | (() => string),
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('two web processes and two workers on PostgreSQL behind nginx', { skip }, () => {
  const work = mkdtempSync(join(tmpdir(), 'kc-scale-'));
  const name = `kc_scale_${randomBytes(5).toString('hex')}`;
  const url = new URL(adminUrl ?? 'postgres://localhost/x');
  url.pathname = `/${name}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url.toString(),
    // Every process of one instance shares its key (sessions, encrypted contacts).
    SECRET_KEY: randomBytes(32).toString('hex'),
    DATA_DIR: join(work, 'data'),
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    TRUST_PROXY: 'true',
  };
  delete env.TEST_DATABASE_URL;
  const children: ChildProcess[] = [];
  let webUrls: string[] = [];
  let proxyUrl = '';
  let workers: ChildProcess[] = [];
  let database: Database;
  let email = '';
  let password = '';

  const spawnKc = (args: string[]) => {
    const child = collect(
      spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    children.push(child);
    return child;
  };

  before(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    // All four start at once on the empty database: one migrates, the others wait for it.
    const webs = [0, 1].map(() => spawnKc(['start', '--role', 'web', '--port', '0']));
    workers = [0, 1].map(() => spawnKc(['worker']));
    webUrls = await Promise.all(
      webs.map((w) => waitForOutput(w, /running at (http:\/\/\S+?) /, 90_000)),
    );
    await Promise.all(workers.map((w) => waitForOutput(w, /workers are running/, 90_000)));

    const port = await freePort();
    const prefix = join(work, 'nginx');
    mkdirSync(join(prefix, 'logs'), { recursive: true });
    const upstream = webUrls.map((u) => `server ${new URL(u).host};`).join(' ');
    writeFileSync(
      join(prefix, 'nginx.conf'),
      `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  upstream kiemchung { ${upstream} keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://kiemchung;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
`,
    );
    const proxy = collect(
      spawn(nginx!, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    children.push(proxy);
    proxyUrl = `http://127.0.0.1:${port}`;
    await until(
      async () => (await fetch(`${proxyUrl}/health`).catch(() => null))?.ok || undefined,
      20_000,
      'nginx',
    );

    database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 2 });
    const repos = createRepositories(database.db);
    const editor = await createTestUser(repos, 'editor');
    email = editor.user.email;
    password = await setTestPassword(repos, editor.user.id);
  });

  after(async () => {
    // nginx's master stops its worker processes on SIGTERM; SIGKILL would orphan them.
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database?.close();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    rmSync(work, { recursive: true, force: true });
  });

  const signIn = async (base: string) => {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kc_session='));
    assert.ok(cookie);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie: cookie.split(';')[0]!, csrfToken };
  };

  test('migrations were applied once, by one process', async () => {
    const rows = await database.query<{ n: string }>(
      'select count(*) as n from kiemchung.migrations',
    );
    const journal = spawnSync('ls', [fileURLToPath(new URL('../db/migrations', import.meta.url))], {
      encoding: 'utf8',
    });
    const files = journal.stdout.split('\n').filter((f) => f.endsWith('.sql'));
    assert.equal(Number(rows.rows[0]?.n), files.length);
  });

  test('a session made through one web process is valid on the other and through nginx', async () => {
    const [first, second] = webUrls as [string, string];
    const { cookie } = await signIn(first);
    for (const base of [second, first, proxyUrl, proxyUrl]) {
      const me = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } });
      assert.equal(me.status, 200, base);
      assert.equal(((await me.json()) as { user: { email: string } }).user.email, email);
    }
  });

  test('a live-change stream on one process sees a change made through the other', async () => {
    const [first, second] = webUrls as [string, string];
    const session = await signIn(first);
    const controller = new AbortController();
    const stream = await fetch(`${first}/api/v1/events`, {
      headers: { cookie: session.cookie, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    assert.equal(stream.status, 200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    const reading = (async () => {
      for (;;) {
        const chunk = (await reader.read()) as { done: boolean; value?: Uint8Array };
        if (chunk.done) return;
        received += decoder.decode(chunk.value, { stream: true });
      }
    })().catch(() => undefined);
    await until(async () => (received.includes(': connected') ? true : undefined), 5000, 'stream');
    const created = await fetch(`${second}/api/v1/claims`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
        origin: second,
      },
      body: JSON.stringify({ text: 'Tin đồn kiểm tra luồng thay đổi giữa hai tiến trình' }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { id } = (await created.json()) as { id: string };
    await until(async () => (received.includes(id) ? true : undefined), 10_000, 'the change');
    controller.abort();
    await reading;
  });

  test('10,000 items are each processed exactly once, though a worker is killed mid-batch', async () => {
    const file = join(work, 'items.jsonl');
    writeFileSync(
      file,
      Array.from({ length: ITEMS }, (_, i) =>
        JSON.stringify({ text: `Tin kiểm thử số ${i}: người dân phản ánh sự việc thứ ${i * 7}.` }),
      ).join('\n'),
    );
    const imported = spawnSync(process.execPath, [bin, 'import', file], {
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
    assert.equal(imported.status, 0, imported.stderr);
    const processed = async () =>
      Number(
        (
          await database.query<{ n: string }>(
            'select count(*) as n from items where processed_at is not null',
          )
        ).rows[0]?.n,
      );
    // Kill one worker while the pipeline is busy.
    await until(async () => ((await processed()) >= 500 ? true : undefined), 120_000, 'work');
    workers[0]!.kill('SIGKILL');
    await until(
      async () => ((await processed()) >= ITEMS ? true : undefined),
      600_000,
      'every item processed',
    );
    const runs = await database.query<{ runs: number; n: string }>(
      'select processing_runs as runs, count(*) as n from items group by processing_runs',
    );
    assert.deepEqual(
      runs.rows.map((r) => ({ runs: r.runs, n: Number(r.n) })),
      [{ runs: 1, n: ITEMS }],
    );
  });
});
