/**
 * Passwords: the rules a new one must meet, and hashing with argon2id (OWASP's parameters:
 * 19 MiB, 2 passes, 1 lane) through @node-rs/argon2.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.js';
import type { FieldProblem } from './errors.js';
import { ValidationError } from './errors.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// Algorithm.Argon2id: a const enum, which isolated modules cannot read.
const ARGON2_ID = 2 as Algorithm;
const ARGON2 = { algorithm: ARGON2_ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** The problems with a new password for the account `email`; empty when it is acceptable. */
export function passwordProblems(
  password: string,
  email: string,
  field = 'password',
): FieldProblem[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return [{ field, message: `must be at least ${PASSWORD_MIN_LENGTH} characters long` }];
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return [{ field, message: `must be at most ${PASSWORD_MAX_LENGTH} characters long` }];
  }
  const lower = password.normalize('NFC').toLowerCase();
  const address = email.toLowerCase();
  if (lower === address || lower === address.split('@')[0]) {
    return [{ field, message: 'must not be your e-mail address' }];
  }
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1*$/u.test(lower) || isRun(lower)) {
    return [{ field, message: 'is one of the most common passwords; choose another' }];
  }
  return [];
}

/** "0123456789…", "abcdef…" and their reverses: keyboard-free but still the first guesses. */
function isRun(text: string): boolean {
  const codes = [...text].map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  if (Math.abs(step) !== 1) return false;
  return codes.every(
    (c, i) => i === 0 || c - codes[i - 1]! === step || (c === 48 && codes[i - 1] === 57),
  );
}

/** Throws a validation error naming `field` unless the password meets the rules. */
export function assertPasswordAcceptable(
  password: string,
  email: string,
  field = 'password',
): void {
  const problems = passwordProblems(password, email, field);
  if (problems.length > 0) throw new ValidationError(problems);
}

/** An argon2id hash (PHC string) of the password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2);
}

/** Whether the password matches the stored hash; a malformed hash is a mismatch. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification without an account, so an unknown e-mail answers as
 * slowly as a wrong password.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword('kiemchung dummy password for timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
