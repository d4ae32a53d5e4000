/**
 * Encryption at rest of tipsters' (and journalists') optional contact details.
 *
 * AES-256-GCM under a key derived from the instance secret with HKDF-SHA256 and the purpose label
 * `kiemchung contact v1`, a random 96-bit IV per message, and additional authenticated data that
 * binds the ciphertext to a context the caller names (e.g. the tip id): a ciphertext copied to
 * another row does not decrypt. Tokens are compact strings `v1.<iv>.<ciphertext>.<tag>`, each part
 * canonical base64url without padding.
 *
 * Key rotation: decrypt with a list of secrets, the current one first; {@link needsReencryption}
 * tells a rotation job which rows to rewrite with {@link reencryptContact}.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Secret key material: the instance secret as configured (text) or raw bytes. */
export type ContactSecret = string | Uint8Array;

/** Why a token could not be decrypted. */
export type ContactDecryptionReason = 'malformed' | 'unsupported-version' | 'authentication-failed';

/** A contact token that cannot be read: malformed, or tampered with / wrong key / wrong context. */
export class ContactDecryptionError extends Error {
  constructor(
    readonly reason: ContactDecryptionReason,
    message: string,
  ) {
    super(message);
    this.name = 'ContactDecryptionError';
  }
}

const VERSION = 'v1';
const PURPOSE = 'kiemchung contact v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function deriveKey(secret: ContactSecret): Buffer {
  if (secret.length === 0) throw new TypeError('contact encryption needs a non-empty secret');
  return Buffer.from(hkdfSync('sha256', secret, new Uint8Array(0), PURPOSE, 32));
}

function aad(context: string): Buffer {
  // The version is authenticated too, so a future format cannot be confused with this one.
  return Buffer.from(`${VERSION}\0${context}`, 'utf8');
}

/** Encrypts a contact for storage in the row named by `context`; returns a `v1.` token. */
export function encryptContact(plain: string, secret: ContactSecret, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(context));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, ciphertext, tag]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Decodes a base64url part, refusing any other spelling of the same bytes. */
function decodePart(part: string): Buffer | null {
  if (!BASE64URL.test(part)) return null;
  const bytes = Buffer.from(part, 'base64url');
  // Buffer ignores stray trailing bits; a token must have exactly one spelling.
  return bytes.toString('base64url') === part ? bytes : null;
}

interface ParsedToken {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function parseToken(token: string): ParsedToken {
  const parts = token.split('.');
  if (parts.length !== 4) {
    throw new ContactDecryptionError('malformed', 'Contact token is malformed (expected 4 parts).');
  }
  const [version, ivPart, ctPart, tagPart] = parts as [string, string, string, string];
  if (version !== VERSION) {
    throw new ContactDecryptionError(
      'unsupported-version',
      `Contact token version "${version.slice(0, 8)}" is not supported.`,
    );
  }
  const iv = decodePart(ivPart);
  const ciphertext = decodePart(ctPart);
  const tag = decodePart(tagPart);
  if (!iv || iv.length !== IV_BYTES || !ciphertext || !tag || tag.length !== TAG_BYTES) {
    throw new ContactDecryptionError('malformed', 'Contact token is malformed (bad encoding).');
  }
  return { iv, ciphertext, tag };
}

function tryDecrypt(parsed: ParsedToken, key: Buffer, context: string): string | null {
  const decipher = createDecipheriv('aes-256-gcm', key, parsed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(context));
  decipher.setAuthTag(parsed.tag);
  try {
    const plain = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
    return plain.toString('utf8');
  } catch {
    return null;
  }
}

function secretList(secrets: ContactSecret | readonly ContactSecret[]): readonly ContactSecret[] {
  const list = typeof secrets === 'string' || secrets instanceof Uint8Array ? [secrets] : secrets;
  if (list.length === 0) throw new TypeError('contact decryption needs at least one secret');
  return list;
}

/** A decrypted contact and which of the given secrets opened it (0 = current). */
export interface DecryptedContact {
  plain: string;
  secretIndex: number;
}

/**
 * Decrypts a token with the first secret that opens it (current secret first, older ones after)
 * and reports which one did. Throws {@link ContactDecryptionError} when none does.
 */
export function openContact(
  token: string,
  secrets: ContactSecret | readonly ContactSecret[],
  context: string,
): DecryptedContact {
  const parsed = parseToken(token);
  const list = secretList(secrets);
  for (let i = 0; i < list.length; i++) {
    const plain = tryDecrypt(parsed, deriveKey(list[i]!), context);
    if (plain !== null) return { plain, secretIndex: i };
  }
  throw new ContactDecryptionError(
    'authentication-failed',
    'Contact token failed authentication: it was altered, or the key or the context (row) is wrong.',
  );
}

/**
 * Decrypts a contact stored for `context`. `secrets` is the instance secret, or a list with the
 * current secret first and retired ones after. Throws {@link ContactDecryptionError} on a malformed
 * token, a tampered one, a wrong key or a wrong context (GCM cannot tell the last three apart).
 */
export function decryptContact(
  token: string,
  secrets: ContactSecret | readonly ContactSecret[],
  context: string,
): string {
  return openContact(token, secrets, context).plain;
}

/**
 * Whether a token should be rewritten under the current secret: true when it does not open with
 * `currentSecret` (it was written under a retired one, or it is damaged; {@link reencryptContact}
 * tells those apart). The context is needed because GCM authenticates with the AAD it was sealed
 * with. Throws {@link ContactDecryptionError} on a malformed token.
 */
export function needsReencryption(
  token: string,
  currentSecret: ContactSecret,
  context: string,
): boolean {
  return tryDecrypt(parseToken(token), deriveKey(currentSecret), context) === null;
}

/**
 * Re-encrypts a token under the current secret (`secrets[0]`) with a fresh IV; throws like
 * {@link decryptContact} when no secret opens it.
 */
export function reencryptContact(
  token: string,
  secrets: readonly ContactSecret[],
  context: string,
): string {
  const { plain } = openContact(token, secrets, context);
  return encryptContact(plain, secretList(secrets)[0]!, context);
}
