import assert from 'node:assert/strict';
import { test } from 'node:test';
import { totpCode } from './totp.js';

test('matches the RFC 6238 test vector (SHA-1, 59 s and 1111111109 s)', () => {
  // Secret "12345678901234567890" in base32; the RFC's 8-digit codes end in these 6 digits.
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  assert.equal(totpCode(secret, 59_000), '287082');
  assert.equal(totpCode(secret, 1_111_111_109_000), '081804');
});
