/** Factories that create fresh rows per test; no shared seed data. */
import { randomBytes } from 'node:crypto';
import { encryptContact } from '../src/core/contact-crypto.js';
import { totpContext } from '../src/core/credential-guard.js';
import { hashPassword } from '../src/core/password.js';
import type { Principal, Repositories } from '../src/core/ports.js';
import { generateApiToken, hashToken } from '../src/core/tokens.js';
import { createTotpSecret } from '../src/core/totp.js';
import type { Role, User } from '../src/core/types.js';

export interface TestUser {
  user: User;
  token: string;
  principal: Principal;
  /** Headers for app.inject. */
  headers: { authorization: string };
}

/** A user of `role` with an API token. */
export async function createTestUser(
  repos: Repositories,
  role: Role = 'editor',
  options: { scopes?: string[] } = {},
): Promise<TestUser> {
  const suffix = randomBytes(4).toString('hex');
  const user = await repos.users.insert({
    email: `${role}-${suffix}@test.kiemchung.invalid`,
    displayName: `Người thử ${role} ${suffix}`,
    role,
  });
  const { token, hash } = generateApiToken();
  await repos.users.createApiToken({
    userId: user.id,
    name: 'test',
    tokenHash: hash,
    scopes: options.scopes ?? ['*'],
  });
  return {
    user,
    token,
    principal: { actor: { kind: 'api_token', id: user.id }, user, scopes: options.scopes ?? ['*'] },
    headers: { authorization: `Bearer ${token}` },
  };
}

/** Values for a new claim, unique per call. */
export function buildClaim(
  overrides: Partial<{ text: string; priority: 'low' | 'normal' | 'high' | 'urgent' }> = {},
) {
  return {
    text: `Tin đồn thử nghiệm số ${randomBytes(3).toString('hex')}: nước máy nhiễm độc`,
    ...overrides,
  };
}

/** Values for a new category, unique per call. */
export function buildCategory(
  overrides: Partial<{ slug: string; nameVi: string; nameEn: string }> = {},
) {
  const suffix = randomBytes(3).toString('hex');
  return {
    slug: `chuyen-muc-${suffix}`,
    nameVi: `Chuyên mục ${suffix}`,
    nameEn: `Section ${suffix}`,
    ...overrides,
  };
}

/**
 * A published check on a new claim, written directly (the publishing rules have their own
 * tests): author and reviewer are two different fresh users.
 */
export async function insertPublishedCheck(
  repos: Repositories,
  database: { query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }> },
  input: { claimText: string; title?: string; rating?: string; summary?: string },
): Promise<{ checkId: string; claimId: string; slug: string }> {
  const author = await createTestUser(repos, 'editor');
  const reviewer = await createTestUser(repos, 'lead');
  const suffix = randomBytes(4).toString('hex');
  const { rows: claimRows } = await database.query(
    `insert into claims (text, status) values ($1, 'published') returning id`,
    [input.claimText],
  );
  const claimId = (claimRows[0] as { id: string }).id;
  const slug = `kiem-chung-${suffix}`;
  const { rows } = await database.query(
    `insert into checks (claim_id, slug, title, rating, summary, status, author_id, reviewer_id,
       published_at, first_published_at)
     values ($1, $2, $3, $4, $5, 'published', $6, $7, now(), now()) returning id`,
    [
      claimId,
      slug,
      input.title ?? input.claimText,
      input.rating ?? 'false',
      input.summary ?? 'Không đúng sự thật.',
      author.user.id,
      reviewer.user.id,
    ],
  );
  return { checkId: (rows[0] as { id: string }).id, claimId, slug };
}

/** A desk session made directly in the database (no sign-in), and the headers that carry it. */
export interface TestSession {
  sessionId: string;
  token: string;
  csrfToken: string;
  /** Cookie only: enough for reads. */
  cookie: { cookie: string };
  /** Cookie and CSRF token: what the desk sends with writes. */
  headers: { cookie: string; 'x-csrf-token': string };
}

export async function createTestSession(
  repos: Repositories,
  userId: string,
  now = new Date(),
  lifetimeMs = 7 * 24 * 3_600_000,
): Promise<TestSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const session = await repos.sessions.create({
    userId,
    tokenHash: hashToken(token),
    csrfToken,
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetimeMs),
    userAgent: 'test',
    ipHash: null,
  });
  const cookie = `kc_session=${token}`;
  return {
    sessionId: session.id,
    token,
    csrfToken,
    cookie: { cookie },
    headers: { cookie, 'x-csrf-token': csrfToken },
  };
}

/** Gives the user a password (hashed like a real one). */
export async function setTestPassword(
  repos: Repositories,
  userId: string,
  password = 'correct horse battery staple',
): Promise<string> {
  await repos.users.setPassword(userId, await hashPassword(password), new Date());
  return password;
}

/** Turns two-factor sign-in on for the user; returns the TOTP secret (base32). */
export async function enableTestTotp(
  repos: Repositories,
  userId: string,
  secretKey: string,
): Promise<string> {
  const secret = createTotpSecret();
  await repos.users.setTotp(
    userId,
    encryptContact(secret, secretKey, totpContext(userId)),
    new Date(),
  );
  return secret;
}
