/**
 * Recovery codes for an account with two-factor sign-in: ten single-use codes like
 * `7Q4MX-9XZ2R` (50 random bits each, Crockford base32), shown once; only SHA-256 digests are
 * stored (the codes are random, so a slow hash adds nothing).
 */
import { createHash, randomInt } from 'node:crypto';
import { CROCKFORD_ALPHABET } from './receipt-code.js';

export const RECOVERY_CODE_COUNT = 10;

/** New codes to show the user. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => CROCKFORD_ALPHABET[randomInt(32)]!).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** The stored digest of a code as typed: case, spaces and dashes do not matter. */
export function recoveryCodeHash(code: string): string {
  const normalised = code
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return createHash('sha256').update(`kiemchung recovery\0${normalised}`).digest('hex');
}
