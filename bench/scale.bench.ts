/**
 * The product at national scale on PostgreSQL (issue 8): a realistic corpus (bench/lib/
 * scale-corpus.ts: per 1,000 items, 100 claims and 20 published checks) loaded step by step —
 * 10k, then 100k, then 1M items by default — and after each step the costs that must not grow
 * with the archive are measured:
 *
 * - ingestion: monitored RSS feeds (served by this process) polled by two `kiemchung worker`
 *   processes, each entry normalised, redacted, fingerprinted, stored once, matched against the
 *   published checks, clustered with near duplicates and scored; repeats re-scored by the
 *   pipeline loop. Items/s and CPU per item;
 * - matching a new text against the archive of published checks (p50/p95), in memory and
 *   through the portal's quick check;
 * - the desk's queue queries through the API of a `kiemchung start --role web` process
 *   (p50/p95, one request at a time);
 * - the public check page under load (requests/s, autocannon, 50 connections).
 *
 * Claims, checks and the desk's triage are written directly (they come from people's work, not
 * from intake); see bench/lib/scale-seed.ts. The database (default `kiemchung_scale`) is
 * created on the PostgreSQL server of BENCH_DATABASE_URL, TEST_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/postgres, and dropped at the end unless `--keep`.
 *
 *   npm run bench -- scale --sizes 10000,100000,1000000 [--keep] [--seconds 10] [--database NAME]
 *
 * Prints a growth table for each cost and writes bench/results/scale.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateApiToken } from '../src/core/tokens.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createRepositories } from '../src/db/repositories.js';
import { projectRoot } from './lib/match-data.js';
import { compareBeforeAfter, type Comparison } from './lib/scale-compare.js';
import { printTable, writeResult } from './lib/match-report.js';
import {
  ITEMS_PER_FEED,
  loadScalePool,
  ScaleCorpus,
  CLAIMS_PER_CHECK,
} from './lib/scale-corpus.js';
import {
  measureDeskQueries,
  measureMatching,
  measurePortal,
  type DeskQuery,
  type DeskQueryFigures,
  type MatchingFigures,
  type PortalFigures,
} from './lib/scale-measure.js';
import {
  addSources,
  createDesk,
  retime,
  seedClaims,
  triage,
  type ScaleDesk,
  type Timeline,
} from './lib/scale-seed.js';

// ---------------------------------------------------------------------------------------------
// Options

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  if (at >= 0) return process.argv[at + 1];
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

const sizes = (option('sizes') ?? process.env.BENCH_SIZES ?? '10000,100000,1000000')
  .split(',')
  .map((s) => Number(s.trim().replace(/_/g, '')))
  .filter((n) => Number.isFinite(n) && n > 0)
  .map((n) => Math.max(1000, Math.round(n / 1000) * 1000))
  .sort((a, b) => a - b);
const keep = process.argv.includes('--keep');
/** Measures a database an earlier `--keep` run loaded (its size given by --sizes), loading nothing. */
const measureOnly = process.argv.includes('--measure-only');
/** Also times the queries this benchmark made flat in their previous form (bench/lib/scale-compare.ts). */
const compare = process.argv.includes('--compare');
const seconds = Number(option('seconds') ?? process.env.BENCH_SECONDS ?? 10);
const databaseName = option('database') ?? 'kiemchung_scale';
const adminUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
if (!/^[a-z_][a-z0-9_]*$/.test(databaseName)) throw new Error('--database: a plain name');
const databaseUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${databaseName}`;
  return u.toString();
})();

// ---------------------------------------------------------------------------------------------
// Processes

const bin = path.join(projectRoot, 'bin', 'kiemchung.js');

interface Child {
  name: string;
  process: ChildProcess;
  /** The last lines it wrote, for error messages. */
  tail: string[];
}

function spawnKc(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keepTail = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    if (tail.length > 200) tail.splice(0, tail.length - 200);
  };
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);
  return { name, process: child, tail };
}

async function waitFor(child: Child, pattern: RegExp, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = child.tail.find((l) => pattern.test(l));
    if (line) return pattern.exec(line)?.[1] ?? line;
    if (child.process.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${child.name} not ready:\n${child.tail.join('\n')}`);
    }
    await sleep(200);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stop(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = new Promise((r) => child.process.once('exit', r));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of each PostgreSQL process serving the bench's database (its backends, named after
 * the database in their process title), by process id. Backends that end in between are lost,
 * so the figure is a lower bound.
 */
function postgresCpu(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const title = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (!title.startsWith('postgres:') || !title.includes(` ${databaseName} `)) continue;
      cpu.set(Number(name), cpuSeconds(Number(name)));
    } catch {
      // The process ended meanwhile.
    }
  }
  return cpu;
}

function postgresCpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of postgresCpu()) total += seconds - (before.get(pid) ?? 0);
  return total;
}

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// One load step

interface IngestionFigures {
  items: number;
  newItems: number;
  sightings: number;
  clusters: number;
  matched: number;
  /** Items made to retell a published check (near-duplicate copies of them retell it too). */
  retoldPlanted: number;
  failedSources: number;
  /** From the first item stored to the last one processed, by the database's clock. */
  pipelineSeconds: number;
  itemsPerSecond: number;
  /** From adding the sources to the end, including the workers' idle wait before the first poll. */
  wallSeconds: number;
  workerCpuMsPerItem: number;
  postgresCpuMsPerItem: number;
  workerRssMb: number[];
  /** Items per second of each tenth of the step (by the order items were stored). */
  itemsPerSecondBySlice: number[];
}

interface StepFigures {
  size: number;
  claims: number;
  checks: number;
  ingestion: IngestionFigures | null;
  bookkeeping: null | {
    seedSeconds: number;
    triageSeconds: number;
    retimeSeconds: number;
    vacuumSeconds: number;
  };
  database: {
    totalMb: number;
    itemsMb: number;
    sightingsMb: number;
    untriaged: number;
    openClaims: number;
  };
  matching: MatchingFigures;
  desk: DeskQueryFigures[];
  portal: PortalFigures;
}

const seconds1 = (ms: number) => Math.round(ms / 100) / 10;

/** Retold items among [from, to): every 50th from the first check on (see scale-corpus.ts). */
function plantedBetween(from: number, to: number): number {
  let n = 0;
  for (let i = Math.max(from, 50); i < to; i++) if (i % 50 === 17) n += 1;
  return n;
}

async function waitForIngestion(
  database: Database,
  sourceIds: string[],
  label: string,
): Promise<{ failed: number }> {
  let lastPrint = 0;
  for (;;) {
    const [state] = (
      await database.query<{ unpolled: string; failed: string; stored: string; pending: string }>(
        `select count(*) filter (where last_fetched_at is null) as unpolled,
                count(*) filter (where last_error is not null) as failed,
                coalesce(sum(items_count), 0) as stored,
                (select count(*) from items where processed_at is null) as pending
         from sources where id = any($1::uuid[])`,
        [sourceIds],
      )
    ).rows;
    const unpolled = Number(state!.unpolled);
    const pending = Number(state!.pending);
    if (Date.now() - lastPrint > 30_000) {
      lastPrint = Date.now();
      console.log(
        `  ${label}: ${sourceIds.length - unpolled}/${sourceIds.length} feeds polled, ${Number(state!.stored).toLocaleString('en')} items stored, ${pending} waiting for the pipeline`,
      );
    }
    if (unpolled === 0 && pending === 0) return { failed: Number(state!.failed) };
    await sleep(2000);
  }
}

const deskQueries = (
  editorId: string,
  categoryId: string,
  period: { from: string; to: string },
): DeskQuery[] => [
  { name: 'queue: the desk loads every open claim', path: '/api/v1/queue?limit=10000' },
  { name: 'queue: first page', path: '/api/v1/queue?limit=100' },
  { name: 'queue: urgent', path: '/api/v1/queue?priority=urgent&limit=100' },
  { name: 'queue: overdue', path: '/api/v1/queue?overdue=true&limit=100' },
  { name: 'queue: in review', path: '/api/v1/queue?status=in_review&limit=100' },
  { name: 'queue: my claims', path: `/api/v1/queue?assignee=${editorId}&limit=100` },
  { name: 'queue: a category', path: `/api/v1/queue?category=${categoryId}&limit=100` },
  { name: 'queue: seen in feeds', path: '/api/v1/queue?channel=feed&limit=100' },
  { name: 'untriaged: the desk loads 500', path: '/api/v1/queue/untriaged?limit=500' },
  { name: 'untriaged: English', path: '/api/v1/queue/untriaged?language=en&limit=100' },
  { name: 'dashboard: last 30 days', path: '/api/v1/dashboard' },
  {
    name: 'dashboard: a month (report figures)',
    path: `/api/v1/dashboard?from=${period.from}&to=${period.to}`,
  },
];

/** The 30 report days (Vietnam time) ending yesterday. */
function lastMonth(now: Date): { from: string; to: string } {
  const day = (t: number) => new Date(t + 7 * 3_600_000).toISOString().slice(0, 10);
  return { from: day(now.getTime() - 30 * 86_400_000), to: day(now.getTime() - 86_400_000) };
}

/** The staff and categories an earlier run made (for --measure-only). */
async function findDesk(database: Database): Promise<ScaleDesk> {
  const ids = async (sql: string) =>
    (await database.query<{ id: string }>(sql)).rows.map((r) => r.id);
  const desk = {
    editors: await ids(
      `select id from users where email like 'bientap-%@scale.kiemchung.invalid' order by email`,
    ),
    leads: await ids(
      `select id from users where email like 'truongnhom-%@scale.kiemchung.invalid' order by email`,
    ),
    categories: await ids('select id from categories order by position'),
  };
  if (desk.editors.length === 0)
    throw new Error(`${databaseName} was not loaded by this benchmark`);
  return desk;
}

// ---------------------------------------------------------------------------------------------
// Main

const t0 = performance.now();
console.log(
  `scale bench: sizes ${sizes.map((s) => s.toLocaleString('en')).join(' → ')} on ${databaseUrl.replace(/\/\/[^@]*@/, '//')}`,
);
const pool = loadScalePool();
const corpus = new ScaleCorpus(pool);

if (!measureOnly) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.query(`create database ${databaseName}`);
  await admin.end();
}

const work = mkdtempSync(path.join(os.tmpdir(), 'kc-scale-bench-'));
const feedServer: Server = createServer((request, response) => {
  const feed = /^\/feeds\/(\d+)\.xml$/.exec(request.url ?? '');
  if (feed) {
    const body = corpus.feedXml(Number(feed[1]));
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    response.end(body);
  } else if (request.url === '/robots.txt') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('User-agent: *\nAllow: /\n');
  } else {
    response.writeHead(404);
    response.end();
  }
});
await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
const feedAddress = feedServer.address();
if (!feedAddress || typeof feedAddress === 'string') throw new Error('feed server');
const feedOrigin = `http://127.0.0.1:${feedAddress.port}`;

const database = await openDatabase({ databaseUrl, maxConnections: 4 });
const children: Child[] = [];
const steps: StepFigures[] = [];
let comparisons: Comparison[] = [];
// Stopped from outside (Ctrl-C, kill): the product's processes stop with it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all(children.map(stop)).finally(() => process.exit(130));
  });
}
try {
  await migrate(database);
  const repos = createRepositories(database.db);
  const desk = measureOnly ? await findDesk(database) : await createDesk(database, repos);
  const { token, hash } = generateApiToken();
  await repos.users.createApiToken({
    userId: desk.editors[0]!,
    name: 'scale bench',
    tokenHash: hash,
    scopes: ['*'],
  });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SECRET_KEY: randomBytes(32).toString('hex'),
    DATA_DIR: path.join(work, 'data'),
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    DEMO_DATA: 'never',
    FETCH_ALLOW_HOSTS: '127.0.0.1',
  };
  delete env.TEST_DATABASE_URL;
  const workers = measureOnly ? [] : [0, 1].map((i) => spawnKc(`worker ${i + 1}`, ['worker'], env));
  const web = spawnKc('web', ['start', '--role', 'web', '--port', '0'], env);
  children.push(...workers, web);
  await Promise.all(workers.map((w) => waitFor(w, /workers are running/)));
  const origin = await waitFor(web, /running at (http:\/\/\S+?) /);
  console.log(
    `${workers.length} workers and a web process (${origin}) on ${databaseName}; feeds at ${feedOrigin}`,
  );

  /** Measures the costs at `size` items (the database holds them now). */
  const measureStep = async (
    size: number,
    ingestion: IngestionFigures | null,
    bookkeeping: StepFigures['bookkeeping'],
  ): Promise<StepFigures> => {
    const now = new Date();
    const [sizesRow] = (
      await database.query<Record<string, string>>(
        `select pg_database_size(current_database()) as total,
                pg_total_relation_size('items') as items,
                pg_total_relation_size('item_sightings') as sightings,
                (select count(*) from items where status in ('new', 'queued')) as untriaged,
                (select count(*) from claims where status in ('new', 'triage', 'researching', 'in_review', 'approved')) as open`,
      )
    ).rows;
    const mb = (v: string | undefined) => Math.round(Number(v) / 2 ** 20);
    const checks = ScaleCorpus.checksFor(size);

    console.log('  measuring matching…');
    const matching = await measureMatching(database, repos, corpus, { items: size, checks });
    console.log('  measuring desk queries…');
    const deskFigures = await measureDeskQueries(
      origin,
      token,
      deskQueries(desk.editors[0]!, desk.categories[0]!, lastMonth(now)),
    );
    console.log('  measuring the portal…');
    const portal = await measurePortal(origin, database, corpus, checks, seconds);
    const step: StepFigures = {
      size,
      claims: ScaleCorpus.claimsFor(size),
      checks,
      ingestion,
      bookkeeping,
      database: {
        totalMb: mb(sizesRow?.total),
        itemsMb: mb(sizesRow?.items),
        sightingsMb: mb(sizesRow?.sightings),
        untriaged: Number(sizesRow?.untriaged),
        openClaims: Number(sizesRow?.open),
      },
      matching,
      desk: deskFigures,
      portal,
    };
    return step;
  };

  if (measureOnly) {
    const size = sizes[sizes.length - 1]!;
    console.log(`\n— measuring ${size.toLocaleString('en')} items (loaded by an earlier run)`);
    const step = await measureStep(size, null, null);
    steps.push(step);
    printStep(step);
  }

  let previous: Timeline | null = null;
  let loaded = 0;
  for (const size of measureOnly ? [] : sizes) {
    const label = `${size.toLocaleString('en')} items`;
    console.log(`\n— step to ${label}`);
    const claimsFrom = ScaleCorpus.claimsFor(loaded);
    const claimsTo = ScaleCorpus.claimsFor(size);
    const stepStartedAt = new Date(
      (await database.query<{ now: Date }>('select now() as now')).rows[0]!.now,
    );
    let mark = performance.now();
    await seedClaims(database, corpus, desk, claimsFrom, claimsTo);
    const seedSeconds = seconds1(performance.now() - mark);
    console.log(
      `  seeded claims ${claimsFrom}…${claimsTo - 1} and their checks in ${seedSeconds} s`,
    );

    const cpu0 = workers.map((w) => cpuSeconds(w.process.pid));
    const pgCpu0 = postgresCpu();
    const wall0 = performance.now();
    const sourceIds = await addSources(
      database,
      feedOrigin,
      ScaleCorpus.feedsFor(loaded),
      ScaleCorpus.feedsFor(size),
    );
    const { failed } = await waitForIngestion(database, sourceIds, label);
    const wallSeconds = seconds1(performance.now() - wall0);
    const workerCpu = workers.reduce((sum, w, i) => sum + cpuSeconds(w.process.pid) - cpu0[i]!, 0);
    const pgCpu = postgresCpuSince(pgCpu0);
    const [figures] = (
      await database.query<Record<string, string | Date | null>>(
        `select (select count(*) from items) as items,
                (select count(*) from items where created_at >= $1) as new_items,
                (select count(*) from item_sightings) as sightings,
                (select count(*) from clusters) as clusters,
                (select count(*) from items where created_at >= $1 and matched_check_id is not null) as matched,
                (select min(created_at) from items where created_at >= $1) as first_stored,
                (select max(processed_at) from items where processed_at >= $1) as last_processed`,
        [stepStartedAt.toISOString()],
      )
    ).rows;
    const newItems = Number(figures!.new_items);
    const pipelineSeconds =
      (new Date(figures!.last_processed!).getTime() - new Date(figures!.first_stored!).getTime()) /
      1000;
    const ingestion: IngestionFigures = {
      items: Number(figures!.items),
      newItems,
      sightings: Number(figures!.sightings),
      clusters: Number(figures!.clusters),
      matched: Number(figures!.matched),
      retoldPlanted: plantedBetween(loaded, size),
      failedSources: failed,
      pipelineSeconds: Math.round(pipelineSeconds * 10) / 10,
      itemsPerSecond: Math.round(newItems / pipelineSeconds),
      wallSeconds,
      workerCpuMsPerItem: Math.round((workerCpu * 1000 * 100) / newItems) / 100,
      postgresCpuMsPerItem: Math.round((pgCpu * 1000 * 100) / newItems) / 100,
      workerRssMb: workers.map((w) => rssMb(w.process.pid)),
      itemsPerSecondBySlice: (
        await database.query<{ n: string; s: string }>(
          `select count(*) as n, extract(epoch from max(created_at) - min(created_at)) as s
           from (select created_at, (row_number() over (order by created_at) - 1) / $2 as k
                 from items where created_at >= $1) x
           group by k order by k`,
          [stepStartedAt.toISOString(), Math.max(1000, Math.ceil(newItems / 10))],
        )
      ).rows.map((r) => Math.round(Number(r.n) / Math.max(0.001, Number(r.s)))),
    };
    console.log(
      `  ingested ${newItems.toLocaleString('en')} new items in ${ingestion.pipelineSeconds} s: ${ingestion.itemsPerSecond} items/s (wall ${wallSeconds} s), worker CPU ${ingestion.workerCpuMsPerItem} ms/item, PostgreSQL ${ingestion.postgresCpuMsPerItem} ms/item; ${ingestion.matched} matched of ${ingestion.retoldPlanted} retold`,
    );

    mark = performance.now();
    await triage(database, corpus, desk, { from: claimsFrom, to: claimsTo }, stepStartedAt);
    const triageSeconds = seconds1(performance.now() - mark);
    mark = performance.now();
    const current: Timeline = { items: size, now: new Date() };
    await retime(database, previous, current, stepStartedAt);
    const retimeSeconds = seconds1(performance.now() - mark);
    mark = performance.now();
    await database.exec(
      'vacuum (analyze) items, item_sightings, claims, checks, claim_items, clusters, evidence, sources, check_corrections',
    );
    const vacuumSeconds = seconds1(performance.now() - mark);
    console.log(
      `  desk triage ${triageSeconds} s, timeline ${retimeSeconds} s, vacuum ${vacuumSeconds} s`,
    );
    previous = current;
    loaded = size;

    const step = await measureStep(size, ingestion, {
      seedSeconds,
      triageSeconds,
      retimeSeconds,
      vacuumSeconds,
    });
    steps.push(step);
    printStep(step);
    // Each step's figures are kept as soon as they exist: a long run stopped later keeps them.
    writeResult('scale', report(steps));
  }
} finally {
  await Promise.all(children.map(stop));
  await database.close();
  await new Promise((r) => feedServer.close(r));
  rmSync(work, { recursive: true, force: true });
  if (!keep && !measureOnly) {
    const again = new pg.Client({ connectionString: adminUrl });
    await again.connect();
    await again.query(`drop database if exists ${databaseName} with (force)`);
    await again.end();
  }
}

printGrowth(steps);
if (compare && (keep || measureOnly)) {
  console.log(
    `\nbefore and after, at ${sizes[sizes.length - 1]!.toLocaleString('en')} items (database time, ms)`,
  );
  comparisons = await compareBeforeAfter(databaseUrl, lastMonth(new Date()));
  printTable(comparisons.map((c) => ({ ...c })));
}
const file = writeResult(measureOnly ? 'scale-measure' : 'scale', report(steps));
console.log(JSON.stringify(report(steps)));
console.log(
  `\nwrote ${file} in ${seconds1(performance.now() - t0)} s${keep ? ` (database ${databaseName} kept)` : ''}`,
);

// ---------------------------------------------------------------------------------------------
// Output

function printStep(step: StepFigures): void {
  console.log(
    `\n  ${step.size.toLocaleString('en')} items, ${step.claims.toLocaleString('en')} claims, ${step.checks.toLocaleString('en')} published checks; ${step.database.untriaged.toLocaleString('en')} untriaged items, ${step.database.openClaims.toLocaleString('en')} open claims; database ${step.database.totalMb} MB`,
  );
  printTable(
    Object.entries(step.matching.matcher).map(([kind, p]) => ({
      matching: kind,
      n: p.n,
      'matcher p50': p.p50,
      'matcher p95': p.p95,
      'quick check p50': step.matching.quickCheck[kind]?.p50 ?? '',
      'quick check p95': step.matching.quickCheck[kind]?.p95 ?? '',
    })),
  );
  printTable(
    step.desk.map((d) => ({
      'desk query': d.name,
      rows: d.rows,
      'p50 ms': d.p50,
      'p95 ms': d.p95,
    })),
  );
  printTable([
    {
      portal: 'check page, one popular',
      'req/s': step.portal.hot.requestsPerSecond,
      'p99 ms': step.portal.hot.latencyMs.p99,
      errors: step.portal.hot.errors + step.portal.hot.timeouts,
    },
    {
      portal: `check pages, ${step.portal.rotating.distinctPages} in turn`,
      'req/s': step.portal.rotating.requestsPerSecond,
      'p99 ms': step.portal.rotating.latencyMs.p99,
      errors: step.portal.rotating.errors + step.portal.rotating.timeouts,
    },
  ]);
}

interface GrowthRow {
  cost: string;
  unit: string;
  values: number[];
}

function growthRows(all: readonly StepFigures[]): GrowthRow[] {
  const rows: GrowthRow[] = [
    {
      cost: 'ingestion rate',
      unit: 'items/s',
      values: all.map((s) => s.ingestion?.itemsPerSecond ?? 0),
    },
    {
      cost: 'ingestion, worker CPU per item',
      unit: 'ms',
      values: all.map((s) => s.ingestion?.workerCpuMsPerItem ?? 0),
    },
    {
      cost: 'ingestion, PostgreSQL CPU per item',
      unit: 'ms',
      values: all.map((s) => s.ingestion?.postgresCpuMsPerItem ?? 0),
    },
    {
      cost: 'matching p50 (matcher, all texts)',
      unit: 'ms',
      values: all.map((s) => s.matching.matcher.all?.p50 ?? 0),
    },
    {
      cost: 'matching p95 (matcher, all texts)',
      unit: 'ms',
      values: all.map((s) => s.matching.matcher.all?.p95 ?? 0),
    },
    {
      cost: 'matching p95 (quick check, with database)',
      unit: 'ms',
      values: all.map((s) => s.matching.quickCheck.all?.p95 ?? 0),
    },
    {
      cost: 'matching: retold claims found first',
      unit: 'share',
      values: all.map((s) => s.matching.retoldTop1),
    },
    { cost: 'check index load', unit: 'ms', values: all.map((s) => s.matching.indexLoadMs) },
  ];
  const names = all[0]?.desk.map((d) => d.name) ?? [];
  for (const name of names) {
    rows.push({
      cost: `${name}, p50`,
      unit: 'ms',
      values: all.map((s) => s.desk.find((d) => d.name === name)?.p50 ?? 0),
    });
    rows.push({
      cost: `${name}, p95`,
      unit: 'ms',
      values: all.map((s) => s.desk.find((d) => d.name === name)?.p95 ?? 0),
    });
  }
  rows.push(
    {
      cost: 'portal check page (popular)',
      unit: 'req/s',
      values: all.map((s) => s.portal.hot.requestsPerSecond),
    },
    {
      cost: 'portal check pages in turn',
      unit: 'req/s',
      values: all.map((s) => s.portal.rotating.requestsPerSecond),
    },
    {
      cost: 'check page read (cache miss), p95',
      unit: 'ms',
      values: all.map((s) => s.portal.pageRead.p95),
    },
    { cost: 'database size', unit: 'MB', values: all.map((s) => s.database.totalMb) },
  );
  return rows;
}

function printGrowth(all: readonly StepFigures[]): void {
  if (all.length === 0) return;
  console.log(
    `\ngrowth, ${all.map((s) => s.size.toLocaleString('en')).join(' → ')} items (×: change from the previous size)`,
  );
  printTable(
    growthRows(all).map((row) => {
      const out: Record<string, string | number> = { cost: row.cost, unit: row.unit };
      row.values.forEach((v, i) => {
        out[compact(all[i]!.size)] = v;
        if (i > 0) {
          const before = row.values[i - 1]!;
          out[`×${i}`] = before > 0 ? `${(v / before).toFixed(2)}` : '';
        }
      });
      return out;
    }),
  );
  const last = all[all.length - 1]!;
  const p95 = last.matching.matcher.all?.p95 ?? Infinity;
  console.log(
    `\ngoals at ${last.size.toLocaleString('en')} items: matching p95 ≤ 20 ms: ${p95} ms (${p95 <= 20 ? 'met' : 'NOT met'}); portal check page ≥ 2,000 req/s: ${last.portal.hot.requestsPerSecond} (${last.portal.hot.requestsPerSecond >= 2000 ? 'met' : 'NOT met'})`,
  );
}

function compact(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
}

function report(all: readonly StepFigures[]) {
  return {
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
    corpus: { seed: corpus.seed, itemsPerFeed: ITEMS_PER_FEED, claimsPerCheck: CLAIMS_PER_CHECK },
    sizes,
    portalSeconds: seconds,
    steps: all,
    growth: growthRows(all),
    beforeAfter: comparisons,
    goals: { matchingP95Ms: 20, portalCheckPageRequestsPerSecond: 2000 },
  };
}
