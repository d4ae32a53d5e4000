import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { renderVerdictCard, type VerdictCardInput } from './verdict-card.js';
import { VerdictCardCache } from './verdict-card-cache.js';

function input(overrides: Partial<VerdictCardInput> = {}): VerdictCardInput {
  return {
    checkId: '5c1d8a3e-2b7f-4f0e-8d21-9a4b6c7e8f10',
    version: 1,
    rating: 'misleading',
    claim: 'Uống nước đá sau khi ăn gây ung thư dạ dày',
    summary: 'Gây hiểu nhầm: chưa có nghiên cứu nào cho thấy mối liên hệ này.',
    publishedAt: new Date('2027-02-01T02:00:00Z'),
    url: 'kiemchung.example.vn/c/x9',
    siteName: 'Kiểm Chứng',
    ...overrides,
  };
}

/** The real renderer, counted. */
function countingRenderer(): { render: typeof renderVerdictCard; calls: VerdictCardInput[] } {
  const calls: VerdictCardInput[] = [];
  return {
    calls,
    render: (card) => {
      calls.push(card);
      return renderVerdictCard(card);
    },
  };
}

describe('verdict card cache', () => {
  test('20 concurrent requests for one card render it once and get the same bytes', async () => {
    const { render, calls } = countingRenderer();
    const cache = new VerdictCardCache({ render });
    const cards = await Promise.all(Array.from({ length: 20 }, () => cache.get(input())));
    assert.equal(calls.length, 1);
    assert.ok(cards.every((card) => card.png === cards[0]!.png && card.etag === cards[0]!.etag));
    await cache.get(input());
    assert.equal(calls.length, 1, 'a later request is a memory hit');
    assert.equal(cache.stats().memoryHits, 1);
  });

  test('a new version (or any changed content) renders a new card and drops the old one', async () => {
    const { render, calls } = countingRenderer();
    const cache = new VerdictCardCache({ render });
    const first = await cache.get(input());
    const second = await cache.get(input({ version: 2, summary: 'Đã đính chính: tóm tắt mới.' }));
    assert.equal(calls.length, 2);
    assert.notEqual(first.etag, second.etag);
    assert.notDeepEqual(first.png, second.png);
    assert.equal(cache.stats().entries, 1, 'the superseded card is not kept');
    // Same version, another update time: still a new card.
    await cache.get(
      input({ version: 2, summary: 'Đã đính chính: tóm tắt mới.', updatedAt: new Date() }),
    );
    assert.equal(calls.length, 3);
    // Another language is another card of the same check, not a stale one.
    assert.notEqual(cache.keyOf(input({ language: 'en' })), cache.keyOf(input()));
  });

  test('memory is bounded in bytes, least recently used first out', async () => {
    const size = 1000;
    const cache = new VerdictCardCache({
      maxBytes: 3 * size,
      render: async () => new Uint8Array(size),
    });
    const ids = ['a', 'b', 'c', 'd'].map((letter) => `${letter}-check`);
    for (const id of ids.slice(0, 3)) await cache.get(input({ checkId: id }));
    await cache.get(input({ checkId: 'a-check' })); // a is now the most recent
    await cache.get(input({ checkId: 'd-check' })); // evicts b
    assert.deepEqual(cache.stats(), {
      renders: 4,
      memoryHits: 1,
      diskHits: 0,
      entries: 3,
      bytes: 3000,
    });
    await cache.get(input({ checkId: 'a-check' }));
    await cache.get(input({ checkId: 'b-check' }));
    assert.equal(cache.stats().renders, 5, 'only b was rendered again');
    const huge = new VerdictCardCache({ maxBytes: 10, render: async () => new Uint8Array(100) });
    assert.equal((await huge.get(input())).png.byteLength, 100, 'served even when too big to keep');
    assert.equal(huge.stats().bytes, 0);
  });

  test('a disk directory keeps cards across processes and holds one file per check', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'verdict-cards-'));
    try {
      const { render, calls } = countingRenderer();
      const first = await new VerdictCardCache({ dir, render }).get(input());
      const again = await new VerdictCardCache({ dir, render }).get(input());
      assert.equal(calls.length, 1);
      assert.deepEqual(again.png, first.png);
      const later = new VerdictCardCache({ dir, render });
      await later.get(input({ version: 2 }));
      assert.equal(calls.length, 2);
      assert.deepEqual(await readdir(dir), [`${later.keyOf(input({ version: 2 }))}.png`]);
      // A hostile id cannot leave the directory.
      await later.get(input({ checkId: '../../etc/passwd' }));
      assert.equal((await readdir(dir)).length, 2);
      assert.ok(
        (await readdir(dir)).every((name) => /^[A-Za-z0-9-]+\.\d+\.[0-9a-f]+\.png$/.test(name)),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a failed render is not cached and the next request tries again', async () => {
    let fail = true;
    const cache = new VerdictCardCache({
      render: async () => {
        if (fail) throw new Error('boom');
        return new Uint8Array(10);
      },
    });
    const failures = await Promise.allSettled([cache.get(input()), cache.get(input())]);
    assert.ok(failures.every((result) => result.status === 'rejected'));
    fail = false;
    assert.equal((await cache.get(input())).png.byteLength, 10);
    assert.equal(cache.stats().renders, 2);
  });
});
