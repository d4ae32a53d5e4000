import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, passwordProblems, verifyPassword } from './password.js';
import { generateRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';
import { createTotpSecret, matchTotp, totpCode } from './totp.js';

const EMAIL = 'lan.anh@so-tt.example.vn';

void test('password rules: length, not the e-mail, not a common password', () => {
  const messages = (p: string) => passwordProblems(p, EMAIL).map((x) => x.message);
  assert.match(messages('ngắn quá')[0]!, /at least 12/);
  assert.match(messages(EMAIL.toUpperCase())[0]!, /e-mail/);
  assert.match(
    passwordProblems('Nguyen.Lan.Anh', 'nguyen.lan.anh@so-tt.example.vn')[0]!.message,
    /e-mail/,
  );
  for (const common of [
    '123456789012',
    'Password1234',
    'matkhau123456',
    'aaaaaaaaaaaa',
    'abcdefghijklm',
  ]) {
    assert.match(messages(common)[0] ?? '', /common/, common);
  }
  assert.deepEqual(messages('cà phê sữa đá lúc bảy giờ'), []);
  assert.deepEqual(messages('correct horse battery staple'), []);
  assert.match(messages('x'.repeat(257))[0]!, /at most/);
});

void test('argon2id hashes verify, and the same password in another Unicode form too', async () => {
  const stored = await hashPassword('Mật khẩu thật dài');
  assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(stored, 'Mật khẩu thật dài'.normalize('NFD')), true);
  assert.equal(await verifyPassword(stored, 'Mat khau that dai'), false);
  assert.equal(await verifyPassword('not a hash', 'anything'), false);
});

void test('TOTP codes match their time step, one step of drift either side', () => {
  const secret = createTotpSecret();
  const now = new Date('2026-03-15T09:30:10Z');
  const step = Math.floor(now.getTime() / 30_000);
  assert.equal(matchTotp(secret, totpCode(secret, now), now), step);
  const earlier = new Date(now.getTime() - 30_000);
  assert.equal(matchTotp(secret, totpCode(secret, earlier), now), step - 1);
  const old = new Date(now.getTime() - 120_000);
  assert.equal(matchTotp(secret, totpCode(secret, old), now), null);
  assert.equal(matchTotp(secret, 'abcdef', now), null);
});

void test('recovery codes are distinct and forgiving of how they are typed', () => {
  const codes = generateRecoveryCodes();
  assert.equal(new Set(codes).size, 10);
  for (const code of codes) assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  const code = codes[0]!;
  assert.equal(recoveryCodeHash(code.toLowerCase().replace('-', ' ')), recoveryCodeHash(code));
  assert.notEqual(recoveryCodeHash(codes[1]!), recoveryCodeHash(code));
});
