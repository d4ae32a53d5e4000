/**
 * Public pages under load (PRODUCT.md target: ≥ 3,000 requests/s with p99 ≤ 50 ms on 2 cores).
 * The app runs in a child process on the embedded database with the demo desk loaded; this
 * process drives autocannon against each path of PATHS in turn, in the same run, and prints a
 * table and JSON. A static file served by the same server is the ceiling to compare with.
 *
 * `npm run bench -- portal-load`. BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 50)
 * change the load; BENCH_PATHS=health,check picks entries by name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  measureHttpLoad,
  printLoadTable,
  serveStaticFile,
  startServerProcess,
  type HttpLoadResult,
} from './lib/http-load.js';
import { projectRoot } from './lib/match-data.js';
import { writeResult } from './lib/match-report.js';

/**
 * What is measured. `{checkId}` and `{checkSlug}` become a published demo check's. The portal's
 * pages come from its page cache after the warm-up, so they are compared with the static file.
 */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
const PATHS: ReadonlyArray<{ name: string; path: string; headers?: Record<string, string> }> = [
  { name: 'health', path: '/health' },
  { name: 'check (API)', path: '/api/v1/checks/{checkId}' },
  { name: 'home page', path: '/' },
  { name: 'check page', path: '/kiem-chung/{checkSlug}' },
  // As a browser asks for it: the precompressed body (a sixth of the bytes).
  { name: 'check page (br)', path: '/kiem-chung/{checkSlug}', headers: BROWSER },
  { name: 'static file', path: '/bench/static.html' },
];

/** The file behind /bench/static.html: the desk's HTML shell, a small real page. */
const STATIC_FILE = path.join(projectRoot, 'src', 'desk', 'index.html');

interface ServerInfo {
  origin: string;
  checkId: string;
  checkSlug: string;
}

async function serve(): Promise<void> {
  const { loadConfig } = await import('../src/config.js');
  const { CheckIndex } = await import('../src/core/check-index.js');
  const { openDatabase } = await import('../src/db/client.js');
  const { seedDemo } = await import('../src/db/demo/seed-demo.js');
  const { migrate } = await import('../src/db/migrate.js');
  const { createRepositories } = await import('../src/db/repositories.js');
  const { buildApp } = await import('../src/server/app.js');

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kc-portal-load-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'bench-'.repeat(11),
    DATA_DIR: dataDir,
  });
  const database = await openDatabase({ dataDir });
  await migrate(database);
  await seedDemo(database, { secretKey: config.secretKey! });
  const repos = createRepositories(database.db);
  const checkIndex = new CheckIndex(repos.pipeline);
  const app = await buildApp({ config, database, repos, checkIndex });
  serveStaticFile(app, '/bench/static.html', STATIC_FILE);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;

  const listed = await app.inject({ method: 'GET', url: '/api/v1/checks?status=published' });
  const check = listed.json<{ items: Array<{ id: string; slug: string }> }>().items[0];
  if (!check) throw new Error('the demo has no published check');

  const stop = async () => {
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  const info: ServerInfo = { origin, checkId: check.id, checkSlug: check.slug };
  console.log(`READY ${JSON.stringify(info)}`);
}

async function measure(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const only = process.env.BENCH_PATHS?.split(',');
  const server = await startServerProcess<ServerInfo>(fileURLToPath(import.meta.url), ['--serve']);
  const results: Array<HttpLoadResult & { name: string; path: string }> = [];
  try {
    const { origin, checkId, checkSlug } = server.info;
    for (const entry of PATHS) {
      if (only && !only.some((name) => entry.name.startsWith(name))) continue;
      const pathname = entry.path.replace('{checkId}', checkId).replace('{checkSlug}', checkSlug);
      const probe = await fetch(`${origin}${pathname}`);
      if (!probe.ok) throw new Error(`${pathname}: ${probe.status} ${await probe.text()}`);
      const result = await measureHttpLoad({
        url: `${origin}${pathname}`,
        seconds,
        connections,
        ...(entry.headers ? { headers: entry.headers } : {}),
      });
      results.push({ name: entry.name, path: pathname, ...result });
    }
  } finally {
    await server.stop();
  }
  printLoadTable(results);
  const report = {
    machine: { cpus: os.cpus().length, node: process.version },
    seconds,
    connections,
    results,
    targets: { requestsPerSecond: 3000, p99Ms: 50 },
  };
  console.log(JSON.stringify(report));
  console.log(`wrote ${writeResult('portal-load', report)}`);
}

if (process.argv.includes('--serve')) await serve();
else await measure();
