import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createGuardedFetcher } from './guarded-fetch.js';
import type { GuardedFetch } from './guarded-fetch.js';
import { startLocalServer } from '../../../test/local-server.js';
import type { LocalServer } from '../../../test/local-server.js';
import { createRobotsPolicy } from './robots.js';

const ROBOTS = `# Tin Tức Example
User-agent: *
Disallow: /admin/
Disallow: /*?print=1
Crawl-delay: 2

User-agent: KiemChung
Disallow: /rieng-tu/
Allow: /rieng-tu/cong-khai/
Crawl-delay: 0.5

User-agent: BadBot
Disallow: /
`;

describe('robots policy', () => {
  let server: LocalServer;
  let robotsStatus = 200;
  let robotsBody = ROBOTS;
  before(async () => {
    server = await startLocalServer((req, res) => {
      if (req.url === '/robots.txt') {
        if (robotsStatus === 0) {
          req.socket.destroy(); // a network failure
          return;
        }
        res.writeHead(robotsStatus, { 'content-type': 'text/plain' }).end(robotsBody);
        return;
      }
      res.end('page');
    });
  });
  after(async () => {
    await server.close();
  });

  const fetcher = (): GuardedFetch => createGuardedFetcher({ allowList: ['localhost'] });
  const robotsHits = (): number => server.hits.filter((h) => h === '/robots.txt').length;
  const url = (path: string): string => `http://localhost:${server.port}${path}`;

  test('applies our group, its Allow exceptions and its Crawl-delay', async () => {
    robotsStatus = 200;
    robotsBody = ROBOTS;
    const policy = createRobotsPolicy(fetcher(), {
      userAgent: 'KiemChung/0.1 (+https://kc.example.vn)',
    });
    assert.equal(await policy.isAllowed(url('/bai-viet/1')), true);
    assert.equal(await policy.isAllowed(url('/rieng-tu/ho-so')), false);
    assert.equal(await policy.isAllowed(url('/rieng-tu/cong-khai/bai')), true);
    // Our group replaces the * group, so /admin/ is not disallowed for us.
    assert.equal(await policy.isAllowed(url('/admin/')), true);
    assert.equal(await policy.crawlDelayMs(url('/')), 500);
  });

  test('other agents fall back to the * group', async () => {
    const policy = createRobotsPolicy(fetcher(), { userAgent: 'OtherBot/2.0' });
    assert.equal(await policy.isAllowed(url('/admin/x')), false);
    assert.equal(await policy.isAllowed(url('/bai?print=1')), false);
    assert.equal(await policy.crawlDelayMs(url('/')), 2000);
    const bad = createRobotsPolicy(fetcher(), { userAgent: 'BadBot' });
    assert.equal(await bad.isAllowed(url('/bai-viet/1')), false);
  });

  test('robots.txt is fetched once per origin while cached, concurrent callers included', async () => {
    let now = 1_000_000;
    const policy = createRobotsPolicy(fetcher(), {
      userAgent: 'KiemChung',
      cacheTtlMs: 60_000,
      now: () => now,
    });
    const before = robotsHits();
    await Promise.all([
      policy.isAllowed(url('/a')),
      policy.isAllowed(url('/b')),
      policy.crawlDelayMs(url('/c')),
    ]);
    await policy.isAllowed(url('/d'));
    assert.equal(robotsHits() - before, 1);
    now += 60_001;
    await policy.isAllowed(url('/e'));
    assert.equal(robotsHits() - before, 2, 'refetched after the TTL');
  });

  test('4xx means allow all', async () => {
    robotsStatus = 404;
    const policy = createRobotsPolicy(fetcher(), { userAgent: 'KiemChung' });
    assert.equal(await policy.isAllowed(url('/rieng-tu/ho-so')), true);
    assert.equal(await policy.crawlDelayMs(url('/')), undefined);
    robotsStatus = 403;
    const forbidden = createRobotsPolicy(fetcher(), { userAgent: 'KiemChung' });
    assert.equal(await forbidden.isAllowed(url('/x')), true);
  });

  test('5xx, 429 and network failures disallow for a short while, then retry', async () => {
    for (const status of [503, 429, 0]) {
      robotsStatus = status;
      let now = 0;
      const policy = createRobotsPolicy(fetcher(), {
        userAgent: 'KiemChung',
        errorTtlMs: 1000,
        now: () => now,
      });
      assert.equal(await policy.isAllowed(url('/bai-viet/1')), false, `status ${status}`);
      robotsStatus = 200;
      robotsBody = ROBOTS;
      assert.equal(await policy.isAllowed(url('/bai-viet/1')), false, 'still within errorTtlMs');
      now += 1001;
      assert.equal(await policy.isAllowed(url('/bai-viet/1')), true, 'retried after errorTtlMs');
    }
  });

  test('a good copy keeps applying while the site is down', async () => {
    robotsStatus = 200;
    robotsBody = ROBOTS;
    let now = 0;
    const policy = createRobotsPolicy(fetcher(), {
      userAgent: 'KiemChung',
      cacheTtlMs: 1000,
      now: () => now,
    });
    assert.equal(await policy.isAllowed(url('/bai-viet/1')), true);
    robotsStatus = 500;
    now += 1001;
    assert.equal(await policy.isAllowed(url('/bai-viet/1')), true);
    assert.equal(await policy.isAllowed(url('/rieng-tu/x')), false);
  });

  test('an origin the fetcher refuses is disallowed without a request', async () => {
    const policy = createRobotsPolicy(createGuardedFetcher(), { userAgent: 'KiemChung' });
    const before = server.hits.length;
    assert.equal(await policy.isAllowed(`http://127.0.0.1:${server.port}/bai`), false);
    assert.equal(await policy.isAllowed('ftp://example.vn/x'), false);
    assert.equal(server.hits.length, before);
  });
});
