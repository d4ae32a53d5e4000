/**
 * The reverse-proxy configuration shipped in deploy/ works as its comments say, with Debian's
 * nginx in front of a real `kiemchung start`: plain HTTP is redirected to HTTPS, public portal
 * pages are cached as the app's Cache-Control allows (and served while the app is down), signed-in
 * requests bypass the cache, /metrics is closed to the public, responses are compressed. The file
 * is used as shipped; only ports, certificate and cache paths are pointed at a temporary prefix.
 * Skipped, saying why, without nginx or openssl (CI installs nginx-light).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findExecutable, freePort, waitForUrl } from './processes.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/kiemchung.js');

const nginx = findExecutable('nginx');
const openssl = findExecutable('openssl');
const skip = !nginx
  ? "needs nginx (Debian's nginx-light)"
  : !openssl
    ? 'needs openssl for a test certificate'
    : false;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request without following redirects; TLS to the test's self-signed certificate. */
function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The shipped site file, pointed at this test's ports, certificate, cache and upstream. */
function localiseSiteConfig(
  site: string,
  settings: { httpPort: number; httpsPort: number; prefix: string; upstream: string },
): string {
  const replacements: [string | RegExp, string][] = [
    ['listen 80;', `listen 127.0.0.1:${settings.httpPort};`],
    [/listen 443 ssl( http2)?;/, `listen 127.0.0.1:${settings.httpsPort} ssl$1;`],
    [/\/etc\/letsencrypt\/live\/[^/]+\/fullchain\.pem/, join(settings.prefix, 'tls', 'cert.pem')],
    [/\/etc\/letsencrypt\/live\/[^/]+\/privkey\.pem/, join(settings.prefix, 'tls', 'key.pem')],
    ['/var/cache/nginx/kiemchung', join(settings.prefix, 'cache')],
  ];
  let out = site;
  for (const [from, to] of replacements) {
    const next = out.replace(from, to);
    assert.notEqual(next, out, `the shipped configuration no longer contains ${String(from)}`);
    out = next;
  }
  const upstreams = out.split('http://127.0.0.1:3000').length - 1;
  assert.ok(upstreams > 0, 'the shipped configuration names no upstream');
  return out.replaceAll('http://127.0.0.1:3000', settings.upstream);
}

describe('the nginx configuration in deploy/ in front of kiemchung start', { skip }, () => {
  const work = mkdtempSync(join(tmpdir(), 'kc-deploy-nginx-'));
  const prefix = join(work, 'nginx');
  let app: ChildProcess | undefined;
  let proxy: ChildProcess | undefined;
  let http = '';
  let https = '';

  before(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production' };
    delete env.DATABASE_URL;
    delete env.TEST_DATABASE_URL;
    app = spawn(process.execPath, [bin, 'start', '--data-dir', join(work, 'data'), '--port', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const upstream = (await waitForUrl(app, 90_000)).replace('localhost', '127.0.0.1');

    // nginx's workers run as an unprivileged user: they must reach the cache under the prefix.
    chmodSync(work, 0o755);
    mkdirSync(join(prefix, 'tls'), { recursive: true });
    mkdirSync(join(prefix, 'logs'), { recursive: true });
    const made = spawnSync(openssl!, [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=kiemchung.example.gov.vn',
      '-keyout',
      join(prefix, 'tls', 'key.pem'),
      '-out',
      join(prefix, 'tls', 'cert.pem'),
    ]);
    assert.equal(made.status, 0, made.stderr.toString());

    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    const site = localiseSiteConfig(
      readFileSync(join(root, 'deploy', 'nginx-kiemchung.conf'), 'utf8'),
      { httpPort, httpsPort, prefix, upstream },
    );
    // The main configuration Debian's nginx.conf would give the site file, minus system paths.
    writeFileSync(
      join(prefix, 'nginx.conf'),
      `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
${site}
}
`,
    );
    const checked = spawnSync(nginx!, ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf')]);
    assert.equal(
      checked.status,
      0,
      `nginx -t refused the configuration:\n${checked.stderr.toString()}`,
    );
    proxy = spawn(nginx!, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    http = `http://127.0.0.1:${httpPort}`;
    https = `https://127.0.0.1:${httpsPort}`;
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await get(`${https}/health`);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  after(() => {
    // nginx's master stops its workers on SIGTERM; SIGKILL would orphan them.
    proxy?.kill('SIGTERM');
    if (app?.exitCode === null) app.kill('SIGKILL');
    if (!process.env.KEEP) rmSync(work, { recursive: true, force: true });
  });

  test('plain HTTP is redirected to HTTPS', async () => {
    const res = await get(`${http}/kiem-chung/abc?x=1`, { host: 'kiemchung.example.gov.vn' });
    assert.equal(res.status, 301);
    assert.equal(res.headers.location, 'https://kiemchung.example.gov.vn/kiem-chung/abc?x=1');
  });

  test('a public page is cached as the app allows, compressed, and served while the app is down', async () => {
    const first = await get(`${https}/`, { 'accept-encoding': 'gzip' });
    assert.equal(first.status, 200);
    assert.match(String(first.headers['cache-control']), /public, max-age=\d+/);
    assert.equal(first.headers['content-encoding'], 'gzip');
    assert.equal(first.headers['x-cache-status'], 'MISS');
    const second = await get(`${https}/`, { 'accept-encoding': 'gzip' });
    assert.equal(second.headers['x-cache-status'], 'HIT');
    assert.deepEqual(second.body, first.body);

    // Signed-in requests never see nor fill the shared cache.
    const signedIn = await get(`${https}/`, {
      'accept-encoding': 'gzip',
      cookie: 'kc_session=whatever',
    });
    assert.equal(signedIn.headers['x-cache-status'], 'BYPASS');
    const withToken = await get(`${https}/api/v1/claims`, { authorization: 'Bearer kc_nothing' });
    assert.equal(withToken.status, 401);
    assert.equal(withToken.headers['x-cache-status'], 'BYPASS');
  });

  test('/metrics is not served to the public; private answers are not cached', async () => {
    const metrics = await get(`${https}/metrics`);
    assert.equal(metrics.status, 404);
    assert.equal(metrics.headers['x-cache-status'], undefined);
    const health = await get(`${https}/health`);
    assert.equal(health.status, 200);
    const again = await get(`${https}/health`);
    assert.notEqual(again.headers['x-cache-status'], 'HIT');
  });

  test('the cached portal outlives the app', async () => {
    await get(`${https}/`);
    app?.kill('SIGKILL');
    await new Promise<void>((resolve) => app?.once('exit', () => resolve()));
    const res = await get(`${https}/`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['x-cache-status']), /^(HIT|STALE)$/);
    const uncached = await get(`${https}/health`);
    assert.equal(uncached.status, 502);
  });
});
