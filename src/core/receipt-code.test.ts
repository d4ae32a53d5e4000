import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CROCKFORD_ALPHABET,
  dammCheck,
  dammStep,
  generateReceiptCode,
  normalizeReceiptCode,
  receiptCodeDigest,
  receiptCodeFromBody,
  receiptCodeLookupKey,
} from './receipt-code.js';

const SHAPE =
  /^KC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/;
const N = 32;

/** The 13 body characters of a canonical code (without prefix and dashes). */
function body(code: string): string {
  return code.slice(3).replaceAll('-', '');
}

describe('generateReceiptCode', () => {
  test('has the documented shape and a valid check character', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateReceiptCode();
      assert.match(code, SHAPE);
      assert.equal(normalizeReceiptCode(code), code);
    }
  });

  test('uses every symbol in every random position (no bias towards part of the alphabet)', () => {
    const seen = Array.from({ length: 12 }, () => new Set<string>());
    for (let i = 0; i < 2000; i++) {
      const b = body(generateReceiptCode());
      for (let p = 0; p < 12; p++) seen[p]!.add(b[p]!);
    }
    for (const s of seen) assert.equal(s.size, N);
  });

  test('does not repeat', () => {
    const codes = new Set(Array.from({ length: 5000 }, generateReceiptCode));
    assert.equal(codes.size, 5000);
  });
});

describe('Damm check over GF(32): exhaustive proof of the detection properties', () => {
  // An error at position i changes the interim state there; every later step x ↦ x∘y is a
  // bijection, so a changed state stays changed and the final state is not 0. Hence the lemmas
  // below, checked over the whole table, cover every code and every position (check included).

  test('zero diagonal: the check symbol is the final interim', () => {
    for (let x = 0; x < N; x++) assert.equal(dammStep(x, x), 0);
  });

  test('Latin square: rows and columns are permutations (single substitutions are caught)', () => {
    for (let a = 0; a < N; a++) {
      const row = new Set<number>();
      const col = new Set<number>();
      for (let b = 0; b < N; b++) {
        row.add(dammStep(a, b));
        col.add(dammStep(b, a));
      }
      assert.equal(row.size, N, `row ${a}`);
      assert.equal(col.size, N, `column ${a}`);
    }
  });

  test('weak total anti-symmetry: every adjacent transposition is caught', () => {
    let pairs = 0;
    for (let c = 0; c < N; c++) {
      for (let x = 0; x < N; x++) {
        for (let y = 0; y < N; y++) {
          if (x === y) continue;
          assert.notEqual(dammStep(dammStep(c, x), y), dammStep(dammStep(c, y), x));
          pairs++;
        }
      }
    }
    assert.equal(pairs, N * N * (N - 1));
  });

  test('every single substitution and adjacent transposition of real codes is rejected', () => {
    for (let k = 0; k < 100; k++) {
      const code = generateReceiptCode();
      const b = body(code);
      for (let p = 0; p < b.length; p++) {
        for (const s of CROCKFORD_ALPHABET) {
          if (s === b[p]) continue;
          const mutated = b.slice(0, p) + s + b.slice(p + 1);
          assert.equal(normalizeReceiptCode(mutated), null, `${code}: ${p} → ${s}`);
        }
      }
      for (let p = 0; p + 1 < b.length; p++) {
        if (b[p] === b[p + 1]) continue;
        const swapped = b.slice(0, p) + b[p + 1]! + b[p]! + b.slice(p + 2);
        assert.equal(normalizeReceiptCode(swapped), null, `${code}: swap ${p}`);
      }
    }
  });

  test('matches a hand-computed value', () => {
    // interim: 0 →(1) α·1 = 2 →(2) α·(2⊕2) = 0 →(16) α·16 = x^5 = x^2 + 1 = 5.
    assert.equal(dammCheck([1, 2, 16]), 5);
  });
});

describe('normalizeReceiptCode', () => {
  const code = generateReceiptCode();
  const b = body(code);

  test('accepts the forms people type', () => {
    const variants = [
      code,
      code.toLowerCase(),
      b,
      b.toLowerCase(),
      `KC${b}`,
      ` kc ${b.slice(0, 4)} ${b.slice(4, 8)} ${b.slice(8)} `,
      code.replaceAll('-', ' – '),
      `kc-${b.slice(0, 6)}-${b.slice(6)}`,
    ];
    for (const v of variants) assert.equal(normalizeReceiptCode(v), code, v);
  });

  test('reads O as 0 and I/L as 1', () => {
    // Build a code with 0s and 1s in its body so the look-alikes can be typed.
    const values = [0, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const check = CROCKFORD_ALPHABET[dammCheck(values)]!;
    const canonical = `KC-0101-2345-6789-${check}`;
    assert.equal(normalizeReceiptCode(canonical), canonical);
    assert.equal(normalizeReceiptCode(`kc-oIoL-2345-6789-${check}`), canonical);
    assert.equal(normalizeReceiptCode(`KC-OlOi-2345-6789-${check.toLowerCase()}`), canonical);
  });

  test('rejects wrong shapes, foreign symbols and wrong checks', () => {
    const rejects = [
      '',
      'KC',
      b.slice(0, 12),
      `${b}0`,
      `XY${b}`,
      `KC-${b.slice(0, 12)}U`,
      `KC-${b.slice(0, 12)}*`,
      `${b.slice(0, 5)}Đ${b.slice(6)}`,
      'x'.repeat(100),
    ];
    for (const r of rejects) assert.equal(normalizeReceiptCode(r), null, r);
    const wrongCheck = CROCKFORD_ALPHABET[(CROCKFORD_ALPHABET.indexOf(b[12]!) + 1) % N]!;
    assert.equal(normalizeReceiptCode(b.slice(0, 12) + wrongCheck), null);
  });
});

describe('receiptCodeDigest', () => {
  const secret = 'a'.repeat(64);

  test('is a stable keyed hash of the canonical code', () => {
    const code = generateReceiptCode();
    const digest = receiptCodeDigest(code, secret);
    assert.match(digest, /^[0-9a-f]{64}$/);
    assert.equal(receiptCodeDigest(code, secret), digest);
    assert.equal(receiptCodeDigest(code, Buffer.from(secret)), digest);
    assert.notEqual(receiptCodeDigest(code, 'b'.repeat(64)), digest);
    assert.notEqual(receiptCodeDigest(generateReceiptCode(), secret), digest);
  });

  test('refuses non-canonical input so one code has one digest', () => {
    const code = generateReceiptCode();
    assert.throws(() => receiptCodeDigest(code.toLowerCase(), secret), TypeError);
    assert.throws(() => receiptCodeDigest('KC-nope', secret), TypeError);
  });

  test('lookup key: any typed form of a code gives the stored digest; junk gives null', () => {
    const code = generateReceiptCode();
    assert.equal(
      receiptCodeLookupKey(body(code).toLowerCase(), secret),
      receiptCodeDigest(code, secret),
    );
    assert.equal(receiptCodeLookupKey('KC-0000-0000-0000-1', secret), null);
  });
});

test('a code from a fixed body is valid and repeatable; a bad body is refused', () => {
  const code = receiptCodeFromBody('7Q4M9XZ20000');
  assert.equal(code, receiptCodeFromBody('7q4m9xz20000'));
  assert.equal(normalizeReceiptCode(code), code);
  assert.match(code, /^KC-7Q4M-9XZ2-0000-[0-9A-Z]$/);
  assert.throws(() => receiptCodeFromBody('7Q4M9XZ2000U'), RangeError);
  assert.throws(() => receiptCodeFromBody('7Q4M'), RangeError);
});
