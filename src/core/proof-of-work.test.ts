import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  issueChallenge,
  leadingZeroBits,
  solveChallenge,
  verifySolution,
  type PowFailureReason,
} from './proof-of-work.js';

const secret = 'c'.repeat(64);
const now = new Date('2026-11-21T07:30:00Z');
const ttlMs = 10 * 60_000;

function refused(result: ReturnType<typeof verifySolution>, reason: PowFailureReason): void {
  assert.deepEqual(result, { ok: false, reason });
}

/** A nonce whose hash has fewer than `bits` leading zero bits. */
function weakNonce(challenge: string, bits: number): string {
  for (let n = 0; ; n++) {
    const digest = createHash('sha256').update(`${challenge}:w${n}`).digest();
    if (leadingZeroBits(digest) < bits) return `w${n}`;
  }
}

describe('leadingZeroBits', () => {
  test('counts across byte boundaries', () => {
    assert.equal(leadingZeroBits(Uint8Array.from([0x80])), 0);
    assert.equal(leadingZeroBits(Uint8Array.from([0x01, 0xff])), 7);
    assert.equal(leadingZeroBits(Uint8Array.from([0x00, 0x00, 0x3f])), 18);
    assert.equal(leadingZeroBits(Uint8Array.from([0, 0])), 16);
  });
});

describe('issueChallenge', () => {
  test('encodes difficulty and expiry, with a fresh id each time', () => {
    const a = issueChallenge({ secret, difficultyBits: 12, now, ttlMs });
    const b = issueChallenge({ secret, difficultyBits: 12, now, ttlMs });
    assert.equal(a.difficultyBits, 12);
    assert.equal(a.expiresAt.getTime(), now.getTime() + ttlMs);
    assert.match(a.challenge, /^pow1\.12\.\d+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    assert.ok(!a.challenge.includes(':'));
    assert.notEqual(a.challenge, b.challenge);
  });

  test('refuses out-of-range difficulty and ttl', () => {
    for (const difficultyBits of [0, 33, 1.5, Number.NaN]) {
      assert.throws(() => issueChallenge({ secret, difficultyBits, now, ttlMs }), RangeError);
    }
    assert.throws(() => issueChallenge({ secret, difficultyBits: 8, now, ttlMs: 0 }), RangeError);
  });
});

describe('solveChallenge + verifySolution', () => {
  test('a solved challenge verifies and returns its id and expiry for replay tracking', () => {
    const issued = issueChallenge({ secret, difficultyBits: 10, now, ttlMs });
    const nonce = solveChallenge(issued.challenge, 10);
    const digest = createHash('sha256').update(`${issued.challenge}:${nonce}`).digest();
    assert.ok(leadingZeroBits(digest) >= 10);
    const result = verifySolution({ secret, challenge: issued.challenge, nonce, now });
    assert.equal(result.ok, true);
    assert.ok(result.ok);
    assert.equal(result.id, issued.challenge.split('.')[3]);
    assert.equal(result.difficultyBits, 10);
    assert.deepEqual(result.expiresAt, issued.expiresAt);
  });

  test('solves 16 bits well under a second', () => {
    // A fixed challenge whose first solution needs 69,379 hashes, just above the 65,536 expected
    // on average, so the timing measures typical work rather than luck.
    const challenge = 'kiemchung-fixed-3';
    const started = performance.now();
    const nonce = solveChallenge(challenge, 16);
    const elapsed = performance.now() - started;
    assert.equal(nonce, '69378');
    assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
  });

  test('every difficulty from 1 to 12 solves and verifies (bit masks at every offset)', () => {
    for (let bits = 1; bits <= 12; bits++) {
      const { challenge } = issueChallenge({ secret, difficultyBits: bits, now, ttlMs });
      const nonce = solveChallenge(challenge, bits);
      assert.ok(verifySolution({ secret, challenge, nonce, now }).ok, `bits ${bits}`);
    }
  });

  test('insufficient work is refused', () => {
    const { challenge } = issueChallenge({ secret, difficultyBits: 12, now, ttlMs });
    refused(
      verifySolution({ secret, challenge, nonce: weakNonce(challenge, 12), now }),
      'insufficient-work',
    );
  });

  test('expires at expiresAt, not before', () => {
    const { challenge, expiresAt } = issueChallenge({ secret, difficultyBits: 4, now, ttlMs });
    const nonce = solveChallenge(challenge, 4);
    const justBefore = new Date(expiresAt.getTime() - 1);
    assert.ok(verifySolution({ secret, challenge, nonce, now: justBefore }).ok);
    refused(verifySolution({ secret, challenge, nonce, now: expiresAt }), 'expired');
  });

  test('a lowered difficulty or extended expiry breaks the signature', () => {
    const { challenge } = issueChallenge({ secret, difficultyBits: 20, now, ttlMs });
    const parts = challenge.split('.');
    const easier = [parts[0], '1', ...parts.slice(2)].join('.');
    refused(
      verifySolution({ secret, challenge: easier, nonce: solveChallenge(easier, 1), now }),
      'bad-signature',
    );
    const later = [
      parts[0],
      parts[1],
      String(Number(parts[2]) + 3_600_000),
      ...parts.slice(3),
    ].join('.');
    refused(verifySolution({ secret, challenge: later, nonce: '1', now }), 'bad-signature');
  });

  test('another instance secret gives bad-signature', () => {
    const { challenge } = issueChallenge({ secret, difficultyBits: 4, now, ttlMs });
    const nonce = solveChallenge(challenge, 4);
    refused(verifySolution({ secret: 'd'.repeat(64), challenge, nonce, now }), 'bad-signature');
  });

  test('malformed challenges and nonces', () => {
    const { challenge } = issueChallenge({ secret, difficultyBits: 4, now, ttlMs });
    const parts = challenge.split('.');
    const badChallenges = [
      '',
      'pow1',
      challenge.replace('pow1', 'pow2'),
      `${challenge}.x`,
      parts.slice(0, 4).join('.'),
      [parts[0], 'x', ...parts.slice(2)].join('.'),
      [...parts.slice(0, 4), parts[4]!.slice(1)].join('.'),
      `${challenge}${'A'.repeat(200)}`,
    ];
    for (const c of badChallenges)
      refused(verifySolution({ secret, challenge: c, nonce: '1', now }), 'malformed');
    for (const nonce of ['', 'a:b', 'a b', 'x'.repeat(65), 'ừ']) {
      refused(verifySolution({ secret, challenge, nonce, now }), 'malformed');
    }
  });
});
