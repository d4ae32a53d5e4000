/** The app over a test database, for `app.inject`. */
import type { FastifyInstance } from 'fastify';
import type { Clock, Mailer } from '../src/core/ports.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/server/app.js';
import type { TestDatabase } from './db.js';

/** The instance key of test apps (TOTP secrets are encrypted under it). */
export const TEST_SECRET_KEY = 'x'.repeat(64);

export async function buildTestApp(
  db: TestDatabase,
  env: Record<string, string> = {},
  options: { ready?: boolean; clock?: Clock; mailer?: Mailer } = {},
): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', SECRET_KEY: TEST_SECRET_KEY, ...env });
  const app = await buildApp({
    config,
    database: db.database,
    repos: db.repos,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
  });
  if (options.ready !== false) await app.ready();
  return app;
}
