/**
 * The route × role matrix: every registered route, called anonymously and as each role with a
 * desk session. Anonymous callers get 401 unless the route is public; a role without the route's
 * permission gets 403; a role with it gets neither (a 400 for the empty body or a 404 for the
 * made-up id is fine). A route added without a stated permission stops the app from starting,
 * which fails this file first.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildTestApp, TEST_SECRET_KEY } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { createTestSession, createTestUser, enableTestTotp } from '../../test/factories.js';
import { roleAllows } from '../core/policy.js';
import { ROLES, type Role } from '../core/types.js';
import { routeAccessPlugin, type RouteAccessEntry } from './plugins/route-access.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** Routes that answer with an endless stream: called over a real socket, closed after the head. */
const STREAMS = new Set(['GET /api/v1/events']);

/** A concrete URL for a route pattern: ids are fresh UUIDs, other parameters a plain word. */
function concrete(url: string): string {
  return url
    .replace(/:id\b/g, randomUUID())
    .replace(/:[A-Za-z]+/g, 'x')
    .replace(/\*$/, 'index.html');
}

for (const target of databaseTargets()) {
  void describe(`route × role matrix on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    const userIds = new Map<Role, string>();

    before(async () => {
      db = await target.open();
      app = await buildTestApp(db, { TIP_RATE_PER_IP: '1000' });
      for (const role of ROLES) {
        const { user } = await createTestUser(db.repos, role);
        // Administrators need two-factor sign-in for anything but setting it up.
        if (role === 'admin') await enableTestTotp(db.repos, user.id, TEST_SECRET_KEY);
        userIds.set(role, user.id);
      }
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    const openStream = async (method: string, url: string, headers: Record<string, string>) => {
      if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const abort = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}${url}`, {
        method,
        headers,
        signal: abort.signal,
      });
      const body = res.ok ? '' : await res.text();
      abort.abort();
      return { statusCode: res.status, body };
    };

    const call = async (route: RouteAccessEntry, role: Role | null) => {
      const headers: Record<string, string> = {};
      if (role) {
        // A fresh session per call: some routes (sign out) end the session they are called with.
        const session = await createTestSession(db.repos, userIds.get(role)!);
        Object.assign(headers, session.headers);
      }
      if (STREAMS.has(`${route.method} ${route.url}`))
        return openStream(route.method, route.url, headers);
      return app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        headers,
        ...(BODY_METHODS.has(route.method) ? { payload: {} } : {}),
      });
    };

    test('every route states its permission and the matrix holds', async () => {
      const routes = app.routeAccess.filter((r) => r.url.startsWith('/api/'));
      assert.ok(routes.length >= 60, `only ${routes.length} routes registered`);
      for (const access of ['public', 'authenticated', 'users.manage', 'claims.update'] as const) {
        assert.ok(
          routes.some((r) => r.access === access),
          `no route with ${access}`,
        );
      }
      let refused = 0;
      const failures: string[] = [];
      for (const route of routes) {
        const label = `${route.method} ${route.url} [${route.access}]`;
        const anonymous = await call(route, null);
        if (route.access === 'public') {
          if ([401, 403].includes(anonymous.statusCode)) {
            failures.push(`${label} anonymous: ${anonymous.statusCode} ${anonymous.body}`);
          }
        } else if (anonymous.statusCode !== 401) {
          failures.push(`${label} anonymous: expected 401, got ${anonymous.statusCode}`);
        }
        for (const role of ROLES) {
          const res = await call(route, role);
          if (roleAllows(role, route.access)) {
            if ([401, 403].includes(res.statusCode)) {
              failures.push(`${label} ${role}: ${res.statusCode} ${res.body}`);
            }
          } else {
            refused += 1;
            if (res.statusCode !== 403) {
              failures.push(`${label} ${role}: expected 403, got ${res.statusCode}`);
            }
          }
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(refused > 50, 'the matrix refused almost nothing');
    });

    test("the press office's inquiry routes are in the matrix with their permissions", () => {
      const inquiryRoutes = app.routeAccess
        .filter((r) => r.url.startsWith('/api/v1/inquiries') && r.method !== 'HEAD')
        .map((r) => `${r.method} ${r.url} ${r.access}`)
        .sort();
      assert.deepEqual(inquiryRoutes, [
        'GET /api/v1/inquiries inquiries.read',
        'GET /api/v1/inquiries/:id inquiries.read',
        'POST /api/v1/inquiries/:id/answer inquiries.write',
        'POST /api/v1/inquiries/:id/assign inquiries.write',
        'POST /api/v1/inquiries/:id/close inquiries.write',
        'POST /api/v1/inquiries/:id/reopen inquiries.write',
      ]);
      for (const permission of ['inquiries.read', 'inquiries.write'] as const) {
        assert.deepEqual(
          ROLES.filter((role) => roleAllows(role, permission)),
          ['admin', 'lead', 'press'],
          permission,
        );
      }
    });

    test('every portal route is public and answers anonymous callers without an error', async () => {
      const pages = app.routeAccess.filter(
        (r) =>
          !r.url.startsWith('/api/') &&
          !r.url.startsWith('/desk') &&
          r.url !== '/metrics' &&
          r.method !== 'HEAD',
      );
      assert.ok(pages.length >= 40, `only ${pages.length} portal routes registered`);
      const failures: string[] = [];
      for (const route of pages) {
        if (route.access !== 'public')
          failures.push(`${route.method} ${route.url} is ${route.access}`);
        const res = await app.inject({
          method: route.method as 'GET',
          url: concrete(route.url),
          remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
          ...(BODY_METHODS.has(route.method)
            ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' }
            : {}),
        });
        if ([401, 403].includes(res.statusCode) || res.statusCode >= 500) {
          failures.push(`${route.method} ${route.url}: ${res.statusCode}`);
        }
      }
      assert.deepEqual(failures, []);
    });

    test('/metrics is listed and never public: loopback callers or the metrics token only', async () => {
      assert.ok(app.routeAccess.some((r) => r.method === 'GET' && r.url === '/metrics'));
      for (const role of [null, ...ROLES]) {
        const headers = role ? (await createTestSession(db.repos, userIds.get(role)!)).headers : {};
        const res = await app.inject({
          method: 'GET',
          url: '/metrics',
          remoteAddress: '198.51.100.7',
          headers,
        });
        assert.equal(res.statusCode, 403, `${role ?? 'anonymous'}: ${res.statusCode}`);
      }
    });

    test('the admin health page is for admins and leads (health.read)', async () => {
      const route = app.routeAccess.find(
        (r) => r.method === 'GET' && r.url === '/api/v1/admin/health',
      );
      assert.equal(route?.access, 'health.read');
      const allowed: Role[] = [];
      for (const role of ROLES) {
        const session = await createTestSession(db.repos, userIds.get(role)!);
        const res = await app.inject({ url: '/api/v1/admin/health', headers: session.headers });
        if (res.statusCode === 200) allowed.push(role);
        else assert.equal(res.statusCode, 403, `${role}: ${res.statusCode}`);
      }
      assert.deepEqual(allowed.sort(), ['admin', 'lead']);
    });

    test('every /api/ route the server knows is in the matrix', () => {
      const listed = new Set(app.routeAccess.map((r) => `${r.method} ${r.url}`));
      const tree = app.printRoutes({ commonPrefix: false });
      // printRoutes draws a tree: "├── /segment (GET, HEAD)", children indented by 4 columns.
      const stack: string[] = [];
      let checked = 0;
      for (const line of tree.split('\n')) {
        const match = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?/.exec(line);
        if (!match) continue;
        const depth = match[1]!.length / 4;
        stack.length = depth;
        stack.push(match[2]!);
        const path = stack.join('');
        if (!match[3] || !path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
        for (const method of match[3].split(', ')) {
          assert.ok(listed.has(`${method} ${path}`), `${method} ${path} is not listed`);
          checked += 1;
        }
      }
      assert.ok(checked >= 60, `only ${checked} routes found in the route tree`);
    });
  });
}

void test('a route under /api/ without a stated permission stops the server at start-up', async () => {
  const app = Fastify();
  await app.register(routeAccessPlugin);
  assert.throws(
    () => app.get('/api/v1/forgotten', async () => ({ open: true })),
    /GET \/api\/v1\/forgotten states no valid permission/,
  );
  // Outside /api/ (pages, assets) nothing is required; stated permissions are still enforced.
  app.get('/elsewhere', async () => 'ok');
  await app.close();
});

void test('an unknown permission name is refused too', async () => {
  const app = Fastify();
  await app.register(routeAccessPlugin);
  assert.throws(
    () =>
      app.get(
        '/api/v1/typo',
        { config: { permission: 'claims.updat' as 'claims.update' } },
        async () => 1,
      ),
    /states no valid permission/,
  );
  await app.close();
});
