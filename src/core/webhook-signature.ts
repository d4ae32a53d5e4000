/**
 * Signatures of inbound webhooks from integrations, in the Stripe style:
 *
 *     Kiemchung-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 *
 * The sender may list several `v1=` values (one per secret while a secret is being rotated); the
 * receiver accepts the request when any of them matches any of its secrets and the timestamp is
 * within the tolerance window, which bounds replays. Verify the raw bytes as received: a parsed and
 * re-serialised body is not the body that was signed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Name of the HTTP header carrying the signature. */
export const WEBHOOK_SIGNATURE_HEADER = 'Kiemchung-Signature';

/** Secret shared with one integration: text or raw bytes. */
export type WebhookSecret = string | Uint8Array;

/** Why a webhook was refused. */
export type WebhookFailureReason =
  'missing-header' | 'malformed-header' | 'timestamp-outside-window' | 'bad-signature';

/** Outcome of {@link verifyWebhook}; on success, the signed timestamp and which secret matched. */
export type WebhookVerification =
  | { ok: true; timestamp: number; secretIndex: number }
  | { ok: false; reason: WebhookFailureReason };

/** Default tolerance between the signed timestamp and the receiver's clock, either way. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

const MAX_HEADER_LENGTH = 4096;
const MAX_SIGNATURES = 8;
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

function hmac(secret: WebhookSecret, timestamp: number, body: string | Uint8Array): Buffer {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return mac.digest();
}

function toSeconds(time: Date | number): number {
  return Math.floor((time instanceof Date ? time.getTime() : time * 1000) / 1000);
}

/**
 * The header value for a body signed at `timestamp` (a Date, or unix seconds), one `v1=` per
 * secret (pass two secrets while rotating).
 */
export function signWebhook(
  body: string | Uint8Array,
  secret: WebhookSecret | readonly WebhookSecret[],
  timestamp: Date | number,
): string {
  const t = toSeconds(timestamp);
  const secrets = typeof secret === 'string' || secret instanceof Uint8Array ? [secret] : secret;
  const signatures = secrets.map((s) => `v1=${hmac(s, t, body).toString('hex')}`);
  return [`t=${t}`, ...signatures].join(',');
}

interface ParsedHeader {
  timestamp: number;
  signatures: Buffer[];
}

function parseHeader(header: string): ParsedHeader | null {
  if (header.length > MAX_HEADER_LENGTH) return null;
  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const element of header.split(',')) {
    const eq = element.indexOf('=');
    if (eq <= 0) return null;
    const key = element.slice(0, eq).trim();
    const value = element.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== null || !TIMESTAMP.test(value)) return null;
      timestamp = Number(value);
    } else if (key === 'v1') {
      // Case-insensitive hex is common in other senders' libraries.
      const hex = value.toLowerCase();
      if (!HEX_SHA256.test(hex)) return null;
      signatures.push(Buffer.from(hex, 'hex'));
    }
    // Other schemes (v0, a future v2) are ignored, so senders can add them without breaking us.
  }
  if (timestamp === null || signatures.length === 0 || signatures.length > MAX_SIGNATURES) {
    return null;
  }
  return { timestamp, signatures };
}

/**
 * Verifies a webhook: header present and well-formed, timestamp within `toleranceSeconds` of
 * `now` (past or future), and some `v1` signature equal (constant time) to the HMAC under one of
 * `secrets`. The caller should also refuse a `(timestamp, signature)` pair seen before if replays
 * within the window matter for that integration.
 */
export function verifyWebhook(options: {
  rawBody: string | Uint8Array;
  header: string | readonly string[] | null | undefined;
  secrets: WebhookSecret | readonly WebhookSecret[];
  now: Date;
  toleranceSeconds?: number;
}): WebhookVerification {
  const { rawBody, now } = options;
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  // Node gives repeated headers as an array; two signature headers are ambiguous.
  if (Array.isArray(options.header) && options.header.length > 1) {
    return { ok: false, reason: 'malformed-header' };
  }
  const header = typeof options.header === 'string' ? options.header : options.header?.[0];
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing-header' };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed-header' };
  if (Math.abs(toSeconds(now) - parsed.timestamp) > tolerance) {
    return { ok: false, reason: 'timestamp-outside-window' };
  }
  const secrets =
    typeof options.secrets === 'string' || options.secrets instanceof Uint8Array
      ? [options.secrets]
      : options.secrets;
  let match = -1;
  for (let i = 0; i < secrets.length; i++) {
    const expected = hmac(secrets[i]!, parsed.timestamp, rawBody);
    // Compare against every signature without stopping early, so timing says nothing about which.
    for (const given of parsed.signatures) {
      if (timingSafeEqual(given, expected) && match === -1) match = i;
    }
  }
  if (match === -1) return { ok: false, reason: 'bad-signature' };
  return { ok: true, timestamp: parsed.timestamp, secretIndex: match };
}
