/** The portal's page cache: one render per page, expiry, invalidation, and its memory bound. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PageCache } from './page-cache.js';

const page = (body: string) => async () => ({
  body,
  type: 'text/html; charset=utf-8',
  lastModified: new Date(0),
  status: 200,
});

describe('PageCache', () => {
  test('renders a page once for concurrent readers and serves it again until it expires', async () => {
    let now = 0;
    const cache = new PageCache({ ttlMs: 1000, now: () => now });
    const [a, b] = await Promise.all([cache.get('/x', page('one')), cache.get('/x', page('two'))]);
    assert.equal(a.body, 'one');
    assert.equal(b.body, 'one');
    assert.equal(cache.renders, 1);
    now = 999;
    assert.equal((await cache.get('/x', page('three'))).body, 'one');
    now = 1000;
    assert.equal((await cache.get('/x', page('four'))).body, 'four');
    assert.equal(cache.renders, 2);
  });

  test('a render begun before an invalidation is served but not kept', async () => {
    const cache = new PageCache();
    let release!: () => void;
    const slow = cache.get('/x', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return page('old')();
    });
    await new Promise((r) => setImmediate(r));
    cache.clear();
    release();
    assert.equal((await slow).body, 'old');
    assert.equal(cache.size, 0);
    assert.equal((await cache.get('/x', page('new'))).body, 'new');
  });

  test('keeps its bodies within the byte budget, dropping the least recently read page', async () => {
    // Each 10,000-character page holds about 20 KB: four fit in 90 KB, five do not.
    const cache = new PageCache({ maxBytes: 90_000 });
    const body = (n: number) => String(n).repeat(10_000);
    for (const n of [1, 2, 3, 4]) await cache.get(`/p${n}`, page(body(n)));
    assert.equal(cache.size, 4);
    // Page 1 is read again, so page 2 is now the least recently read.
    await cache.get('/p1', page('unused'));
    await cache.get('/p5', page(body(5)));
    assert.equal(cache.size, 4);
    assert.ok(cache.bytes <= 90_000, `${cache.bytes} bytes kept`);
    const renders = cache.renders;
    assert.equal((await cache.get('/p1', page('again'))).body, body(1));
    assert.equal(cache.renders, renders, 'the page read recently stayed');
    assert.equal((await cache.get('/p2', page('again'))).body, 'again', 'the oldest read went');
  });

  test('serves a page larger than the whole budget without keeping it', async () => {
    const cache = new PageCache({ maxBytes: 1000 });
    assert.equal((await cache.get('/big', page('x'.repeat(5000)))).body.length, 5000);
    assert.equal(cache.size, 0);
    await cache.get('/big', page('x'.repeat(5000)));
    assert.equal(cache.renders, 2);
  });

  test('keeps nothing with a budget of 0', async () => {
    const cache = new PageCache({ maxBytes: 0 });
    await cache.get('/x', page('small'));
    await cache.get('/x', page('small'));
    assert.equal(cache.size, 0);
    assert.equal(cache.renders, 2);
  });

  test('keeps at most maxEntries pages however small', async () => {
    const cache = new PageCache({ maxEntries: 3 });
    for (const n of [1, 2, 3, 4, 5]) await cache.get(`/p${n}`, page(`page ${n}`));
    assert.equal(cache.size, 3);
  });
});
