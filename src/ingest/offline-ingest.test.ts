import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { insertPublishedCheck } from '../../test/factories.js';
import { writeSyntheticFeeds } from '../../test/synthetic-feeds.js';
import { CheckIndex } from '../core/check-index.js';
import { ingestFiles } from './offline-ingest.js';

const target = databaseTargets()[0]!;
const clock = () => new Date('2026-11-20T08:00:00Z');
const CLAIMS = [
  'Công ty cấp nước thông báo việc cắt nước trong ba ngày',
  'Sở Y tế cảnh báo dịch sốt xuất huyết tăng mạnh',
];

/** Everything the pipeline decided about each item, keyed by link; clusters as sets of links. */
async function outcome(db: TestDatabase) {
  const { rows } = await db.database.query<Record<string, unknown>>(
    `select i.canonical_url as url, i.status, i.relevance, i.priority_score, i.match_confidence,
            i.places, i.watch_term_hits, encode(i.minhash, 'hex') as minhash, i.cluster_id,
            c.text as matched_claim, i.sightings_count
       from items i
       left join checks k on k.id = i.matched_check_id
       left join claims c on c.id = k.claim_id
      order by i.canonical_url`,
  );
  const members = new Map<unknown, string[]>();
  for (const row of rows) {
    if (row.cluster_id)
      members.set(row.cluster_id, [...(members.get(row.cluster_id) ?? []), String(row.url)]);
  }
  return rows.map(({ cluster_id, ...row }) => ({
    ...row,
    cluster: cluster_id ? members.get(cluster_id)!.join(' ') : null,
  }));
}

describe('offline ingest with worker threads', () => {
  let work: string;
  const dbs: TestDatabase[] = [];

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'kc-ingest-workers-'));
  });
  after(async () => {
    for (const db of dbs) await db.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('gives the same items, matches, clusters and scores as the single-threaded path', async () => {
    const files = writeSyntheticFeeds(join(work, 'feeds'), 6, 50);
    // A file read twice: its entries are repeats the second time.
    const paths = [...files, files[0]!];
    const results = [];
    for (const workers of [0, 2]) {
      const db = await target.open();
      dbs.push(db);
      for (const claimText of CLAIMS)
        await insertPublishedCheck(db.repos, db.database, { claimText });
      const report = await ingestFiles(db.repos, new CheckIndex(db.repos.pipeline), clock, paths, {
        batchSize: 70,
        homeProvinceCodes: ['38'],
        workers,
      });
      results.push({
        report: { ...report, elapsedMs: 0, itemsPerSecond: 0 },
        items: await outcome(db),
      });
    }
    const [single, threaded] = results;
    assert.equal(single!.report.stored, 300);
    assert.equal(single!.report.duplicates, 50);
    assert.ok(single!.report.matched > 0, 'some items match a published check');
    assert.ok(
      single!.items.some((i) => i.cluster),
      'some items are clustered',
    );
    assert.deepEqual(threaded, single);
  });
});
