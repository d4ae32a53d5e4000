/**
 * Does partitioning by month pay off on PostgreSQL? Measured on a year of intake at the national
 * pace of the scale benchmark (default 1,000,000 items and 1.1 sightings each, made with SQL in a
 * scratch database with the product's schema), for the append-only table that is the natural
 * candidate, `item_sightings`, in four layouts:
 *
 * - `as is`: the schema's table (indexes on item and time, item… and source and time);
 * - `+ btree(seen_at)` and `+ brin(seen_at)`: the same with an index on the time alone;
 * - `monthly partitions`: partitioned by range of `seen_at`, one partition a month, the same
 *   indexes on each (the unique sighting key must then include `seen_at`: see the output).
 *
 * For each: the activity report's period queries (a month's sightings by channel, the month's
 * repeats), the pipeline's per-item reads (sightings of the last 24 hours of 500 items; all
 * sightings of 200 items), inserting 20,000 sightings, size on disk, and deleting the oldest
 * month (what partitions are best at, though the product deletes no sighting). The items
 * table's month queries (`first_seen_at`) are measured without an index and with each kind.
 *
 *   npm run bench -- partition [--items 1000000] [--keep]
 *
 * Prints the figures and writes bench/results/partition.json. The database (`kiemchung_partition`
 * on BENCH_DATABASE_URL, TEST_DATABASE_URL or the local server) is dropped unless `--keep`.
 */
import os from 'node:os';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { median, printTable, writeResult } from './lib/match-report.js';
import { ITEM_INTERVAL_MS } from './lib/scale-corpus.js';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const ITEMS = Number(option('items') ?? process.env.BENCH_ITEMS ?? 1_000_000);
const keep = process.argv.includes('--keep');
const RUNS = 7;
const databaseName = 'kiemchung_partition';
const adminUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const url = new URL(adminUrl);
url.pathname = `/${databaseName}`;

const t0 = performance.now();
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`drop database if exists ${databaseName} with (force)`);
await admin.query(`create database ${databaseName}`);
await admin.end();

const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 2 });
const q = (text: string, params: unknown[] = []) => database.query(text, params);

/** Median milliseconds of `RUNS` runs after one warm-up run. */
async function time(text: string, params: unknown[] = []): Promise<number> {
  await q(text, params);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await q(text, params);
    ms.push(performance.now() - started);
  }
  return Math.round(median(ms) * 100) / 100;
}

const round = (x: number) => Math.round(x * 10) / 10;
/** Drops the indexes on `column` alone (the schema's), to compare without and with one. */
async function dropTimeIndexes(table: string, column: string): Promise<void> {
  const { rows } = await q(
    `select indexname from pg_indexes where tablename = $1 and indexdef ~ $2`,
    [table, `\\(${column}\\)$`],
  );
  for (const row of rows) await q(`drop index ${String(row.indexname)}`);
}

/** How PostgreSQL reads `table` for a query: the scan nodes of its plan. */
async function scans(text: string, params: unknown[]): Promise<string> {
  const plan = (await q(`explain (format json) ${text}`, params)).rows[0]?.['QUERY PLAN'];
  const found = new Set<string>();
  const walk = (node: Record<string, unknown>) => {
    const type = String(node['Node Type']);
    if (/Scan/.test(type)) found.add(type.replace('Parallel ', ''));
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk((plan as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan);
  return [...found].join(' + ');
}

/** Size on disk with indexes, partitions included. */
const mb = async (relation: string) =>
  Math.round(
    Number(
      (
        await q(
          `select coalesce((select sum(pg_total_relation_size(relid)) from pg_partition_tree($1::regclass)
                            where isleaf), pg_total_relation_size($1::regclass)) as n`,
          [relation],
        )
      ).rows[0]?.n ?? 0,
    ) /
      2 ** 20,
  );

try {
  await migrate(database);
  const end = Date.now();
  const start = end - ITEMS * ITEM_INTERVAL_MS;
  // A year of items, in the order they arrived, about as wide as real ones (title, text,
  // normalised and folded text); 4 % English, 10 % from tips and the API.
  console.log(`making ${ITEMS.toLocaleString('en')} items and their sightings…`);
  let mark = performance.now();
  await q(
    `create temporary table tick as
    select n, to_timestamp(($1::float8 + n * $2::float8) / 1000) as at
    from generate_series(0, $3::int - 1) as n`,
    [start, ITEM_INTERVAL_MS, ITEMS],
  );
  await q(`insert into items (channel, url, canonical_url, title, text, language, normalized_text,
      folded_text, content_hash, status, first_seen_at, last_seen_at, created_at, processed_at,
      processing_runs, priority_score)
    select (case when n % 10 = 3 then 'tip' when n % 10 = 7 then 'api' else 'feed' end)::channel,
      'https://bao-' || (n % 40) || '.example/bai-' || n || '.html',
      'https://bao-' || (n % 40) || '.example/bai-' || n || '.html',
      'Tiêu đề tin số ' || n, t.body, case when n % 25 = 0 then 'en' else 'vi' end,
      t.body, t.body, md5(n::text),
      (case when n % 5 = 0 then 'queued' when n % 11 = 0 then 'linked' else 'dismissed' end)::item_status,
      at, at, at, at, 1, (n % 1000) / 1000.0
    from tick, lateral (select repeat(md5(n::text) || ' người dân phản ánh ', 8) as body) t`);
  // One sighting per item, and one more for every tenth, a few hours to days later: written in
  // the order they happen, as intake appends them.
  await q(`insert into item_sightings (item_id, channel, url, seen_at, dedupe_key)
    select item_id, channel, url, seen_at, dedupe_key from (
      select id as item_id, channel, url, first_seen_at as seen_at, 'feed:s:' || content_hash as dedupe_key
      from items
      union all
      select id, 'feed', url,
        least(first_seen_at + ((hashtext(id::text) & 1023) * interval '5 minutes'), now()),
        'feed:r:' || content_hash
      from items where hashtext(content_hash) % 10 = 0) s
    order by seen_at`);
  // The layouts are compared with and without a time index: the schema's (migration 0012) goes.
  await dropTimeIndexes('item_sightings', 'seen_at');
  await q('analyze items, item_sightings');
  const sightings = Number((await q('select count(*) as n from item_sightings')).rows[0]?.n);
  console.log(
    `  ${sightings.toLocaleString('en')} sightings in ${round((performance.now() - mark) / 1000)} s`,
  );

  // The layouts, filled from the schema's table.
  mark = performance.now();
  const months = (
    await q(`select generate_series(date_trunc('month', min(seen_at)), date_trunc('month', max(seen_at)),
               interval '1 month') as m from item_sightings`)
  ).rows.map((r) => new Date(r.m as string | Date));
  await q(`create table s_btree (like item_sightings including all)`);
  await q(`create index on s_btree (seen_at)`);
  await q(`create table s_brin (like item_sightings including all)`);
  await q(`create index on s_brin using brin (seen_at)`);
  await q(
    `create table s_monthly (like item_sightings including defaults) partition by range (seen_at)`,
  );
  // A unique index of a partitioned table must include the partition key: the sighting key is
  // then unique within a month only.
  await q(`alter table s_monthly add primary key (id, seen_at)`);
  await q(`create unique index on s_monthly (dedupe_key, seen_at)`);
  await q(`create index on s_monthly (item_id, seen_at)`);
  await q(`create index on s_monthly (source_id, seen_at)`);
  for (const m of months) {
    const next = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
    const name = `s_monthly_${m.toISOString().slice(0, 7).replace('-', '_')}`;
    await q(
      `create table ${name} partition of s_monthly for values from ('${m.toISOString()}') to ('${next.toISOString()}')`,
    );
  }
  await q(
    `create table s_monthly_later partition of s_monthly for values from ('${new Date(Date.UTC(months.at(-1)!.getUTCFullYear(), months.at(-1)!.getUTCMonth() + 1, 1)).toISOString()}') to (maxvalue)`,
  );
  for (const table of ['s_btree', 's_brin', 's_monthly']) {
    await q(`insert into ${table} select * from item_sightings`);
  }
  await q('analyze s_btree, s_brin, s_monthly');
  console.log(
    `  layouts made in ${round((performance.now() - mark) / 1000)} s (${months.length} monthly partitions)`,
  );

  // The last full month, and items to look up.
  if (months.length < 3) throw new Error('--items: at least 200000 (three calendar months)');
  const from = months.at(-2)!.toISOString();
  const to = months.at(-1)!.toISOString();
  const ids = (await q(`select id from items order by hashtext(id::text) limit 500`)).rows.map(
    (r) => r.id,
  );
  const recentIds = (
    await q(
      `select id from items where first_seen_at > now() - interval '3 days' order by hashtext(id::text) limit 500`,
    )
  ).rows.map((r) => r.id);

  const layouts = [
    ['no time index', 'item_sightings'],
    ['+ btree(seen_at)', 's_btree'],
    ['+ brin(seen_at)', 's_brin'],
    ['monthly partitions', 's_monthly'],
  ] as const;
  const rows: Array<Record<string, string | number>> = [];
  for (const [layout, table] of layouts) {
    const figures: Record<string, string | number> = { layout };
    const byChannel = `select channel, count(*) from ${table} where seen_at >= $1 and seen_at < $2 group by channel`;
    figures['month by channel'] = await time(byChannel, [from, to]);
    figures['read as'] = await scans(byChannel, [from, to]);
    figures["month's repeats"] = await time(
      `with seen as (select id, item_id, seen_at from ${table} where seen_at >= $1 and seen_at < $2)
       select count(*) from seen s where exists (select 1 from ${table} e
         where e.item_id = s.item_id and (e.seen_at, e.id) < (s.seen_at, s.id))`,
      [from, to],
    );
    figures['24 h of 500 items'] = await time(
      `select i.id, (select count(*) from ${table} x where x.item_id = i.id
         and x.seen_at > now() - interval '24 hours') from unnest($1::uuid[]) as i(id)`,
      [recentIds],
    );
    figures['all of 200 items'] = await time(
      `select item_id, seen_at from ${table} where item_id = any($1::uuid[]) order by item_id, seen_at`,
      [ids.slice(0, 200)],
    );
    figures['size MB'] = await mb(table);
    // 20,000 new sightings of this hour, 1,000 a statement, as intake writes them.
    const batch = (k: number) =>
      JSON.stringify(
        Array.from({ length: 1000 }, (_, i) => ({
          item: ids[(k * 1000 + i) % ids.length],
          key: `bench:${table}:${k}:${i}`,
        })),
      );
    const inserted = performance.now();
    for (let k = 0; k < 20; k++) {
      await q(
        `insert into ${table} (item_id, channel, seen_at, dedupe_key)
         select item, 'feed', now(), key from json_to_recordset($1::json) as d(item uuid, key text)
         on conflict do nothing`,
        [batch(k)],
      );
    }
    figures['insert rows/s'] = Math.round(20_000 / ((performance.now() - inserted) / 1000));
    const dropStarted = performance.now();
    if (table === 's_monthly') {
      const oldest = `s_monthly_${months[0]!.toISOString().slice(0, 7).replace('-', '_')}`;
      await q(`alter table s_monthly detach partition ${oldest}`);
      await q(`drop table ${oldest}`);
    } else {
      await q(`delete from ${table} where seen_at < $1`, [months[1]!.toISOString()]);
    }
    figures['drop oldest month ms'] = Math.round(performance.now() - dropStarted);
    rows.push(figures);
    console.log(`  measured ${layout}`);
  }

  // Items: the report's month queries on first_seen_at, without and with an index.
  const itemsByChannel = `select channel, count(*) from items where first_seen_at >= $1 and first_seen_at < $2 group by channel`;
  const itemQueries = async (label: string) => ({
    index: label,
    'month by channel': await time(itemsByChannel, [from, to]),
    'read as': await scans(itemsByChannel, [from, to]),
    'month per day': await time(
      `select to_char(first_seen_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD'), count(*)
       from items where first_seen_at >= $1 and first_seen_at < $2 group by 1`,
      [from, to],
    ),
  });
  await dropTimeIndexes('items', 'first_seen_at');
  await q('analyze items');
  const itemRows = [await itemQueries('none')];
  await q('create index items_first_seen_btree on items (first_seen_at)');
  await q('analyze items');
  itemRows.push({ ...(await itemQueries('btree(first_seen_at)')) });
  await q('drop index items_first_seen_btree');
  await q('create index items_first_seen_brin on items using brin (first_seen_at)');
  await q('analyze items');
  itemRows.push({ ...(await itemQueries('brin(first_seen_at)')) });
  const indexSizes = {
    sightingsBtreeMb: await mb('s_btree_seen_at_idx'),
    sightingsBrinKb: Math.round(
      Number((await q(`select pg_relation_size('s_brin_seen_at_idx') as n`)).rows[0]?.n) / 1024,
    ),
    itemsMb: await mb('items'),
  };

  console.log(
    `\nitem_sightings: ${sightings.toLocaleString('en')} rows over ${months.length} months; times in ms (median of ${RUNS})`,
  );
  printTable(rows);
  console.log(
    `\nitems: ${ITEMS.toLocaleString('en')} rows (${indexSizes.itemsMb} MB); times in ms`,
  );
  printTable(itemRows);
  const report = {
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
    items: ITEMS,
    sightings,
    months: months.length,
    period: { from, to },
    runs: RUNS,
    sightingsLayouts: rows,
    itemsIndexes: itemRows,
    indexSizes,
    seconds: round((performance.now() - t0) / 1000),
  };
  console.log(JSON.stringify(report));
  console.log(`wrote ${writeResult('partition', report)}`);
} finally {
  await database.close();
  if (!keep) {
    const again = new pg.Client({ connectionString: adminUrl });
    await again.connect();
    await again.query(`drop database if exists ${databaseName} with (force)`);
    await again.end();
  }
}
