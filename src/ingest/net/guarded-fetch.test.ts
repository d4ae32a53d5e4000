import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import {
  ARTICLE_CONTENT_TYPES,
  FetchRefusedError,
  buildUserAgent,
  createGuardedFetcher,
} from './guarded-fetch.js';
import { contentTypeAccepted, parseContentType } from './content-type.js';
import type { FetchRefusalReason, ResolvedAddress } from './guarded-fetch.js';
import { startLocalServer } from '../../../test/local-server.js';
import type { LocalServer } from '../../../test/local-server.js';

async function refusal(promise: Promise<unknown>): Promise<FetchRefusedError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(
      error instanceof FetchRefusedError,
      `expected FetchRefusedError, got ${String(error)}`,
    );
    return error;
  }
  assert.fail('expected the fetch to be refused');
}

async function assertRefused(
  promise: Promise<unknown>,
  reason: FetchRefusalReason,
): Promise<FetchRefusedError> {
  const error = await refusal(promise);
  assert.equal(error.reason, reason, error.message);
  return error;
}

describe('guarded fetch: addresses', () => {
  let v4: LocalServer;
  let v6: LocalServer | undefined;
  before(async () => {
    v4 = await startLocalServer((_req, res) => res.end('secret'));
    try {
      v6 = await startLocalServer((_req, res) => res.end('secret'), '::1');
    } catch {
      v6 = undefined; // No IPv6 loopback on this machine: the refusal is still asserted.
    }
  });
  after(async () => {
    await v4.close();
    await v6?.close();
  });

  test('the WHATWG parser turns numeric host forms into dotted quads', () => {
    for (const host of ['2130706433', '0x7f.1', '0177.0.0.1', '127.1', '0x7f000001', '127.0.1']) {
      assert.equal(new URL(`http://${host}:80/`).hostname, '127.0.0.1', host);
    }
    assert.equal(new URL('http://[::ffff:127.0.0.1]/').hostname, '[::ffff:7f00:1]');
  });

  test('refuses loopback in every spelling without sending a request', async () => {
    const fetcher = createGuardedFetcher();
    const p = v4.port;
    const v6port = v6?.port ?? p;
    const urls = [
      `http://127.0.0.1:${p}/`,
      `http://localhost:${p}/`,
      `http://LOCALHOST.:${p}/`,
      `http://2130706433:${p}/`,
      `http://0x7f.1:${p}/`,
      `http://0177.0.0.1:${p}/`,
      `http://127.1:${p}/`,
      `http://0x7f000001:${p}/`,
      `http://[::ffff:127.0.0.1]:${p}/`,
      `http://[::ffff:7f00:1]:${p}/`,
      `http://[::1]:${v6port}/`,
      `http://[0:0:0:0:0:0:0:1]:${v6port}/`,
      `http://[::127.0.0.1]:${p}/`,
      `https://127.0.0.1:${p}/`,
    ];
    for (const url of urls) {
      const error = await refusal(fetcher(url));
      assert.ok(['address', 'dns'].includes(error.reason), `${url}: ${error.reason}`);
      if (error.reason === 'address') assert.match(error.message, /not a public address/);
    }
    assert.deepEqual(v4.hits, []);
    assert.deepEqual(v6?.hits ?? [], []);
  });

  test('refuses private, link-local, metadata and CGNAT literals', async () => {
    const fetcher = createGuardedFetcher({ timeoutMs: 1000 });
    for (const url of [
      'http://10.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://192.168.1.1/',
      'http://172.16.5.4/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://[64:ff9b::a9fe:a9fe]/',
      'http://[2002:c0a8:101::1]/',
    ]) {
      const error = await assertRefused(fetcher(url), 'address');
      assert.ok(error.details.address, url);
      assert.ok(error.message.includes(error.details.address ?? '?'), error.message);
    }
  });

  test('refuses a host name if any one of its addresses is refused', async () => {
    let calls = 0;
    const fetcher = createGuardedFetcher({
      resolve: async () => {
        calls++;
        return [
          { address: '93.184.215.14', family: 4 },
          { address: '127.0.0.1', family: 4 },
        ];
      },
    });
    const error = await assertRefused(fetcher(`http://mixed.test:${v4.port}/`), 'address');
    assert.match(error.message, /mixed\.test resolves to 127\.0\.0\.1 \(loopback\)/);
    assert.equal(calls, 1);
    assert.deepEqual(v4.hits, []);
  });

  test('a DNS failure is reason "dns"', async () => {
    const fetcher = createGuardedFetcher({
      resolve: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      },
    });
    await assertRefused(fetcher('http://nowhere.test/'), 'dns');
    const empty = createGuardedFetcher({ resolve: async () => [] });
    await assertRefused(empty('http://nowhere.test/'), 'dns');
  });

  test('refuses other schemes, credentials and junk', async () => {
    const fetcher = createGuardedFetcher();
    for (const url of [
      'ftp://example.vn/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:,x',
    ]) {
      await assertRefused(fetcher(url), 'scheme');
    }
    await assertRefused(fetcher(`http://user:pw@localhost:${v4.port}/`), 'credentials');
    await assertRefused(fetcher(`http://user@example.vn/`), 'credentials');
    await assertRefused(fetcher('not a url'), 'invalid-url');
    assert.deepEqual(v4.hits, []);
  });
});

describe('guarded fetch: allow-list and redirects', () => {
  let target: LocalServer;
  let origin: LocalServer;
  let target6: LocalServer | undefined;
  before(async () => {
    target = await startLocalServer((_req, res) => res.end('internal'));
    try {
      target6 = await startLocalServer((_req, res) => res.end('internal'), '::1');
    } catch {
      target6 = undefined;
    }
    origin = await startLocalServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const to = url.searchParams.get('to');
      if (to) {
        res.writeHead(302, { location: to }).end();
        return;
      }
      const hop = /^\/chain\/(\d+)$/.exec(url.pathname);
      if (hop) {
        const n = Number(hop[1]);
        if (n > 0) res.writeHead(301, { location: `/chain/${n - 1}` }).end();
        else res.writeHead(200, { 'content-type': 'text/plain' }).end('end of chain');
        return;
      }
      if (url.pathname === '/relative') {
        res.writeHead(307, { location: 'ok?x=1#frag' }).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': 'text/html; charset="UTF-8"', 'x-Custom': 'yes' })
        .end(`<p>hello ${req.headers.host}</p>`);
    });
  });
  after(async () => {
    await origin.close();
    await target.close();
    await target6?.close();
  });

  test('an allow-listed host name is fetched, with headers and User-Agent', async () => {
    const fetcher = createGuardedFetcher({
      allowList: ['localhost'],
      userAgent: buildUserAgent('https://kiemchung.example.vn'),
    });
    const url = `http://localhost:${origin.port}/page`;
    const res = await fetcher(url);
    assert.equal(res.status, 200);
    assert.equal(res.url, url);
    assert.equal(res.finalUrl, url);
    assert.equal(res.contentType, 'text/html');
    assert.equal(res.charset, 'utf-8');
    assert.equal(res.headers['x-custom'], 'yes');
    assert.equal(res.notModified, false);
    assert.deepEqual(res.redirects, []);
    assert.equal(res.body.toString(), `<p>hello localhost:${origin.port}</p>`);
    const sent = origin.requestHeaders.at(-1);
    assert.equal(sent?.['user-agent'], 'KiemChung/0.1 (+https://kiemchung.example.vn)');
    assert.equal(sent?.['accept-encoding'], 'gzip, deflate, br');
  });

  test('connects to the checked address, once resolved, keeping the Host header', async () => {
    const seen: string[] = [];
    const fetcher = createGuardedFetcher({
      allowList: ['feeds.test'],
      resolve: async (hostname): Promise<ResolvedAddress[]> => {
        seen.push(hostname);
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    // feeds.test exists in no DNS: the response proves the socket used the pinned address.
    const res = await fetcher(`http://feeds.test:${origin.port}/`);
    assert.equal(res.body.toString(), `<p>hello feeds.test:${origin.port}</p>`);
    assert.deepEqual(seen, ['feeds.test']);
  });

  test('the same name is refused when not allow-listed', async () => {
    const before = origin.hits.length;
    const fetcher = createGuardedFetcher({
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    await assertRefused(fetcher(`http://feeds.test:${origin.port}/`), 'address');
    assert.equal(origin.hits.length, before);
  });

  test('a redirect from an allow-listed name to a refused address is refused', async () => {
    // The allow-list names "localhost", not its address: the numeric forms of 127.0.0.1 stay refused.
    const fetcher = createGuardedFetcher({ allowList: ['localhost'] });
    const t = target.port;
    const destinations = [
      `http://127.0.0.1:${t}/admin`,
      `http://2130706433:${t}/admin`,
      `http://0x7f.1:${t}/admin`,
      `http://[::ffff:127.0.0.1]:${t}/admin`,
      `http://[::1]:${target6?.port ?? t}/admin`,
      `http://169.254.169.254/latest/meta-data/`,
    ];
    for (const to of destinations) {
      const start = `http://localhost:${origin.port}/go?to=${encodeURIComponent(to)}`;
      const error = await assertRefused(fetcher(start), 'address');
      assert.match(error.message, /^Refused redirect from http:\/\/localhost:/);
    }
    assert.deepEqual(target.hits, []);
    assert.deepEqual(target6?.hits ?? [], []);
  });

  test('a redirect to another scheme or with credentials is refused', async () => {
    const fetcher = createGuardedFetcher({ allowList: ['localhost'] });
    const go = (to: string): string =>
      `http://localhost:${origin.port}/go?to=${encodeURIComponent(to)}`;
    await assertRefused(fetcher(go('file:///etc/passwd')), 'scheme');
    await assertRefused(fetcher(go('gopher://localhost:70/')), 'scheme');
    await assertRefused(fetcher(go(`http://a:b@localhost:${origin.port}/`)), 'credentials');
  });

  test('an allow-listed CIDR admits the address under any spelling', async () => {
    const fetcher = createGuardedFetcher({ allowList: ['127.0.0.0/8'] });
    const res = await fetcher(`http://2130706433:${target.port}/x`);
    assert.equal(res.body.toString(), 'internal');
    // ...but not another range.
    await assertRefused(fetcher('http://10.0.0.1/'), 'address');
  });

  test('follows relative redirects and records each hop', async () => {
    const fetcher = createGuardedFetcher({ allowList: ['localhost'] });
    const res = await fetcher(`http://localhost:${origin.port}/relative`);
    assert.equal(res.finalUrl, `http://localhost:${origin.port}/ok?x=1`);
    assert.deepEqual(res.redirects, [`http://localhost:${origin.port}/ok?x=1`]);
  });

  test('the redirect limit is enforced (5 by default, configurable)', async () => {
    const fetcher = createGuardedFetcher({ allowList: ['localhost'] });
    const five = await fetcher(`http://localhost:${origin.port}/chain/5`);
    assert.equal(five.body.toString(), 'end of chain');
    assert.equal(five.redirects.length, 5);
    const before = origin.hits.length;
    const error = await assertRefused(
      fetcher(`http://localhost:${origin.port}/chain/6`),
      'redirect-limit',
    );
    assert.match(error.message, /more than 5 redirects/);
    assert.equal(origin.hits.length - before, 6, 'the sixth redirect is not followed');
    const strict = createGuardedFetcher({ allowList: ['localhost'], maxRedirects: 1 });
    await assertRefused(strict(`http://localhost:${origin.port}/chain/2`), 'redirect-limit');
  });
});

describe('guarded fetch: limits, status, content', () => {
  let server: LocalServer;
  let streamedBytes = 0;
  const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros, ~64 KiB gzipped
  const page = Buffer.from('<html><body><p>Xin chào thế giới</p></body></html>'.repeat(200));
  before(async () => {
    server = await startLocalServer((req, res) => {
      const path = req.url ?? '/';
      switch (path) {
        case '/forever': {
          res.writeHead(200, { 'content-type': 'text/html' });
          const chunk = Buffer.alloc(64 * 1024, 'a');
          const pump = (): void => {
            while (!res.destroyed && res.write(chunk)) streamedBytes += chunk.length;
            if (!res.destroyed) res.once('drain', pump);
          };
          res.on('close', () => undefined);
          pump();
          return;
        }
        case '/silent':
          return; // never answers
        case '/slow-body':
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('partial');
          return;
        case '/declared-large':
          res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50_000_000) });
          res.write('x');
          return;
        case '/bomb':
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
          res.end(bomb);
          return;
        case '/gzip':
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
          res.end(zlib.gzipSync(page));
          return;
        case '/deflate':
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
          res.end(zlib.deflateSync(page));
          return;
        case '/raw-deflate':
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
          res.end(zlib.deflateRawSync(page));
          return;
        case '/br':
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
          res.end(zlib.brotliCompressSync(page));
          return;
        case '/zstd':
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'zstd' });
          res.end('??');
          return;
        case '/corrupt-gzip':
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
          res.end(Buffer.from('this is not gzip at all'));
          return;
        case '/image':
          res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(100));
          return;
        case '/feed':
          res
            .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
            .end('<rss/>');
          return;
        case '/missing':
          res.writeHead(404, { 'content-type': 'text/html' }).end('not here');
          return;
        case '/error':
          res.writeHead(503).end();
          return;
        case '/etag': {
          const matches = req.headers['if-none-match'] === '"v1"';
          const since = req.headers['if-modified-since'] === 'Mon, 02 Jun 2025 03:04:05 GMT';
          if (matches || since) {
            res.writeHead(304, { etag: '"v1"' }).end();
          } else {
            res.writeHead(200, { etag: '"v1"', 'content-type': 'application/xml' }).end('<rss/>');
          }
          return;
        }
        default:
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }
    });
  });
  after(async () => {
    await server.close();
  });

  const fetcher = (options: Parameters<typeof createGuardedFetcher>[0] = {}) =>
    createGuardedFetcher({ allowList: ['127.0.0.1'], ...options });

  test('a body that never ends is cut off at the cap', async () => {
    const maxBytes = 200_000;
    const started = Date.now();
    await assertRefused(fetcher({ maxBytes })(`${server.origin}/forever`), 'too-large');
    assert.ok(Date.now() - started < 5000);
    // Give the server a moment to notice the closed socket, then it must have stopped writing.
    await new Promise((r) => setTimeout(r, 100));
    const sentSoFar = streamedBytes;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(streamedBytes, sentSoFar, 'the server stopped streaming');
  });

  test('a declared Content-Length over the cap is refused before reading', async () => {
    await assertRefused(
      fetcher({ maxBytes: 1000 })(`${server.origin}/declared-large`),
      'too-large',
    );
  });

  test('a per-call maxBytes overrides the fetcher default', async () => {
    const f = fetcher();
    await assertRefused(f(`${server.origin}/gzip`, { maxBytes: 100 }), 'too-large');
  });

  test('a gzip bomb is cut off at the decompressed cap', async () => {
    const maxBytes = 1024 * 1024;
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const error = await assertRefused(fetcher({ maxBytes })(`${server.origin}/bomb`), 'too-large');
    assert.match(error.message, /1048576 bytes/);
    assert.ok(Date.now() - started < 3000);
    // 64 MiB were never materialised.
    assert.ok(process.memoryUsage().rss - before < 48 * 1024 * 1024);
  });

  test('gzip, deflate (wrapped and raw) and brotli are decoded', async () => {
    const f = fetcher();
    for (const path of ['/gzip', '/deflate', '/raw-deflate', '/br']) {
      const res = await f(`${server.origin}${path}`);
      assert.ok(res.body.equals(page), path);
    }
    await assertRefused(f(`${server.origin}/zstd`), 'content-encoding');
    await assertRefused(f(`${server.origin}/corrupt-gzip`), 'content-encoding');
  });

  test('a server that never answers times out', async () => {
    const started = Date.now();
    const error = await assertRefused(
      fetcher({ timeoutMs: 300 })(`${server.origin}/silent`),
      'timeout',
    );
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 250 && elapsed < 2000, `took ${elapsed} ms`);
    assert.match(error.message, /timed out/);
    // A body that stalls halfway is also covered by the whole-request deadline.
    await assertRefused(fetcher()(`${server.origin}/slow-body`, { timeoutMs: 300 }), 'timeout');
  });

  test('a cancelled fetch is reason "aborted"', async () => {
    const controller = new AbortController();
    const pending = fetcher()(`${server.origin}/silent`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assertRefused(pending, 'aborted');
  });

  test('content types outside the allow-list are refused', async () => {
    const f = fetcher();
    await assertRefused(
      f(`${server.origin}/image`, { accept: ARTICLE_CONTENT_TYPES }),
      'content-type',
    );
    await assertRefused(
      f(`${server.origin}/feed`, { accept: ARTICLE_CONTENT_TYPES }),
      'content-type',
    );
    const feed = await f(`${server.origin}/feed`, { accept: ['+xml', 'text/*'] });
    assert.equal(feed.contentType, 'application/rss+xml');
    assert.equal(server.requestHeaders.at(-1)?.accept, 'text/*, */*;q=0.1');
  });

  test('non-2xx statuses are refused with the status', async () => {
    const f = fetcher();
    const notFound = await assertRefused(f(`${server.origin}/missing`), 'http-status');
    assert.equal(notFound.status, 404);
    assert.match(notFound.message, /HTTP 404/);
    const unavailable = await assertRefused(f(`${server.origin}/error`), 'http-status');
    assert.equal(unavailable.status, 503);
  });

  test('conditional GET: 304 comes back as notModified', async () => {
    const f = fetcher();
    const first = await f(`${server.origin}/etag`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.etag, '"v1"');
    const second = await f(`${server.origin}/etag`, { ifNoneMatch: '"v1"' });
    assert.equal(second.status, 304);
    assert.equal(second.notModified, true);
    assert.equal(second.body.length, 0);
    const third = await f(`${server.origin}/etag`, {
      ifModifiedSince: new Date(Date.UTC(2025, 5, 2, 3, 4, 5)),
    });
    assert.equal(third.notModified, true);
  });

  test('a refused connection is reason "network"', async () => {
    const closed = await startLocalServer((_req, res) => res.end());
    await closed.close();
    await assertRefused(fetcher()(`${closed.origin}/`), 'network');
  });
});

describe('content-type helpers', () => {
  test('parseContentType is tolerant', () => {
    assert.deepEqual(parseContentType('Text/HTML; Charset="Windows-1258";'), {
      mediaType: 'text/html',
      charset: 'windows-1258',
    });
    assert.deepEqual(parseContentType('application/xml'), { mediaType: 'application/xml' });
    assert.deepEqual(parseContentType(undefined), { mediaType: null });
    assert.deepEqual(parseContentType('text/html; foo=bar; charset=utf-8'), {
      mediaType: 'text/html',
      charset: 'utf-8',
    });
  });

  test('contentTypeAccepted matches exact, wildcard and suffix patterns', () => {
    assert.equal(contentTypeAccepted('text/html', ['text/html']), true);
    assert.equal(contentTypeAccepted('text/plain', ['text/*']), true);
    assert.equal(contentTypeAccepted('application/atom+xml', ['+xml']), true);
    assert.equal(contentTypeAccepted('application/json', ['+xml', 'text/*']), false);
    assert.equal(contentTypeAccepted('image/png', ARTICLE_CONTENT_TYPES), false);
  });
});

describe('guarded fetch: https', () => {
  let server: https.Server | undefined;
  let cert = '';
  let port = 0;
  const hits: string[] = [];
  before(async () => {
    // A throwaway self-signed certificate for the name feeds.test, made with the openssl CLI.
    const dir = mkdtempSync(path.join(tmpdir(), 'kc-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
          '-days',
          '2',
          '-subj',
          '/CN=feeds.test',
          '-addext',
          'subjectAltName=DNS:feeds.test',
        ],
        { stdio: 'ignore' },
      );
      cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
      const key = readFileSync(path.join(dir, 'key.pem'), 'utf8');
      server = https.createServer({ cert, key }, (req, res) => {
        hits.push(`${req.headers.host} ${req.url}`);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('tls ok');
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    } catch {
      server = undefined;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  const pinned = async (): Promise<ResolvedAddress[]> => [{ address: '127.0.0.1', family: 4 }];

  test('connects to the pinned address with SNI and certificate checks on the host name', async (t) => {
    if (!server) return t.skip('openssl is not available');
    const fetcher = createGuardedFetcher({
      allowList: ['feeds.test', 'other.test'],
      resolve: pinned,
      ca: cert,
    });
    const res = await fetcher(`https://feeds.test:${port}/feed`);
    assert.equal(res.body.toString(), 'tls ok');
    assert.deepEqual(hits, [`feeds.test:${port} /feed`]);
    // The same address under another name fails certificate validation.
    const error = await assertRefused(fetcher(`https://other.test:${port}/feed`), 'network');
    assert.match(error.message, /ERR_TLS_CERT_ALTNAME_INVALID/);
    // And an untrusted certificate is refused when no CA is given.
    const untrusted = createGuardedFetcher({ allowList: ['feeds.test'], resolve: pinned });
    await assertRefused(untrusted(`https://feeds.test:${port}/feed`), 'network');
    assert.equal(hits.length, 1);
  });
});
