import { createHash, randomBytes } from 'node:crypto';

/** A new API token: shown once to its owner; only its hash is stored. */
export function generateApiToken(): { token: string; hash: string } {
  const token = `kc_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

/** SHA-256 of a bearer secret (tokens are random, so no salt or slow hash is needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
