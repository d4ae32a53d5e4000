/**
 * Accounts over HTTP: sign-in and its cookie, session rotation and expiry, CSRF, throttling,
 * two-factor sign-in and recovery codes, invitations and password resets, and the users API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, TEST_SECRET_KEY } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import {
  buildClaim,
  createTestUser,
  enableTestTotp,
  setTestPassword,
  type TestUser,
} from '../../test/factories.js';
import type { Mailer } from '../core/ports.js';
import { totpCode } from '../core/totp.js';
import type { Role } from '../core/types.js';

const MINUTE = 60_000;
const PASSWORD = 'correct horse battery staple';

interface Session {
  cookie: string;
  csrfToken: string;
  /** Cookie and CSRF header, as the desk sends them. */
  headers: { cookie: string; 'x-csrf-token': string };
  body: { user: Record<string, unknown>; csrfToken: string; totpSetupRequired: boolean };
}

function cookieOf(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const session = all.find((c) => c.startsWith('kc_session='));
  assert.ok(session, `no kc_session cookie in ${JSON.stringify(all)}`);
  return session;
}

async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

for (const target of databaseTargets()) {
  void describe(`accounts API on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let mailApp: FastifyInstance;
    let now = new Date();
    const clock = () => now;
    const sent: Array<{ to: string; subject: string; text: string }> = [];
    const mailer: Mailer = { send: async (message) => void sent.push(message) };
    let admin: TestUser;
    let address = 0;
    /** A fresh client address per test, so address throttling of one test spares the others. */
    const nextAddress = () => `10.1.${Math.floor(++address / 250)}.${address % 250}`;

    const env = {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '5',
      LOGIN_THROTTLE_MINUTES: '15',
      SESSION_IDLE_MINUTES: '30',
      SESSION_ABSOLUTE_HOURS: '12',
    };

    before(async () => {
      db = await target.open();
      app = await buildTestApp(db, env, { clock });
      mailApp = await buildTestApp(db, env, { clock, mailer });
      admin = await createTestUser(db.repos, 'admin');
    });
    after(async () => {
      await app.close();
      await mailApp.close();
      await db.close();
    });

    /** A user of `role` with a password. */
    const account = async (role: Role = 'editor') => {
      const user = await createTestUser(db.repos, role);
      await setTestPassword(db.repos, user.user.id, PASSWORD);
      return user;
    };

    const login = (
      email: string,
      password = PASSWORD,
      extra: Record<string, string> = {},
      options: { cookie?: string; remoteAddress?: string; on?: FastifyInstance } = {},
    ) =>
      (options.on ?? app).inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: options.remoteAddress ?? nextAddress(),
        headers: options.cookie ? { cookie: options.cookie } : {},
        payload: { email, password, ...extra },
      });

    const signIn = async (email: string, extra: Record<string, string> = {}): Promise<Session> => {
      const res = await login(email, PASSWORD, extra);
      assert.equal(res.statusCode, 200, res.body);
      const cookie = cookieOf(res).split(';')[0]!;
      const body = res.json<Session['body']>();
      return {
        cookie,
        csrfToken: body.csrfToken,
        headers: { cookie, 'x-csrf-token': body.csrfToken },
        body,
      };
    };

    const me = (cookie: string) => app.inject({ url: '/api/v1/auth/me', headers: { cookie } });

    test('sign-in sets an httpOnly, SameSite=Lax session cookie and returns the CSRF token', async () => {
      const editor = await account('editor');
      const res = await login(editor.user.email);
      assert.equal(res.statusCode, 200, res.body);
      const cookie = cookieOf(res);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      assert.match(cookie, /Path=\//);
      assert.doesNotMatch(cookie, /Secure/i, 'plain http in tests');
      const body = res.json<Session['body']>();
      assert.deepEqual(Object.keys(body.user).sort(), [
        'displayName',
        'email',
        'id',
        'role',
        'totpEnabled',
      ]);
      assert.equal(body.totpSetupRequired, false);
      assert.ok(body.csrfToken.length >= 32);
      // Only the token's hash is stored.
      const token = cookie.split(';')[0]!.split('=')[1]!;
      const stored = await db.database.query<{ n: string }>(
        'select count(*) as n from sessions where token_hash = $1',
        [token],
      );
      assert.equal(Number(stored.rows[0]!.n), 0);

      const who = await me(cookie.split(';')[0]!);
      assert.equal(who.statusCode, 200);
      assert.equal(who.json<{ csrfToken: string }>().csrfToken, body.csrfToken);
      assert.equal((await app.inject('/api/v1/auth/me')).statusCode, 401);
    });

    test('behind TLS the cookie is Secure', async () => {
      const tls = await buildTestApp(db, { ...env, BASE_URL: 'https://kiemchung.example.org' });
      try {
        const editor = await account('editor');
        const res = await login(editor.user.email, PASSWORD, {}, { on: tls });
        assert.equal(res.statusCode, 200, res.body);
        assert.match(cookieOf(res), /Secure/);
      } finally {
        await tls.close();
      }
    });

    test('an unknown e-mail gets the same answer as a wrong password, after the same work', async () => {
      const editor = await account('editor');
      const time = async (email: string) => {
        const t0 = performance.now();
        const res = await login(email, 'wrong password 123');
        return { res, ms: performance.now() - t0 };
      };
      const wrong = await time(editor.user.email);
      const unknown = await time('nobody-here@test.kiemchung.invalid');
      assert.equal(wrong.res.statusCode, 401);
      assert.equal(unknown.res.statusCode, 401);
      const strip = (r: LightMyRequestResponse) => {
        const { instance: _i, requestId: _r, ...rest } = r.json<Record<string, unknown>>();
        return rest;
      };
      assert.deepEqual(strip(wrong.res), strip(unknown.res));
      assert.equal(strip(unknown.res).code, 'invalid_credentials');
      // Both ran argon2: the unknown address is not answered noticeably faster.
      assert.ok(unknown.ms > wrong.ms * 0.3, `unknown ${unknown.ms} ms vs wrong ${wrong.ms} ms`);
    });

    test('each sign-in makes a new session and ends the one the browser held', async () => {
      const editor = await account('editor');
      const first = await signIn(editor.user.email);
      const res = await login(editor.user.email, PASSWORD, {}, { cookie: first.cookie });
      assert.equal(res.statusCode, 200);
      const second = cookieOf(res).split(';')[0]!;
      assert.notEqual(second, first.cookie);
      const old = await me(first.cookie);
      assert.equal(old.statusCode, 401);
      assert.equal(old.json<{ code: string }>().code, 'session_expired');
      assert.equal((await me(second)).statusCode, 200);
    });

    test('sessions end after the idle limit and after the absolute limit', async () => {
      const editor = await account('editor');
      const idle = await signIn(editor.user.email);
      now = new Date(now.getTime() + 29 * MINUTE);
      assert.equal((await me(idle.cookie)).statusCode, 200, 'used within the idle limit');
      now = new Date(now.getTime() + 31 * MINUTE);
      const expired = await me(idle.cookie);
      assert.equal(expired.statusCode, 401);
      assert.equal(expired.json<{ code: string }>().code, 'session_expired');
      // An ended session is no credential, but public pages still answer.
      assert.equal(
        (await app.inject({ url: '/api/v1/categories', headers: { cookie: idle.cookie } }))
          .statusCode,
        200,
      );

      const busy = await signIn(editor.user.email);
      // Used every 25 minutes: never idle, yet over after 12 hours.
      for (let elapsed = 25; elapsed < 12 * 60; elapsed += 25) {
        now = new Date(now.getTime() + 25 * MINUTE);
        assert.equal((await me(busy.cookie)).statusCode, 200, `after ${elapsed} min`);
      }
      now = new Date(now.getTime() + 25 * MINUTE);
      assert.equal((await me(busy.cookie)).statusCode, 401, 'past the absolute limit');
    });

    test('you list your sessions and sign one out; sign-out ends the current one', async () => {
      const editor = await account('editor');
      const laptop = await signIn(editor.user.email);
      const phone = await signIn(editor.user.email);
      const list = await app.inject({ url: '/api/v1/auth/sessions', headers: laptop.headers });
      const sessions = list.json<{ items: Array<{ id: string; current: boolean }> }>().items;
      assert.equal(sessions.length, 2);
      assert.equal(sessions.filter((s) => s.current).length, 1);
      const other = sessions.find((s) => !s.current)!;
      const revoked = await app.inject({
        method: 'DELETE',
        url: `/api/v1/auth/sessions/${other.id}`,
        headers: laptop.headers,
      });
      assert.equal(revoked.statusCode, 204);
      assert.equal((await me(phone.cookie)).statusCode, 401);
      // Someone else's session is not yours to end.
      const stranger = await signIn((await account('lead')).user.email);
      const foreign = await app.inject({
        method: 'DELETE',
        url: `/api/v1/auth/sessions/${(await app.inject({ url: '/api/v1/auth/sessions', headers: stranger.headers })).json<{ items: Array<{ id: string }> }>().items[0]!.id}`,
        headers: laptop.headers,
      });
      assert.equal(foreign.statusCode, 404);
      assert.equal((await me(stranger.cookie)).statusCode, 200);

      const out = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: laptop.headers,
      });
      assert.equal(out.statusCode, 204);
      assert.match(cookieOf(out), /kc_session=;/);
      assert.equal((await me(laptop.cookie)).statusCode, 401);
    });

    test('cookie writes need the CSRF token and the same origin; bearer tokens need neither', async () => {
      const editor = await account('editor');
      const session = await signIn(editor.user.email);
      const claims = async () =>
        Number(
          (await db.database.query<{ n: string }>('select count(*) as n from claims')).rows[0]!.n,
        );
      const before = await claims();
      const post = (headers: Record<string, string>) =>
        app.inject({ method: 'POST', url: '/api/v1/claims', headers, payload: buildClaim() });

      const missing = await post({ cookie: session.cookie });
      assert.equal(missing.statusCode, 403);
      assert.equal(missing.json<{ code: string }>().code, 'csrf');
      const wrong = await post({ cookie: session.cookie, 'x-csrf-token': 'x'.repeat(43) });
      assert.equal(wrong.statusCode, 403);
      assert.equal(wrong.json<{ code: string }>().code, 'csrf');
      const otherSession = await signIn(editor.user.email);
      const borrowed = await post({
        cookie: session.cookie,
        'x-csrf-token': otherSession.csrfToken,
      });
      assert.equal(borrowed.statusCode, 403, "another session's token does not fit");
      const crossSite = await post({ ...session.headers, origin: 'https://evil.example' });
      assert.equal(crossSite.statusCode, 403);
      assert.equal(crossSite.json<{ code: string }>().code, 'csrf');
      const crossSiteLogin = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: 'https://evil.example' },
        payload: { email: editor.user.email, password: PASSWORD },
      });
      assert.equal(crossSiteLogin.statusCode, 403, 'no sign-in from another site');
      assert.equal(await claims(), before, 'nothing was stored');

      const sameOrigin = await post({ ...session.headers, origin: 'http://127.0.0.1:3000' });
      assert.equal(sameOrigin.statusCode, 201, sameOrigin.body);
      const bearer = await post({ ...editor.headers, origin: 'https://elsewhere.example' });
      assert.equal(bearer.statusCode, 201, bearer.body);
      // Reads need no CSRF token.
      assert.equal(
        (await app.inject({ url: '/api/v1/claims', headers: { cookie: session.cookie } }))
          .statusCode,
        200,
      );
      // A public write with the cookie but without the token runs as the anonymous public.
      const tip = await app.inject({
        method: 'POST',
        url: '/api/v1/tips',
        headers: { cookie: session.cookie },
        payload: { text: 'Nghe nói ngày mai cắt điện toàn thành phố, có đúng không?' },
      });
      assert.equal(tip.statusCode, 201, tip.body);
    });

    test('failed sign-ins are throttled per account and per address, known or not', async () => {
      const editor = await account('editor');
      const from = nextAddress();
      for (let i = 0; i < 3; i += 1) {
        const res = await login(
          editor.user.email,
          `wrong password ${i}xx`,
          {},
          { remoteAddress: nextAddress() },
        );
        assert.equal(res.statusCode, 401);
      }
      const blocked = await login(editor.user.email, PASSWORD, {}, { remoteAddress: from });
      assert.equal(blocked.statusCode, 429, 'even the right password waits');
      assert.equal(blocked.json<{ code: string }>().code, 'rate_limited');
      const retryAfter = Number(blocked.headers['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`);

      // An unknown address is throttled the same way: 429 says nothing about existence.
      const ghost = 'ghost-account@test.kiemchung.invalid';
      for (let i = 0; i < 3; i += 1) await login(ghost, `wrong password ${i}xx`);
      assert.equal((await login(ghost, 'wrong password xx')).statusCode, 429);

      now = new Date(now.getTime() + 16 * MINUTE);
      assert.equal((await login(editor.user.email)).statusCode, 200, 'the window has passed');

      // One address trying many accounts.
      const attacker = nextAddress();
      for (let i = 0; i < 5; i += 1) {
        const res = await login(
          `victim-${i}@test.kiemchung.invalid`,
          'guess guess guess',
          {},
          {
            remoteAddress: attacker,
          },
        );
        assert.equal(res.statusCode, 401);
      }
      const fromAttacker = await login(
        editor.user.email,
        PASSWORD,
        {},
        { remoteAddress: attacker },
      );
      assert.equal(fromAttacker.statusCode, 429);
      assert.equal(
        (await login(editor.user.email, PASSWORD, {}, { remoteAddress: nextAddress() })).statusCode,
        200,
        'other addresses are not affected',
      );
    });

    test('two-factor sign-in: set up, codes once each, recovery codes once each, turn off', async () => {
      const editor = await account('editor');
      const session = await signIn(editor.user.email);
      const setup = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/setup',
        headers: session.headers,
      });
      assert.equal(setup.statusCode, 200, setup.body);
      const { secret, uri } = setup.json<{ secret: string; uri: string }>();
      assert.match(uri, /^otpauth:\/\/totp\/.*secret=/);
      const stored = await db.database.query<{ totp_secret_encrypted: string }>(
        'select totp_secret_encrypted from users where id = $1',
        [editor.user.id],
      );
      assert.ok(!stored.rows[0]!.totp_secret_encrypted.includes(secret), 'stored encrypted');

      const wrongConfirm = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/confirm',
        headers: session.headers,
        payload: { code: totpCode(secret, new Date(now.getTime() + 10 * MINUTE)) },
      });
      assert.equal(wrongConfirm.statusCode, 400);
      const confirm = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/confirm',
        headers: session.headers,
        payload: { code: totpCode(secret, now) },
      });
      assert.equal(confirm.statusCode, 200, confirm.body);
      const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
      assert.equal(recoveryCodes.length, 10);
      assert.equal(new Set(recoveryCodes).size, 10);

      const noCode = await login(editor.user.email);
      assert.equal(noCode.statusCode, 401);
      assert.equal(noCode.json<{ code: string }>().code, 'totp_required');
      // The code that confirmed the set-up was used already.
      const replayed = await login(editor.user.email, PASSWORD, { totp: totpCode(secret, now) });
      assert.equal(replayed.json<{ code: string }>().code, 'totp_invalid');
      now = new Date(now.getTime() + 30_000);
      const code = totpCode(secret, now);
      const ok = await login(editor.user.email, PASSWORD, { totp: code });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json<{ user: { totpEnabled: boolean } }>().user.totpEnabled, true);
      const again = await login(editor.user.email, PASSWORD, { totp: code });
      assert.equal(again.statusCode, 401, 'the same code twice');
      assert.equal(again.json<{ code: string }>().code, 'totp_invalid');

      const recovery = recoveryCodes[0]!;
      const withRecovery = await login(editor.user.email, PASSWORD, {
        recoveryCode: recovery.toLowerCase().replace('-', ' '),
      });
      assert.equal(withRecovery.statusCode, 200, withRecovery.body);
      const recoveryAgain = await login(editor.user.email, PASSWORD, { recoveryCode: recovery });
      assert.equal(recoveryAgain.json<{ code: string }>().code, 'totp_invalid');
      const status = await app.inject({ url: '/api/v1/auth/totp', headers: session.headers });
      assert.deepEqual(status.json(), { enabled: true, recoveryCodesLeft: 9 });

      now = new Date(now.getTime() + 30_000);
      const off = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/disable',
        headers: session.headers,
        payload: { password: PASSWORD, code: totpCode(secret, now) },
      });
      assert.equal(off.statusCode, 204, off.body);
      assert.equal((await login(editor.user.email)).statusCode, 200);
    });

    test('an administrator without two-factor may only set it up, then works in the same session', async () => {
      const boss = await account('admin');
      const session = await signIn(boss.user.email);
      assert.equal(session.body.totpSetupRequired, true);
      const blocked = await app.inject({ url: '/api/v1/users', headers: session.headers });
      assert.equal(blocked.statusCode, 403);
      assert.equal(blocked.json<{ code: string }>().code, 'totp_setup_required');
      const setup = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/setup',
        headers: session.headers,
      });
      const { secret } = setup.json<{ secret: string }>();
      const confirm = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/confirm',
        headers: session.headers,
        payload: { code: totpCode(secret, now) },
      });
      assert.equal(confirm.statusCode, 200);
      assert.equal(
        (await app.inject({ url: '/api/v1/users', headers: session.headers })).statusCode,
        200,
      );
      const off = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/disable',
        headers: session.headers,
        payload: { password: PASSWORD, code: '000000' },
      });
      assert.equal(off.statusCode, 403, 'administrators keep two-factor on');
    });

    test('an invitation link sets the password once and expires', async () => {
      const invite = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: {
          email: 'moi.vao@test.kiemchung.invalid',
          displayName: 'Người mới',
          role: 'contributor',
        },
      });
      assert.equal(invite.statusCode, 201, invite.body);
      const { user, invitation } = invite.json<{
        user: { id: string; hasPassword: boolean };
        invitation: { delivery: string; link: string };
      }>();
      assert.equal(user.hasPassword, false);
      assert.equal(invitation.delivery, 'link', 'no SMTP: the administrator passes the link on');
      const token = new URL(invitation.link).hash.replace('#token=', '');
      assert.ok(token.length >= 40);
      const stored = await db.database.query<{ token_hash: string }>(
        'select token_hash from account_tokens where user_id = $1',
        [user.id],
      );
      assert.notEqual(stored.rows[0]!.token_hash, token, 'only the hash is stored');
      assert.equal(
        (await login('moi.vao@test.kiemchung.invalid', 'anything at all')).statusCode,
        401,
      );

      const accept = (password: string, t = token) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/invitation/accept',
          payload: { token: t, password },
        });
      const weak = await accept('password1234');
      assert.equal(weak.statusCode, 400);
      assert.equal(weak.json<{ errors: Array<{ field: string }> }>().errors[0]!.field, 'password');
      assert.equal((await accept('moi.vao@test.kiemchung.invalid')).statusCode, 400);
      const ok = await accept(PASSWORD);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal((await login('moi.vao@test.kiemchung.invalid')).statusCode, 200);
      const reused = await accept(PASSWORD);
      assert.equal(reused.statusCode, 410);
      assert.equal(reused.json<{ code: string }>().code, 'token_used');
      const garbage = await accept(PASSWORD, 'not-a-real-token');
      assert.equal(garbage.statusCode, 400);
      assert.equal(garbage.json<{ code: string }>().code, 'token_invalid');

      const late = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { email: 'tre.hen@test.kiemchung.invalid', displayName: 'Trễ hẹn', role: 'press' },
      });
      const lateToken = new URL(
        late.json<{ invitation: { link: string } }>().invitation.link,
      ).hash.slice(7);
      now = new Date(now.getTime() + 8 * 24 * 60 * MINUTE);
      const expired = await accept(PASSWORD, lateToken);
      assert.equal(expired.statusCode, 410);
      assert.equal(expired.json<{ code: string }>().code, 'token_expired');
    });

    test('a password reset ends every session; used or expired links are refused', async () => {
      const editor = await account('editor');
      const a = await signIn(editor.user.email);
      const b = await signIn(editor.user.email);
      const reset = async () => {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/users/${editor.user.id}/password-reset`,
          headers: admin.headers,
        });
        assert.equal(res.statusCode, 200, res.body);
        return new URL(res.json<{ link: string }>().link).hash.slice(7);
      };
      const complete = (token: string, password: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/password-reset/complete',
          payload: { token, password },
        });
      const stale = await reset();
      const token = await reset();
      assert.equal(
        (await complete(stale, 'a brand new passphrase')).json<{ code: string }>().code,
        'token_used',
        'a newer link retires the older one',
      );
      const done = await complete(token, 'a brand new passphrase');
      assert.equal(done.statusCode, 200, done.body);
      assert.equal((await me(a.cookie)).statusCode, 401);
      assert.equal((await me(b.cookie)).statusCode, 401);
      assert.equal((await login(editor.user.email)).statusCode, 401, 'the old password is gone');
      assert.equal((await login(editor.user.email, 'a brand new passphrase')).statusCode, 200);
      const reused = await complete(token, 'yet another passphrase');
      assert.equal(reused.statusCode, 410);
      assert.equal(reused.json<{ code: string }>().code, 'token_used');

      const late = await reset();
      now = new Date(now.getTime() + 61 * MINUTE);
      const expired = await complete(late, 'yet another passphrase');
      assert.equal(expired.statusCode, 410);
      assert.equal(expired.json<{ code: string }>().code, 'token_expired');
    });

    test('"forgot my password" answers the same for any address and e-mails known ones', async () => {
      const editor = await account('editor');
      const ask = (email: string) =>
        mailApp.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
      const unknown = await ask('who-is-this@test.kiemchung.invalid');
      const known = await ask(editor.user.email.toUpperCase());
      assert.equal(unknown.statusCode, 202);
      assert.equal(known.statusCode, 202);
      assert.equal(unknown.body, known.body);
      await waitFor(() => sent.some((m) => m.to === editor.user.email));
      const mail = sent.find((m) => m.to === editor.user.email)!;
      const link = /https?:\/\/\S+#token=(\S+)/.exec(mail.text);
      assert.ok(link?.[1], mail.text);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(!sent.some((m) => m.to.startsWith('who-is-this')), 'nothing sent to strangers');
      const done = await mailApp.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/complete',
        payload: { token: link[1], password: 'mailed reset passphrase' },
      });
      assert.equal(done.statusCode, 200, done.body);

      // With SMTP, an invitation goes by e-mail and the link is not shown.
      const invite = await mailApp.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: {
          email: 'qua.thu@test.kiemchung.invalid',
          displayName: 'Qua thư',
          role: 'editor',
        },
      });
      assert.equal(invite.statusCode, 201, invite.body);
      assert.deepEqual(Object.keys(invite.json<{ invitation: object }>().invitation).sort(), [
        'delivery',
        'expiresAt',
      ]);
      assert.ok(sent.some((m) => m.to === 'qua.thu@test.kiemchung.invalid'));
    });

    test('administrators list users without secrets, change roles, disable and reset two-factor', async () => {
      const editor = await account('editor');
      const secret = await enableTestTotp(db.repos, editor.user.id, TEST_SECRET_KEY);
      const session = await signIn(editor.user.email, { totp: totpCode(secret, now) });
      const list = await app.inject({ url: '/api/v1/users', headers: admin.headers });
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /argon2|password_?hash|totpSecret|v1\./i);
      const row = list
        .json<{ items: Array<{ id: string; version: number; totpEnabled: boolean }> }>()
        .items.find((u) => u.id === editor.user.id)!;
      assert.equal(row.totpEnabled, true);

      const patch = (payload: Record<string, unknown>, id = editor.user.id) =>
        app.inject({
          method: 'PATCH',
          url: `/api/v1/users/${id}`,
          headers: admin.headers,
          payload,
        });
      const promoted = await patch({ version: row.version, role: 'lead' });
      assert.equal(promoted.statusCode, 200, promoted.body);
      const stale = await patch({ version: row.version, role: 'press' });
      assert.equal(stale.statusCode, 409);
      const disabled = await patch({ version: row.version + 1, disabled: true });
      assert.equal(disabled.statusCode, 200);
      assert.equal((await me(session.cookie)).statusCode, 401, 'disabling ends sessions');
      const refused = await login(editor.user.email, PASSWORD, { totp: '123456' });
      assert.equal(refused.json<{ code: string }>().code, 'invalid_credentials');
      const enabled = await patch({ version: row.version + 2, disabled: false });
      assert.equal(enabled.json<{ disabledAt: string | null }>().disabledAt, null);

      const reset = await app.inject({
        method: 'POST',
        url: `/api/v1/users/${editor.user.id}/totp-reset`,
        headers: admin.headers,
      });
      assert.equal(reset.json<{ totpEnabled: boolean }>().totpEnabled, false);
      assert.equal((await login(editor.user.email)).statusCode, 200, 'password alone again');

      // The last active administrator cannot be demoted or disabled.
      const admins = await db.database.query<{ id: string; version: number }>(
        `select id, version from users where role = 'admin' and disabled_at is null`,
      );
      for (const other of admins.rows.filter((r) => r.id !== admin.user.id)) {
        await patch({ version: other.version, role: 'editor' }, other.id);
      }
      const self = (await db.repos.users.findAccount(admin.user.id))!;
      const last = await patch({ version: self.version, role: 'editor' }, admin.user.id);
      assert.equal(last.statusCode, 422, last.body);
      assert.equal((await db.repos.users.findAccount(admin.user.id))!.role, 'admin');
    });

    test("every desk role sees colleagues' names for assigning and mentioning, nothing more", async () => {
      const contributor = await createTestUser(db.repos, 'contributor');
      const gone = await createTestUser(db.repos, 'editor');
      await db.database.query('update users set disabled_at = now() where id = $1', [gone.user.id]);
      const res = await app.inject({
        url: '/api/v1/users/directory',
        headers: contributor.headers,
      });
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json<{ items: Array<Record<string, string>> }>().items;
      const adminRow = items.find((u) => u.id === admin.user.id);
      assert.deepEqual(adminRow, {
        id: admin.user.id,
        displayName: admin.user.displayName,
        role: 'admin',
        handle: admin.user.email.split('@')[0],
      });
      assert.ok(!items.some((u) => u.id === gone.user.id), 'disabled accounts are left out');
      assert.doesNotMatch(res.body, /@test\.kiemchung\.invalid/, 'no e-mail addresses');
      const full = await app.inject({ url: '/api/v1/users', headers: contributor.headers });
      assert.equal(full.statusCode, 403);
      assert.equal((await app.inject({ url: '/api/v1/users/directory' })).statusCode, 401);
    });
  });
}
