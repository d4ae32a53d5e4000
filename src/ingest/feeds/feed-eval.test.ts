import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  compareWithOracle,
  evaluateFeedCorpora,
  formatFeedEvalReport,
  hasFeedCorpora,
  listCorpusFiles,
  runFeedFiles,
  sameLink,
  sameSecond,
  sameTitle,
  type FeedFileOutcome,
  type OracleAgreement,
} from './feed-eval.js';

const dataDir = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

function emptyAgreement(): OracleAgreement {
  const field = () => ({ compared: 0, agreed: 0, rate: 1, oracleNone: 0, oracleNoneWeHave: 0 });
  return {
    pairs: 0,
    rejectedWithEntries: 0,
    entries: 0,
    title: field(),
    link: field(),
    date: field(),
    examples: [],
  };
}

void describe('agreement rules', () => {
  void test('titles: markup and escaping in the oracle, whitespace, mis-decoded oracle bytes', () => {
    assert.ok(sameTitle('<p>Item  Title</p>', 'Item Title'));
    assert.ok(sameTitle('AT&amp;amp;T', 'AT&T') === false);
    assert.ok(sameTitle('AT&amp;T', 'AT&T'));
    assert.ok(sameTitle('&lt;p&gt;Entry&lt;/p&gt;', '<p>Entry</p>'));
    assert.ok(sameTitle('Rival de Putin \uFFFD condenado', 'Rival de Putin é condenado'));
    assert.ok(!sameTitle('Rival de Putin \uFFFD condenado', 'Rival de Putin é condenada'));
    assert.ok(!sameTitle('One', 'Two'));
  });

  void test('links equal after resolution; dates equal to the second', () => {
    assert.ok(sameLink('http://item.TEST/', 'http://item.test/', 'https://b.invalid/'));
    assert.ok(sameLink('/a', 'https://b.invalid/a', 'https://b.invalid/x/feed.xml'));
    assert.ok(!sameLink('/a', 'https://b.invalid/b', 'https://b.invalid/'));
    assert.ok(!sameLink(undefined, 'https://b.invalid/b', 'https://b.invalid/'));
    assert.ok(sameSecond(1000_400, 1000_999));
    assert.ok(!sameSecond(1000_999, 1001_000));
    assert.ok(!sameSecond(undefined, 1));
  });

  void test('oracle entries without a value are left out of the denominator', () => {
    const agg = emptyAgreement();
    const ours: FeedFileOutcome = {
      id: 0,
      status: 'ok',
      entries: 2,
      bytes: 0,
      ms: 0,
      sample: [
        { title: 'A', link: 'https://x.invalid/a', publishedAt: 5000 },
        { title: 'B', publishedAt: 9000 },
      ],
    };
    compareWithOracle(
      agg,
      { oracle: 'rss-parser', input: 'in.rss', expected: 'out.json' },
      [
        { title: 'A', link: 'https://x.invalid/a', date: 5000 },
        { title: 'not B', date: 7000 },
        { title: 'C' },
      ],
      ours,
      'https://x.invalid/',
    );
    assert.deepEqual(agg.title, {
      compared: 3,
      agreed: 1,
      rate: 1,
      oracleNone: 0,
      oracleNoneWeHave: 0,
    });
    assert.deepEqual(agg.link, {
      compared: 1,
      agreed: 1,
      rate: 1,
      oracleNone: 2,
      oracleNoneWeHave: 0,
    });
    assert.deepEqual(agg.date, {
      compared: 2,
      agreed: 1,
      rate: 1,
      oracleNone: 1,
      oracleNoneWeHave: 0,
    });
    assert.equal(agg.entries, 3);
  });
});

void test('the worker pool enforces its time limit and finishes', async () => {
  const files = [
    fileURLToPath(new URL('./fixtures/rss2.xml', import.meta.url)),
    fileURLToPath(new URL('./fixtures/atom10.xml', import.meta.url)),
  ];
  // 1 ms is less than a worker needs to start, so every file overruns.
  const outcomes = await runFeedFiles(
    files.map((path, id) => ({ id, path, url: 'https://x.invalid/', wantEntries: false })),
    { timeoutMs: 1, concurrency: 1 },
  );
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['timeout', 'timeout'],
  );
  const fine = await runFeedFiles(
    files.map((path, id) => ({ id, path, url: 'https://x.invalid/', wantEntries: true })),
    { concurrency: 2 },
  );
  assert.deepEqual(
    fine.map((o) => [o.status, o.format, o.entries]),
    [
      ['ok', 'rss', 4],
      ['ok', 'atom', 2],
    ],
  );
  assert.equal(fine[0]?.sample?.[0]?.title, 'Thủ tướng chỉ đạo ứng phó bão số 3');
});

void test(
  'shared feed corpora: every file parsed or rejected, no crash or hang, ≥ 95 % agreement',
  {
    skip:
      existsSync(dataDir) && hasFeedCorpora(dataDir)
        ? false
        : `feed corpora not found in ${dataDir} (shared/data beside the checkout)`,
    timeout: 120_000,
  },
  async () => {
    const report = await evaluateFeedCorpora(dataDir, { timeoutMs: 10_000, maxHeapMb: 256 });
    console.log(formatFeedEvalReport(report));

    const files = listCorpusFiles(dataDir);
    assert.equal(report.files, files.length);
    assert.ok(report.files > 4000, `only ${report.files} files`);
    const counted = Object.values(report.corpora).reduce(
      (sum, c) => sum + Object.values(c.outcomes).reduce((a, b) => a + b, 0),
      0,
    );
    assert.equal(counted, files.length, 'every file is counted once');
    assert.deepEqual(report.timeouts, []);
    assert.deepEqual(report.crashes, []);
    for (const c of Object.values(report.corpora))
      for (const key of Object.keys(c.outcomes)) assert.match(key, /^(ok|rejected):[a-z-]+$/);

    for (const [oracle, a] of Object.entries(report.agreement)) {
      assert.ok(
        a.pairs > 0 && a.title.compared > 0 && a.link.compared > 0 && a.date.compared > 0,
        oracle,
      );
      for (const [field, f] of [
        ['title', a.title],
        ['link', a.link],
        ['date', a.date],
      ] as const) {
        assert.ok(
          f.rate >= 0.95,
          `${oracle} ${field} agreement ${f.agreed}/${f.compared}\n${a.examples.join('\n')}`,
        );
      }
    }
  },
);
