import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { buildApp } from './app.js';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/desk/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

async function appWithDesk(db: TestDatabase, deskDir: string): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(64) });
  const app = await buildApp({ config, database: db.database, repos: db.repos, deskDir });
  await app.ready();
  return app;
}

describe('the desk at /desk/', () => {
  let db: TestDatabase;
  let dir: string;
  let app: FastifyInstance;

  before(async () => {
    db = await databaseTargets()[0]!.open();
    dir = mkdtempSync(join(tmpdir(), 'kc-desk-'));
    const desk = join(dir, 'desk');
    mkdirSync(join(desk, 'assets'), { recursive: true });
    writeFileSync(join(desk, 'index.html'), INDEX);
    writeFileSync(join(desk, 'assets', 'index-abc123.js'), 'console.log(1);');
    app = await appWithDesk(db, desk);
  });
  after(async () => {
    await app?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('index.html with the CSP, revalidated on every load', async () => {
    const response = await app.inject({ method: 'GET', url: '/desk/' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /text\/html/);
    assert.equal(response.headers['cache-control'], 'no-cache');
    assert.match(String(response.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(response.body, INDEX);
  });

  test('/desk redirects to /desk/', async () => {
    const response = await app.inject({ method: 'GET', url: '/desk' });
    assert.equal(response.statusCode, 302);
    assert.equal(response.headers.location, '/desk/');
  });

  test('hashed assets are cached for a year', async () => {
    const response = await app.inject({ method: 'GET', url: '/desk/assets/index-abc123.js' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  test("the app's own routes get index.html; a missing asset is a 404", async () => {
    const route = await app.inject({ method: 'GET', url: '/desk/claims/123?x=1' });
    assert.equal(route.statusCode, 200);
    assert.equal(route.body, INDEX);
    const asset = await app.inject({ method: 'GET', url: '/desk/assets/gone-1234.js' });
    assert.equal(asset.statusCode, 404);
    assert.equal(asset.json<{ code: string }>().code, 'not_found');
    const api = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    assert.equal(api.statusCode, 404, 'the API keeps its own 404');
  });

  test('without a build, /desk/ says how to build it', async () => {
    const bare = await appWithDesk(db, join(dir, 'missing'));
    try {
      const response = await bare.inject({ method: 'GET', url: '/desk/' });
      assert.equal(response.statusCode, 503);
      assert.match(response.body, /npm run build/);
    } finally {
      await bare.close();
    }
  });
});
