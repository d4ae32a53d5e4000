/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps, what every
 * authenticator app reads) through the otpauth library. Codes one step either side of now are
 * accepted for clock drift; the caller stores the step matched so no code works twice.
 */
import { Secret, TOTP } from 'otpauth';

export const TOTP_ISSUER = 'Kiểm Chứng';
const PERIOD_SECONDS = 30;

function totpFor(secretBase32: string, label = 'account'): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret (160 bits, base32). */
export function createTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans (as a QR code) or imports. */
export function totpUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

/** The current code (tests and the demo use it). */
export function totpCode(secretBase32: string, now: Date): string {
  return totpFor(secretBase32).generate({ timestamp: now.getTime() });
}

/** The time step a code belongs to, or null when it matches none within ±1 step of `now`. */
export function matchTotp(secretBase32: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}
