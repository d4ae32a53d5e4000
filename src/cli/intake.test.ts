import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLocalServer, type LocalServer } from '../../test/local-server.js';
import { openDatabase } from '../db/client.js';
import { runCli as run } from '../../test/cli.js';

const fixture = (name: string) =>
  new URL(`../ingest/import/fixtures/${name}`, import.meta.url).pathname;

describe('kiemchung import, ingest and fetch', () => {
  let dir: string;
  let server: LocalServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kc-cli-'));
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<html lang="vi"><head><title>Thông báo cắt nước</title></head><body><article><h1>Thông báo cắt nước</h1><p>Công ty cấp nước thông báo tạm ngừng cấp nước ở phường Trung Tâm từ 8 giờ đến 17 giờ ngày 25/11 để sửa chữa đường ống chính.</p><p>Người dân chủ động trữ nước trong thời gian này.</p></article></body></html>',
      );
    });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('import: a file with errors stores nothing, --dry-run stores nothing, --skip-bad stores the good rows', async () => {
    const env = { DATA_DIR: join(dir, 'import') };
    const bad = await run(['import', fixture('bad-rows.csv')], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /line \d+/);
    assert.match(bad.stdout, /Nothing stored/);

    const dry = await run(['import', fixture('good.csv'), '--dry-run', '--json'], env);
    assert.equal(dry.code, 0, dry.stderr);
    const drySummary = JSON.parse(dry.stdout) as { accepted: boolean; stored: number };
    assert.equal(drySummary.accepted, true);
    assert.equal(drySummary.stored, 0);

    const skip = await run(['import', fixture('bad-rows.csv'), '--skip-bad', '--json'], env);
    assert.equal(skip.code, 0, skip.stderr);
    const skipped = JSON.parse(skip.stdout) as { stored: number; rowsRejected: number };
    assert.ok(skipped.stored > 0);
    assert.ok(skipped.rowsRejected > 0);

    const good = await run(['import', fixture('good.csv'), '--json'], env);
    const again = await run(['import', fixture('good.csv'), '--json'], env);
    const first = JSON.parse(good.stdout) as { stored: number; rowsValid: number };
    const second = JSON.parse(again.stdout) as { stored: number; duplicates: number };
    assert.equal(first.stored, first.rowsValid);
    assert.equal(second.stored, 0, 're-importing a file adds nothing');

    const database = await openDatabase({ dataDir: env.DATA_DIR });
    try {
      const { rows } = await database.query<{ n: string }>(
        `select count(*) as n from items where channel = 'import' and sightings_count <> 1`,
      );
      assert.equal(Number(rows[0]?.n), 0, 'a re-imported row is not a new sighting');
    } finally {
      await database.close();
    }
  });

  test('ingest prints the figures as JSON', async () => {
    const result = await run(
      [
        'ingest',
        '--file',
        fixture('good.csv'),
        '--file',
        new URL('../ingest/feeds/fixtures/', import.meta.url).pathname + 'rss2.xml',
        '--json',
      ],
      { DATA_DIR: join(dir, 'ingest') },
    );
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    for (const key of [
      'files',
      'parsed',
      'rejected',
      'rejectReasons',
      'items',
      'stored',
      'duplicates',
      'elapsedMs',
      'itemsPerSecond',
    ]) {
      assert.ok(key in report, `missing ${key}`);
    }
    assert.equal(report.files, 2);
    assert.equal(report.rejected, 1);
    assert.deepEqual(report.rejectReasons, { 'not-a-feed': 1 });
  });

  test('fetch refuses loopback with a reason and a non-zero exit; an allow-listed server is read', async () => {
    const refused = await run(['fetch', `${server.origin}/bai-viet`, '--json'], {});
    assert.notEqual(refused.code, 0);
    const body = JSON.parse(refused.stdout) as { ok: boolean; reason: string };
    assert.deepEqual([body.ok, body.reason], [false, 'address']);
    assert.equal(server.hits.length, 0, 'the local server received no request');

    const allowed = await run(['fetch', `${server.origin}/bai-viet`, '--json'], {
      FETCH_ALLOW_HOSTS: '127.0.0.1/32',
    });
    assert.equal(allowed.code, 0, allowed.stderr);
    const article = JSON.parse(allowed.stdout) as {
      ok: boolean;
      title: string;
      text: string;
      finalUrl: string;
    };
    assert.equal(article.ok, true);
    assert.equal(article.title, 'Thông báo cắt nước');
    assert.match(article.text, /tạm ngừng cấp nước/);
  });
});
