/** Factories that create fresh rows per test; no shared seed data. */
import { randomBytes } from 'node:crypto';
import type { Principal, Repositories } from '../src/core/ports.js';
import { generateApiToken } from '../src/core/tokens.js';
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
): Promise<TestUser> {
  const suffix = randomBytes(4).toString('hex');
  const user = await repos.users.insert({
    email: `${role}-${suffix}@test.kiemchung.invalid`,
    displayName: `Người thử ${role} ${suffix}`,
    role,
  });
  const { token, hash } = generateApiToken();
  await repos.users.createApiToken({ userId: user.id, name: 'test', tokenHash: hash });
  return {
    user,
    token,
    principal: { actor: { kind: 'api_token', id: user.id }, user },
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
