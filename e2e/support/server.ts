/**
 * The real server (src/server) on a fresh, migrated PGlite database, listening on a free port
 * of 127.0.0.1, with the desk built (when stale) and served at /desk/. One per test file.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { CheckIndex } from '../../src/core/check-index.js';
import { createItemProcessor } from '../../src/ingest/pipeline/item-processor.js';
import { buildApp } from '../../src/server/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';

const root = join(import.meta.dirname, '..', '..');

/** Builds dist/desk unless it is newer than every desk source. */
export function ensureDeskBuilt(): void {
  const result = spawnSync(
    process.execPath,
    [join(root, 'scripts', 'build-desk.mjs'), '--if-stale'],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('building the desk failed');
}

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  app: FastifyInstance;
  db: TestDatabase;
  /** Runs the intake pipeline over waiting items (match, group near duplicates, score), as the worker would. */
  processPipeline(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the app over a new database. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  ensureDeskBuilt();
  const db = await databaseTargets()[0]!.open();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'e2e-'.repeat(16),
    ...env,
  });
  const checkIndex = new CheckIndex(db.repos.pipeline);
  const app = await buildApp({ config, database: db.database, repos: db.repos, checkIndex });
  const processor = createItemProcessor(db.repos, checkIndex, { clock: () => new Date() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    app,
    db,
    async processPipeline() {
      await processor.drain();
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** Whether the server answers a route (404 "No route" means it does not exist yet). */
export async function hasRoute(server: TestServer, method: string, url: string): Promise<boolean> {
  const response = await server.app.inject({
    method: method as 'GET',
    url,
    payload: method === 'GET' ? undefined : {},
  });
  if (response.statusCode !== 404) return true;
  const body = response.json<{ detail?: string }>();
  return !(body.detail ?? '').startsWith('No route');
}
