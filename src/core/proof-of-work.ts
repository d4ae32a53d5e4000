/**
 * Optional hashcash-style proof of work for the public tip form, instead of an outside captcha.
 *
 * The server issues a stateless challenge `pow1.<difficultyBits>.<expiresAtMs>.<id>.<signature>`:
 * `id` is 128 random bits (base64url) and `signature` an HMAC-SHA256 of everything before it under
 * a key derived from the instance secret, so the server keeps nothing until a solution arrives.
 * The client finds a nonce such that SHA-256(`<challenge>:<nonce>`) starts with `difficultyBits`
 * zero bits. Each extra bit doubles the client's expected work (2^bits hashes on average).
 *
 * Replays: a challenge stays solvable until it expires, so the integrator must remember the `id`
 * returned by a successful {@link verifySolution} until its `expiresAt` and refuse a second use
 * (e.g. a unique row or a cache entry with that expiry). Nothing else is needed: ids are random,
 * and expired challenges are refused here whether remembered or not.
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Secret key material: the instance secret as configured (text) or raw bytes. */
export type PowSecret = string | Uint8Array;

/** A challenge as sent to the client. */
export interface PowChallenge {
  challenge: string;
  difficultyBits: number;
  expiresAt: Date;
}

/** Why a solution was refused. */
export type PowFailureReason = 'expired' | 'bad-signature' | 'insufficient-work' | 'malformed';

/** Outcome of {@link verifySolution}; on success, the id to remember until `expiresAt`. */
export type PowVerification =
  | { ok: true; id: string; difficultyBits: number; expiresAt: Date }
  | { ok: false; reason: PowFailureReason };

/** Highest difficulty accepted: beyond this a phone would need minutes. */
export const MAX_DIFFICULTY_BITS = 32;

const PREFIX = 'pow1';
const PURPOSE = 'kiemchung pow v1';
const CHALLENGE = /^pow1\.(\d{1,2})\.(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
const NONCE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_CHALLENGE_LENGTH = 128;

function powKey(secret: PowSecret): Buffer {
  if (secret.length === 0) throw new TypeError('proof of work needs a non-empty secret');
  return Buffer.from(hkdfSync('sha256', secret, new Uint8Array(0), PURPOSE, 32));
}

function sign(secret: PowSecret, payload: string): Buffer {
  return createHmac('sha256', powKey(secret)).update(payload).digest();
}

function checkDifficulty(bits: number): void {
  if (!Number.isInteger(bits) || bits < 1 || bits > MAX_DIFFICULTY_BITS) {
    throw new RangeError(`difficultyBits must be an integer from 1 to ${MAX_DIFFICULTY_BITS}`);
  }
}

/** Number of leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Issues a signed challenge valid for `ttlMs` from `now`. */
export function issueChallenge(options: {
  secret: PowSecret;
  difficultyBits: number;
  now: Date;
  ttlMs: number;
}): PowChallenge {
  checkDifficulty(options.difficultyBits);
  if (!Number.isInteger(options.ttlMs) || options.ttlMs <= 0) {
    throw new RangeError('ttlMs must be a positive integer');
  }
  const expiresAt = new Date(options.now.getTime() + options.ttlMs);
  const id = randomBytes(16).toString('base64url');
  const payload = `${PREFIX}.${options.difficultyBits}.${expiresAt.getTime()}.${id}`;
  const challenge = `${payload}.${sign(options.secret, payload).toString('base64url')}`;
  return { challenge, difficultyBits: options.difficultyBits, expiresAt };
}

/**
 * Checks a client's solution: the challenge's shape, then its signature, then its expiry, then the
 * work. The difficulty is the one signed into the challenge, so a client cannot lower it.
 */
export function verifySolution(options: {
  secret: PowSecret;
  challenge: string;
  nonce: string;
  now: Date;
}): PowVerification {
  const { challenge, nonce } = options;
  if (challenge.length > MAX_CHALLENGE_LENGTH || !NONCE.test(nonce)) {
    return { ok: false, reason: 'malformed' };
  }
  const match = CHALLENGE.exec(challenge);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, bitsText, expiresText, id, signatureText] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const payload = challenge.slice(0, challenge.length - signatureText.length - 1);
  const given = Buffer.from(signatureText, 'base64url');
  const expected = sign(options.secret, payload);
  // Re-encoding rejects other spellings of the same signature bytes.
  if (
    given.length !== expected.length ||
    !timingSafeEqual(given, expected) ||
    given.toString('base64url') !== signatureText
  ) {
    return { ok: false, reason: 'bad-signature' };
  }
  const difficultyBits = Number(bitsText);
  const expiresAt = new Date(Number(expiresText));
  if (options.now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  const digest = createHash('sha256').update(`${challenge}:${nonce}`).digest();
  if (leadingZeroBits(digest) < difficultyBits) return { ok: false, reason: 'insufficient-work' };
  return { ok: true, id, difficultyBits, expiresAt };
}

/**
 * Finds a nonce (decimal counter) for a challenge: what the browser does, here for tests and tools.
 * About 2^difficultyBits hashes on average; 16 bits take tens of milliseconds in Node.
 */
export function solveChallenge(challenge: string, difficultyBits: number): string {
  checkDifficulty(difficultyBits);
  const prefix = createHash('sha256').update(`${challenge}:`);
  const fullBytes = difficultyBits >>> 3;
  const mask = (0xff00 >>> (difficultyBits & 7)) & 0xff;
  for (let n = 0; ; n++) {
    const digest = prefix.copy().update(String(n)).digest();
    let ok = true;
    for (let i = 0; i < fullBytes; i++) {
      if (digest[i] !== 0) {
        ok = false;
        break;
      }
    }
    if (ok && (mask === 0 || (digest[fullBytes]! & mask) === 0)) return String(n);
  }
}
