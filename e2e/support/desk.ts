/**
 * Staff accounts and signed-in desk pages for the browser tests. Each test file makes its own
 * users (no shared seed data).
 *
 * Sign-in goes through the desk's login form when the server has the accounts API
 * (POST /api/v1/auth/login). On a server without it, the page is given the user's API token (a
 * real credential the API accepts) and only the session probe GET /api/v1/auth/me is answered by
 * the test, so every other request still reaches the real server.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role, User } from '../../src/core/types.js';
import { createTestUser } from '../../test/factories.js';
import { apiGuard } from './api-guard.js';
import { hasRoute, type TestServer } from './server.js';

export interface Staff {
  user: User;
  token: string;
  email: string;
  password: string | null;
}

interface PasswordSupport {
  hashPassword(password: string): Promise<string>;
}
interface UserRepoWithPassword {
  setPassword(id: string, passwordHash: string, now: Date): Promise<unknown>;
}

/** A user of `role` with an API token and, where the accounts API exists, a password. */
export async function createStaff(server: TestServer, role: Role): Promise<Staff> {
  const created = await createTestUser(server.db.repos, role);
  const password = `Mật khẩu thử ${randomBytes(6).toString('hex')}`;
  const users = server.db.repos.users as unknown as Partial<UserRepoWithPassword>;
  let withPassword: string | null = null;
  if (typeof users.setPassword === 'function') {
    // Added by the accounts work; a computed specifier keeps this file compiling before it.
    const module = '../../src/core/password.js';
    const support = (await import(module)) as PasswordSupport;
    await users.setPassword(created.user.id, await support.hashPassword(password), new Date());
    withPassword = password;
  }
  return {
    user: created.user,
    token: created.token,
    email: created.user.email,
    password: withPassword,
  };
}

/** Whether this server signs staff in with passwords (the accounts API). */
export function hasAccounts(server: TestServer): Promise<boolean> {
  return hasRoute(server, 'POST', '/api/v1/auth/login');
}

export interface DeskPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and CSP refusals seen on the page. */
  problems: string[];
}

/** A new browser context on the desk, not signed in. */
export async function openDesk(
  browser: Browser,
  server: TestServer,
  path = '/desk/',
): Promise<DeskPage> {
  const context = await browser.newContext({ baseURL: server.origin, locale: 'vi-VN' });
  apiGuard.watch(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  await page.goto(path);
  return { context, page, problems };
}

/** A desk page signed in as `staff`, showing the queue. */
export async function signedIn(
  browser: Browser,
  server: TestServer,
  staff: Staff,
  path = '/desk/',
): Promise<DeskPage> {
  if (staff.password !== null && (await hasAccounts(server))) {
    const desk = await openDesk(browser, server, '/desk/');
    await signInWithForm(desk.page, staff.email, staff.password);
    if (path !== '/desk/') await desk.page.goto(path);
    return desk;
  }
  const context = await browser.newContext({
    baseURL: server.origin,
    locale: 'vi-VN',
    extraHTTPHeaders: { authorization: `Bearer ${staff.token}` },
  });
  apiGuard.watch(context);
  await context.route('**/api/v1/auth/me', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        user: { ...staff.user, totpEnabled: false },
        csrfToken: 'not-needed-with-a-token',
      }),
    }),
  );
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  await page.goto(path);
  return { context, page, problems };
}

/** Fills the login form and waits for the desk. */
export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hàng đợi' }).waitFor();
}
