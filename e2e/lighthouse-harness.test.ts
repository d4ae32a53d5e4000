/**
 * The Lighthouse harness (e2e/support/lighthouse.ts) tells a good page from a bad one: a small
 * page written to score 100 in accessibility and SEO, and the same content without a language,
 * a description, image alt text or readable contrast, served from a local server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startLocalServer, type LocalServer } from '../test/local-server.js';
import {
  describeFailures,
  launchLighthouseChromium,
  runLighthouse,
  type LighthouseChromium,
} from './support/lighthouse.js';

// A 1×1 PNG, so the image is real and sized.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const GOOD = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kiểm Chứng: nước chanh nóng không chữa khỏi ung thư</title>
<meta name="description" content="Bộ Y tế chưa từng khẳng định nước chanh nóng chữa khỏi ung thư. Kết luận: Sai.">
<link rel="icon" href="data:,">
<style>body{font:16px/1.5 sans-serif;margin:0 auto;max-width:40rem;padding:1rem;color:#1a1a1a;background:#fff}a{color:#0b57d0}</style>
</head>
<body>
<main>
<h1>Nước chanh nóng không chữa khỏi ung thư</h1>
<p><strong>Kết luận: Sai.</strong> Bộ Y tế chưa từng đưa ra khẳng định này.</p>
<img src="/pixel.png" alt="Biểu đồ số ca mắc ung thư theo năm" width="1" height="1">
<p><a href="/kiem-chung">Xem các kết quả kiểm chứng khác</a></p>
</main>
</body>
</html>`;

const BAD = `<!doctype html>
<html>
<head>
<title>x</title>
</head>
<body>
<div style="color:#bbb;background:#fff">Nước chanh nóng không chữa khỏi ung thư</div>
<img src="/pixel.png">
<a href="/kiem-chung"></a>
<button></button>
</body>
</html>`;

describe('Lighthouse harness', () => {
  let pages: LocalServer;
  let chromium: LighthouseChromium;

  before(async () => {
    pages = await startLocalServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/good' || path === '/bad') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(path === '/good' ? GOOD : BAD);
      } else if (path === '/pixel.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=31536000' });
        res.end(PIXEL);
      } else if (path === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('User-agent: *\nAllow: /\n');
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    });
    chromium = await launchLighthouseChromium();
  });

  after(async () => {
    chromium?.kill();
    await pages?.close();
  });

  test('a good page scores 100 in accessibility and SEO; a bad one loses points and says why', async () => {
    const onlyCategories = ['accessibility', 'seo'] as const;
    const good = await runLighthouse(`${pages.origin}/good`, {
      chromium,
      onlyCategories: [...onlyCategories],
    });
    assert.equal(good.scores.accessibility, 100, describeFailures(good));
    assert.equal(good.scores.seo, 100, describeFailures(good));
    assert.equal(good.scores.performance, null, 'not run');
    assert.deepEqual(good.failures, []);

    const bad = await runLighthouse(`${pages.origin}/bad`, {
      chromium,
      onlyCategories: [...onlyCategories],
    });
    assert.ok(bad.scores.accessibility! < 90, `accessibility ${bad.scores.accessibility}`);
    assert.ok(bad.scores.seo! < 90, `seo ${bad.scores.seo}`);
    const failed = new Set(bad.failures.map((f) => f.id));
    for (const id of ['image-alt', 'html-has-lang', 'meta-description', 'color-contrast']) {
      assert.ok(failed.has(id), `${id} among: ${[...failed].join(', ')}`);
    }
    const imageAlt = bad.failures.find((f) => f.id === 'image-alt')!;
    assert.ok(imageAlt.categories.includes('accessibility'));
    assert.match(imageAlt.items.join(' '), /<img src="\/pixel.png">/);
  });

  test('mobile performance runs with the default throttling and reports the core metrics', async () => {
    const run = await runLighthouse(`${pages.origin}/good`, {
      chromium,
      onlyCategories: ['performance'],
    });
    assert.ok(
      run.scores.performance !== null && run.scores.performance >= 90,
      describeFailures(run),
    );
    assert.ok(run.metrics['largest-contentful-paint']! > 0);
    // Simulated slow 4G: even a tiny page takes most of a second to paint.
    assert.ok(run.metrics['first-contentful-paint']! > 500, JSON.stringify(run.metrics));
  });
});
