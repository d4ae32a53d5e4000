/**
 * Receipt codes handed to the public when they submit a tip, shaped `KC-7Q4M-9XH2-R5KD-W`:
 * the fixed prefix `KC`, three groups of four random characters (60 bits from the system's
 * CSPRNG) and a final check character. Characters come from Crockford's base32 alphabet (digits
 * and letters without I, L, O, U), so a code reads aloud and types on a phone without confusion.
 *
 * The check character is Damm's algorithm over the quasigroup x∘y = α·(x ⊕ y) in GF(32), α the
 * field's generator: its Latin-square property catches every single-character substitution and its
 * weak total anti-symmetry (with a zero diagonal) every transposition of two adjacent characters,
 * the check character included. It uses the same 32 symbols as the body, unlike Crockford's mod-37
 * check, which needs five extra symbols.
 *
 * Codes are never stored: the database keeps {@link receiptCodeDigest}, an HMAC under a key derived
 * from the instance secret, and looks the digest up by equality, so lookups do not leak timing
 * about stored codes and a leaked table cannot be turned back into codes.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Crockford's base32 alphabet; the index of a symbol is its value. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Fixed prefix of every code, so a code is recognisable in a message or a form. */
export const RECEIPT_CODE_PREFIX = 'KC';

/** Random characters in a code (5 bits each: 60 bits). */
export const RECEIPT_CODE_RANDOM_CHARS = 12;

const GROUP = 4;
const BODY_LENGTH = RECEIPT_CODE_RANDOM_CHARS + 1;
const DIGEST_INFO = 'kiemchung receipt v1';

const SYMBOL_VALUE = new Map<string, number>();
for (let v = 0; v < CROCKFORD_ALPHABET.length; v++) SYMBOL_VALUE.set(CROCKFORD_ALPHABET[v]!, v);
// Crockford's decoding is forgiving of look-alikes.
SYMBOL_VALUE.set('O', 0);
SYMBOL_VALUE.set('I', 1);
SYMBOL_VALUE.set('L', 1);

/** Multiplication by α (the class of x) in GF(2^5) = GF(2)[x] / (x^5 + x^2 + 1). */
function timesAlpha(v: number): number {
  const shifted = v << 1;
  return shifted & 0x20 ? (shifted ^ 0x25) & 0x1f : shifted;
}

/**
 * The Damm quasigroup operation on symbol values 0..31: x∘y = α·(x ⊕ y). Exported so the test can
 * prove the detection properties over the whole table.
 */
export function dammStep(interim: number, digit: number): number {
  return timesAlpha(interim ^ digit);
}

/** Damm check value of a sequence of symbol values: the symbol that brings the interim back to 0. */
export function dammCheck(values: readonly number[]): number {
  let interim = 0;
  for (const v of values) interim = dammStep(interim, v);
  // With a zero diagonal, interim∘interim = 0, so the check symbol is the final interim itself.
  return interim;
}

function format(body: string): string {
  const groups: string[] = [RECEIPT_CODE_PREFIX];
  for (let i = 0; i < RECEIPT_CODE_RANDOM_CHARS; i += GROUP) groups.push(body.slice(i, i + GROUP));
  groups.push(body.slice(RECEIPT_CODE_RANDOM_CHARS));
  return groups.join('-');
}

function codeOf(values: number[]): string {
  values.push(dammCheck(values));
  return format(values.map((v) => CROCKFORD_ALPHABET[v]).join(''));
}

/** A fresh receipt code in canonical form, e.g. `KC-7Q4M-9XH2-R5KD-W`. */
export function generateReceiptCode(): string {
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const bytes = randomBytes(RECEIPT_CODE_RANDOM_CHARS);
  return codeOf(Array.from(bytes, (b) => b & 0x1f));
}

/**
 * The receipt code with a fixed random part (12 Crockford symbols), check character added: for
 * repeatable demo content, never for real tips.
 */
export function receiptCodeFromBody(body: string): string {
  const values = [...body.toUpperCase()].map((ch) => CROCKFORD_ALPHABET.indexOf(ch));
  if (values.length !== RECEIPT_CODE_RANDOM_CHARS || values.some((v) => v < 0)) {
    throw new RangeError(`${body} is not ${RECEIPT_CODE_RANDOM_CHARS} Crockford base32 symbols`);
  }
  return codeOf(values);
}

/**
 * The canonical form of a code as a person typed it, or null when it is not a valid code.
 * Tolerates lower case, spaces, missing or extra dashes, a missing `KC` prefix, and O for 0 and
 * I/L for 1; rejects wrong length, symbols outside the alphabet (including U) and a wrong check.
 */
export function normalizeReceiptCode(input: string): string | null {
  if (input.length > 64) return null;
  let compact = input.toUpperCase().replace(/[\s\-‐-―−_.]/g, '');
  if (compact.length === BODY_LENGTH + RECEIPT_CODE_PREFIX.length) {
    if (!compact.startsWith(RECEIPT_CODE_PREFIX)) return null;
    compact = compact.slice(RECEIPT_CODE_PREFIX.length);
  }
  if (compact.length !== BODY_LENGTH) return null;
  const values: number[] = [];
  for (const ch of compact) {
    const v = SYMBOL_VALUE.get(ch);
    if (v === undefined) return null;
    values.push(v);
  }
  if (dammCheck(values) !== 0) return null;
  return format(values.map((v) => CROCKFORD_ALPHABET[v]).join(''));
}

/** Secret key material: the instance secret as configured (text) or raw bytes. */
export type SecretMaterial = string | Uint8Array;

function digestKey(secret: SecretMaterial): Buffer {
  // A key of its own, so the receipt HMAC never shares a key with contact encryption.
  return Buffer.from(hkdfSync('sha256', secret, new Uint8Array(0), DIGEST_INFO, 32));
}

/**
 * Hex HMAC-SHA256 of a canonical receipt code under a key derived from the instance secret: the
 * value to store and to look tips up by. Throws when `code` is not canonical, so two spellings of
 * one code can never produce two digests; use {@link receiptCodeLookupKey} for user input.
 */
export function receiptCodeDigest(code: string, secret: SecretMaterial): string {
  if (normalizeReceiptCode(code) !== code) {
    throw new TypeError('receiptCodeDigest expects a canonical receipt code');
  }
  return createHmac('sha256', digestKey(secret)).update(code).digest('hex');
}

/**
 * Digest to look a tip up by, from a code as a person typed it; null when the input is not a
 * valid code, so the caller can answer "not found" without touching the database.
 */
export function receiptCodeLookupKey(input: string, secret: SecretMaterial): string | null {
  const code = normalizeReceiptCode(input);
  return code === null ? null : receiptCodeDigest(code, secret);
}
