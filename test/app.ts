/** The app over a test database, for `app.inject`. */
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/server/app.js';
import type { TestDatabase } from './db.js';

export async function buildTestApp(
  db: TestDatabase,
  env: Record<string, string> = {},
  options: { ready?: boolean } = {},
): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(64), ...env });
  const app = await buildApp({ config, database: db.database, repos: db.repos });
  if (options.ready !== false) await app.ready();
  return app;
}
