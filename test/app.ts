/** The app over a test database, for `app.inject`. */
import type { FastifyInstance } from 'fastify';
import type { Clock, Mailer } from '../src/core/ports.js';
import { loadConfig } from '../src/config.js';
import { buildApp, type AppDependencies } from '../src/server/app.js';
import type { TestDatabase } from './db.js';

/** The instance key of test apps (TOTP secrets are encrypted under it). */
export const TEST_SECRET_KEY = 'x'.repeat(64);

export async function buildTestApp(
  db: TestDatabase,
  env: Record<string, string> = {},
  options: {
    ready?: boolean;
    clock?: Clock;
    mailer?: Mailer;
    deps?: Partial<Omit<AppDependencies, 'config' | 'database' | 'repos'>>;
  } = {},
): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', SECRET_KEY: TEST_SECRET_KEY, ...env });
  const app = await buildApp({
    config,
    database: db.database,
    repos: db.repos,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...options.deps,
  });
  if (options.ready !== false) await app.ready();
  return app;
}

/** `app.inject` as one user: `call('POST', '/api/v1/claims', body)`. */
export function caller(app: FastifyInstance, headers: Record<string, string> = {}) {
  return (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
}
