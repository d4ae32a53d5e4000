/**
 * What a /metrics scrape and the admin health page cost as the items table grows (10k, 100k,
 * 1M items spread over 30 days): the intake figures read from the counters against the count
 * over the items table they replaced, the whole scrape, the health document, and what the
 * counting trigger adds to a bulk insert. On PostgreSQL when TEST_DATABASE_URL is set (a fresh
 * database, dropped afterwards), on PGlite otherwise (up to 100k). Prints the figures and
 * writes bench/results/metrics-scrape.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTestApp } from '../test/app.js';
import { databaseTargets } from '../test/db.js';
import { compactIntakeCounts, readIntakeFigures, readQueueFigures } from '../src/db/health.repo.js';
import { createProcessActivity } from '../src/server/metrics.js';
import { createSystemHealth } from '../src/server/system-health.js';

const REPEATS = 7;
const target = databaseTargets().at(-1)!;
const SIZES = target.kind === 'postgres' ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
const CHUNK = 100_000;

const db = await target.open();
const app = await buildTestApp(db);
const health = createSystemHealth({
  database: db.database,
  activity: createProcessActivity(),
  backup: { dir: join(import.meta.dirname, 'results', 'no-backups'), everyHours: 0, keep: 0 },
  clock: () => new Date(),
});

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  await run();
  for (let i = 0; i < REPEATS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
}

let held = 0;
async function insertItems(from: number, count: number): Promise<number> {
  const started = performance.now();
  await db.database.query(
    `insert into items (channel, text, content_hash, created_at, processed_at)
     select (array['feed','feed','feed','url','tip','staff','import','api'])[1 + i % 8]::channel,
            'Tin số ' || i || ' về giá xăng và lũ ở Hà Nội theo mạng xã hội',
            'bench-' || i,
            now() - (i % 43200) * interval '1 minute',
            now()
       from generate_series($1::int, $2::int) as i`,
    [from, from + count - 1],
  );
  return performance.now() - started;
}

const rows: Array<Record<string, number | string>> = [];
try {
  let insertMsPer100k = 0;
  for (const size of SIZES) {
    while (held < size) {
      const n = Math.min(CHUNK, size - held);
      const ms = await insertItems(held + 1, n);
      insertMsPer100k = (ms / n) * 100_000;
      held += n;
    }
    await compactIntakeCounts(db.database);
    await db.database.exec('analyze items; analyze item_intake_counts;');
    const counterRows = Number(
      (await db.database.query<{ n: string }>('select count(*)::text as n from item_intake_counts'))
        .rows[0]!.n,
    );
    const fullCountMs = await median(() =>
      db.database.query('select channel::text, count(*) from items group by channel'),
    );
    const countersMs = await median(() => readIntakeFigures(db.database));
    const queuesMs = await median(() => readQueueFigures(db.database));
    const scrapeMs = await median(() =>
      app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' }),
    );
    const healthMs = await median(() => health.read());
    const row = {
      items: size,
      counterRows,
      fullCountMs,
      countersMs,
      queuesMs,
      scrapeMs,
      healthMs,
      insertMsPer100k: Math.round(insertMsPer100k),
    };
    rows.push(row);
    console.log(
      `${String(size).padStart(9)} items: count(*) over items ${fullCountMs} ms · counters ${countersMs} ms (${counterRows} rows) · queues ${queuesMs} ms · /metrics ${scrapeMs} ms · health ${healthMs} ms · insert ${row.insertMsPer100k} ms per 100k`,
    );
  }

  // What the trigger adds to a bulk insert: batches of 25k rows, with and without it in turn.
  const batch = 25_000;
  const timed: Record<'with' | 'without', number[]> = { with: [], without: [] };
  for (let round = 0; round < 4; round += 1) {
    for (const mode of ['without', 'with'] as const) {
      await db.database.exec(
        `alter table items ${mode === 'with' ? 'enable' : 'disable'} trigger items_intake_counts`,
      );
      timed[mode].push(await insertItems(held + 1, batch));
      held += batch;
    }
  }
  await db.database.exec('alter table items enable trigger items_intake_counts');
  const mid = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  const overhead = {
    batchRows: batch,
    insertWithoutTriggerMs: Math.round(mid(timed.without)),
    insertWithTriggerMs: Math.round(mid(timed.with)),
  };
  console.log(
    `${batch}-row insert (median of 4): ${overhead.insertWithoutTriggerMs} ms without the counting trigger, ${overhead.insertWithTriggerMs} ms with it`,
  );

  const out = join(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'metrics-scrape.json'),
    `${JSON.stringify({ database: target.kind, rows, overhead }, null, 2)}\n`,
  );
} finally {
  await app.close();
  await db.close();
}
