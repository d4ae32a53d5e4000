/**
 * The envelope of a backup file: a small plain header, then the gzip stream, optionally
 * encrypted under a passphrase (scrypt → AES-256-GCM in authenticated chunks). Each chunk's
 * nonce carries its index and its additional data says whether it is the last one, so a chunk
 * removed, reordered or cut off is detected, not only a changed byte.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** First bytes of every backup file. */
export const BACKUP_MAGIC = Buffer.from('KCBACKUP1\n', 'latin1');
const CHUNK_BYTES = 1 << 16;
const TAG_BYTES = 16;
const KDF = { N: 1 << 15, r: 8, p: 1 } as const;

/** Why a backup cannot be read or restored; the message is meant for the operator. */
export class BackupError extends Error {
  constructor(
    readonly code:
      | 'not_a_backup'
      | 'passphrase_required'
      | 'wrong_passphrase'
      | 'corrupt'
      | 'truncated'
      | 'newer_schema'
      | 'older_schema'
      | 'schema_mismatch'
      | 'permission',
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface EnvelopeHeader {
  format: 'kiemchung-backup';
  version: 1;
  encryption: null | {
    cipher: 'aes-256-gcm';
    kdf: 'scrypt';
    N: number;
    r: number;
    p: number;
    salt: string;
    noncePrefix: string;
    /** HMAC of a constant under the key: tells a wrong passphrase from a damaged file. */
    keyCheck: string;
    chunkBytes: number;
  };
}

function deriveKey(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }) {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, {
    ...params,
    maxmem: 256 * params.N * params.r,
  });
}

const keyCheckOf = (key: Buffer) =>
  createHmac('sha256', key).update('kiemchung-backup-key-check').digest().subarray(0, 16);

/** A new header (and its key, when encrypted) for a backup being written. */
export function newEnvelope(passphrase: string | undefined): {
  header: EnvelopeHeader;
  headerBytes: Buffer;
  key: Buffer | null;
} {
  let header: EnvelopeHeader = { format: 'kiemchung-backup', version: 1, encryption: null };
  let key: Buffer | null = null;
  if (passphrase !== undefined) {
    if (passphrase.length < 8) {
      throw new BackupError(
        'passphrase_required',
        'A backup passphrase needs 8 characters at least.',
      );
    }
    const salt = randomBytes(16);
    key = deriveKey(passphrase, salt, KDF);
    header = {
      ...header,
      encryption: {
        cipher: 'aes-256-gcm',
        kdf: 'scrypt',
        ...KDF,
        salt: salt.toString('base64'),
        noncePrefix: randomBytes(8).toString('base64'),
        keyCheck: keyCheckOf(key).toString('base64'),
        chunkBytes: CHUNK_BYTES,
      },
    };
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return { header, headerBytes: Buffer.concat([BACKUP_MAGIC, length, json]), key };
}

/** Reads the header at the start of a file's first bytes; returns it and where the body starts. */
export function parseEnvelope(start: Buffer): { header: EnvelopeHeader; headerBytes: Buffer } {
  if (
    start.length < BACKUP_MAGIC.length + 4 ||
    !start.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)
  ) {
    throw new BackupError('not_a_backup', 'This file is not a Kiểm Chứng backup.');
  }
  const length = start.readUInt32BE(BACKUP_MAGIC.length);
  const end = BACKUP_MAGIC.length + 4 + length;
  if (length > 65_536 || start.length < end) {
    throw new BackupError('corrupt', 'The backup header is damaged.');
  }
  let header: EnvelopeHeader;
  try {
    header = JSON.parse(
      start.subarray(BACKUP_MAGIC.length + 4, end).toString('utf8'),
    ) as EnvelopeHeader;
  } catch {
    throw new BackupError('corrupt', 'The backup header is damaged.');
  }
  if (header.format !== 'kiemchung-backup' || header.version !== 1) {
    throw new BackupError(
      'newer_schema',
      `This backup has envelope version ${String(header.version)}, which this version of Kiểm Chứng cannot read; upgrade first.`,
    );
  }
  return { header, headerBytes: start.subarray(0, end) };
}

/** The key of an encrypted backup, after checking the passphrase against the header. */
export function keyFor(header: EnvelopeHeader, passphrase: string | undefined): Buffer | null {
  const enc = header.encryption;
  if (!enc) return null;
  if (passphrase === undefined) {
    throw new BackupError(
      'passphrase_required',
      'This backup is encrypted: give its passphrase (--passphrase-file or BACKUP_PASSPHRASE).',
    );
  }
  const key = deriveKey(passphrase, Buffer.from(enc.salt, 'base64'), enc);
  const expected = Buffer.from(enc.keyCheck, 'base64');
  const actual = keyCheckOf(key);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new BackupError('wrong_passphrase', 'Wrong passphrase for this backup.');
  }
  return key;
}

function nonceOf(prefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0, 0, 8);
  nonce.writeUInt32BE(index, 8);
  return nonce;
}

function aadOf(headerBytes: Buffer, index: number, final: boolean): Buffer {
  const tail = Buffer.alloc(5);
  tail.writeUInt32BE(index, 0);
  tail[4] = final ? 1 : 0;
  return Buffer.concat([headerBytes, tail]);
}

/** Encrypts the body in frames: u32 length, u8 final flag, ciphertext, tag. */
export function encryptStream(header: EnvelopeHeader, headerBytes: Buffer, key: Buffer): Transform {
  const prefix = Buffer.from(header.encryption!.noncePrefix, 'base64');
  let pending = Buffer.alloc(0);
  let index = 0;
  const frame = (plain: Buffer, final: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', key, nonceOf(prefix, index));
    cipher.setAAD(aadOf(headerBytes, index, final));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const head = Buffer.alloc(5);
    head.writeUInt32BE(body.length, 0);
    head[4] = final ? 1 : 0;
    index += 1;
    return Buffer.concat([head, body, cipher.getAuthTag()]);
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length > CHUNK_BYTES) {
        this.push(frame(pending.subarray(0, CHUNK_BYTES), false));
        pending = pending.subarray(CHUNK_BYTES);
      }
      done();
    },
    flush(done: TransformCallback) {
      this.push(frame(pending, true));
      done();
    },
  });
}

/** Decrypts frames written by {@link encryptStream}; any change or cut is a {@link BackupError}. */
export function decryptStream(header: EnvelopeHeader, headerBytes: Buffer, key: Buffer): Transform {
  const prefix = Buffer.from(header.encryption!.noncePrefix, 'base64');
  const maxFrame = header.encryption!.chunkBytes + 64;
  let pending = Buffer.alloc(0);
  let index = 0;
  let finished = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending = Buffer.concat([pending, chunk]);
      try {
        for (;;) {
          if (pending.length < 5) break;
          if (finished) throw new BackupError('corrupt', 'The backup has data after its end.');
          const length = pending.readUInt32BE(0);
          if (length > maxFrame) throw new BackupError('corrupt', 'The backup is damaged.');
          const final = pending[4] === 1;
          if (pending.length < 5 + length + TAG_BYTES) break;
          const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(prefix, index));
          decipher.setAAD(aadOf(headerBytes, index, final));
          decipher.setAuthTag(pending.subarray(5 + length, 5 + length + TAG_BYTES));
          let plain: Buffer;
          try {
            plain = Buffer.concat([
              decipher.update(pending.subarray(5, 5 + length)),
              decipher.final(),
            ]);
          } catch {
            throw new BackupError(
              'corrupt',
              'The backup is damaged or was altered (authentication failed).',
            );
          }
          pending = pending.subarray(5 + length + TAG_BYTES);
          index += 1;
          finished = final;
          this.push(plain);
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      if (!finished || pending.length > 0) {
        done(new BackupError('truncated', 'The backup is incomplete (cut off before its end).'));
      } else {
        done();
      }
    },
  });
}
