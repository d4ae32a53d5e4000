import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  ContactDecryptionError,
  decryptContact,
  encryptContact,
  needsReencryption,
  openContact,
  reencryptContact,
} from './contact-crypto.js';

const SECRET = 'f'.repeat(64);
const OLD_SECRET = '0123456789abcdef'.repeat(4);
const CONTEXT = 'tip:0b7c6f5e-1f0a-4c59-9f4e-6d1d8a2c1a11';

function rejects(fn: () => unknown, reason: ContactDecryptionError['reason']): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ContactDecryptionError);
    assert.equal(error.reason, reason);
    return true;
  });
}

/** Flips one bit of one byte of the given part, keeping canonical base64url. */
function tamperPart(token: string, index: number, byte = 0): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[byte] = bytes[byte]! ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('encryptContact / decryptContact', () => {
  test('round trip with the documented token shape', () => {
    const token = encryptContact('0912 345 678', SECRET, CONTEXT);
    assert.match(token, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    assert.equal(decryptContact(token, SECRET, CONTEXT), '0912 345 678');
  });

  test('Vietnamese text, e-mail, emoji and the empty string survive', () => {
    for (const plain of [
      'Nguyễn Thị Hồng Nhung, Zalo 0987654321, ở phường Bến Thành',
      'hoà.nguyen@example.vn',
      'gọi sau 18h 📞',
      '',
    ]) {
      assert.equal(decryptContact(encryptContact(plain, SECRET, CONTEXT), SECRET, CONTEXT), plain);
    }
  });

  test('the same contact encrypts differently each time (random IV)', () => {
    const a = encryptContact('a@b.vn', SECRET, CONTEXT);
    const b = encryptContact('a@b.vn', SECRET, CONTEXT);
    assert.notEqual(a, b);
    assert.notEqual(a.split('.')[1], b.split('.')[1]);
  });

  test('raw-byte secrets work and differ from others', () => {
    const key = randomBytes(32);
    const token = encryptContact('x', key, CONTEXT);
    assert.equal(decryptContact(token, key, CONTEXT), 'x');
    rejects(() => decryptContact(token, randomBytes(32), CONTEXT), 'authentication-failed');
  });

  test('tampering with the IV, the ciphertext or the tag fails authentication', () => {
    const token = encryptContact('Số điện thoại: 0912345678', SECRET, CONTEXT);
    for (const part of [1, 2, 3]) {
      for (const byte of [0, 5, 11]) {
        rejects(
          () => decryptContact(tamperPart(token, part, byte), SECRET, CONTEXT),
          'authentication-failed',
        );
      }
    }
  });

  test('truncated or extended ciphertext fails', () => {
    const token = encryptContact('0912345678', SECRET, CONTEXT);
    const parts = token.split('.');
    const ct = Buffer.from(parts[2]!, 'base64url');
    for (const changed of [ct.subarray(0, ct.length - 1), Buffer.concat([ct, Buffer.from([0])])]) {
      const t = [parts[0], parts[1], changed.toString('base64url'), parts[3]].join('.');
      rejects(() => decryptContact(t, SECRET, CONTEXT), 'authentication-failed');
    }
  });

  test('non-canonical base64url spellings and wrong sizes are malformed', () => {
    const token = encryptContact('x', SECRET, CONTEXT);
    const parts = token.split('.');
    // A 16-byte tag is 22 characters; the last one carries 4 unused bits.
    const tag = parts[3]!;
    const last = tag[21]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = [...alphabet].find(
      (c) =>
        c !== last &&
        Buffer.from(tag.slice(0, 21) + c, 'base64url').equals(Buffer.from(tag, 'base64url')),
    );
    assert.ok(sameBytes, 'a second spelling of the tag exists');
    const cases = [
      [parts[0], parts[1], parts[2], tag.slice(0, 21) + sameBytes].join('.'),
      [parts[0], parts[1], parts[2], `${tag}==`].join('.'),
      [parts[0], parts[1], parts[2], tag.slice(0, 20)].join('.'),
      [parts[0], parts[1]!.slice(0, 12), parts[2], tag].join('.'),
      [parts[0], parts[1], `${parts[2]}+`, tag].join('.'),
      parts.slice(0, 3).join('.'),
      `${token}.x`,
      '',
      'not a token',
    ];
    for (const c of cases) rejects(() => decryptContact(c, SECRET, CONTEXT), 'malformed');
  });

  test('an unknown version is refused', () => {
    const token = encryptContact('x', SECRET, CONTEXT);
    rejects(() => decryptContact(`v2${token.slice(2)}`, SECRET, CONTEXT), 'unsupported-version');
  });

  test('a ciphertext moved to another row (context) does not decrypt', () => {
    const token = encryptContact('0912345678', SECRET, 'tip:1');
    rejects(() => decryptContact(token, SECRET, 'tip:2'), 'authentication-failed');
    rejects(() => decryptContact(token, SECRET, ''), 'authentication-failed');
  });

  test('a wrong key does not decrypt, with a clear message', () => {
    const token = encryptContact('0912345678', SECRET, CONTEXT);
    assert.throws(
      () => decryptContact(token, OLD_SECRET, CONTEXT),
      /altered, or the key or the context/,
    );
  });

  test('an empty secret is refused', () => {
    assert.throws(() => encryptContact('x', '', CONTEXT), TypeError);
  });
});

describe('key rotation', () => {
  test('an old key still decrypts when listed after the current one', () => {
    const old = encryptContact('cũ@example.vn', OLD_SECRET, CONTEXT);
    const current = encryptContact('mới@example.vn', SECRET, CONTEXT);
    const keys = [SECRET, OLD_SECRET];
    assert.equal(decryptContact(old, keys, CONTEXT), 'cũ@example.vn');
    assert.equal(decryptContact(current, keys, CONTEXT), 'mới@example.vn');
    assert.equal(openContact(old, keys, CONTEXT).secretIndex, 1);
    assert.equal(openContact(current, keys, CONTEXT).secretIndex, 0);
    rejects(() => decryptContact(old, [SECRET], CONTEXT), 'authentication-failed');
    assert.throws(() => decryptContact(old, [], CONTEXT), TypeError);
  });

  test('needsReencryption flags tokens under a retired key only', () => {
    const old = encryptContact('x', OLD_SECRET, CONTEXT);
    const current = encryptContact('x', SECRET, CONTEXT);
    assert.equal(needsReencryption(old, SECRET, CONTEXT), true);
    assert.equal(needsReencryption(current, SECRET, CONTEXT), false);
    assert.throws(() => needsReencryption('v1.x', SECRET, CONTEXT), ContactDecryptionError);
  });

  test('reencryptContact rewrites under the current key', () => {
    const old = encryptContact('Trần Văn Bình 0903 111 222', OLD_SECRET, CONTEXT);
    const fresh = reencryptContact(old, [SECRET, OLD_SECRET], CONTEXT);
    assert.equal(needsReencryption(fresh, SECRET, CONTEXT), false);
    assert.equal(decryptContact(fresh, SECRET, CONTEXT), 'Trần Văn Bình 0903 111 222');
    rejects(() => decryptContact(fresh, OLD_SECRET, CONTEXT), 'authentication-failed');
  });
});
