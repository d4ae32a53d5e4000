import { createHash } from 'node:crypto';
import type { ChangeFeed } from './events.js';
import { SILENT_FEED } from './events.js';
import { NotFoundError, ValidationError } from './errors.js';
import { authorize } from './policy.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { found, record } from './service-support.js';
import type { Evidence, EvidenceKind, Snapshot } from './types.js';
import { sniffUpload } from './upload-policy.js';
import { canonicalizeUrl } from './url.js';

export interface EvidenceCreateInput {
  kind: Exclude<EvidenceKind, 'file'>;
  title: string;
  url?: string | undefined;
  note?: string | undefined;
}

/** A document fetched for a snapshot: its bytes and, for pages, the readable text. */
export interface FetchedDocument {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string | null;
  body: Uint8Array;
  title: string | null;
  text: string;
}

/**
 * Fetches a URL for a snapshot through the product's guarded fetcher (no private addresses,
 * size and time capped); throws FetchFailedError when it cannot.
 */
export type DocumentFetcher = (url: string) => Promise<FetchedDocument>;

export interface EvidenceOptions {
  fetchDocument?: DocumentFetcher | undefined;
  /** Largest uploaded file, in bytes. */
  maxUploadBytes: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Evidence attached to a claim while it is researched: links with snapshots, files, notes. */
export function createEvidenceService(
  repos: Repositories,
  clock: Clock,
  options: EvidenceOptions = { maxUploadBytes: 20 * 1024 * 1024 },
  feed: ChangeFeed = SILENT_FEED,
) {
  async function store(
    principal: Principal & { user: NonNullable<Principal['user']> },
    claimId: string,
    values: Parameters<Repositories['evidence']['insert']>[0],
    blob?: { sha256: string; mime: string; data: Uint8Array },
    snapshot?: Omit<Snapshot, 'id'>,
  ): Promise<Evidence> {
    const evidence = await repos.transaction(async (tx) => {
      await found(tx.claims.findById(claimId), 'Claim', claimId);
      if (blob) await tx.files.putBlob(blob);
      const stored = snapshot
        ? await tx.files.insertSnapshot({ ...snapshot, storageKey: snapshot.sha256 })
        : undefined;
      const evidence = await tx.evidence.insert({
        ...values,
        snapshotId: stored?.id ?? null,
        addedById: principal.user.id,
      });
      await record(tx, principal.actor, clock(), 'evidence.added', 'claim', claimId, {
        evidenceId: evidence.id,
        kind: evidence.kind,
        url: evidence.url,
        ...(stored ? { snapshotId: stored.id, sha256: stored.sha256 } : {}),
        ...(evidence.fileSha256
          ? { fileSha256: evidence.fileSha256, fileMime: evidence.fileMime }
          : {}),
      });
      return evidence;
    });
    feed.publish({
      entity: 'evidence',
      id: evidence.id,
      version: null,
      action: 'evidence.added',
      actorId: principal.user.id,
      claimId,
    });
    return evidence;
  }

  return {
    async list(claimId: string): Promise<Evidence[]> {
      await found(repos.claims.findById(claimId), 'Claim', claimId);
      return repos.evidence.listForClaim(claimId);
    },
    async add(
      principal: Principal,
      claimId: string,
      input: EvidenceCreateInput,
    ): Promise<Evidence> {
      authorize(principal, 'evidence.write');
      const url = input.url ? canonicalizeUrl(input.url) : null;
      return store(principal, claimId, {
        claimId,
        kind: input.kind,
        title: input.title,
        url,
        note: input.note ?? '',
      });
    },
    /**
     * Pastes a link: the page is fetched now and kept as a snapshot (raw bytes with their
     * SHA-256, the readable text, the time), so the evidence survives the page changing.
     */
    async capture(
      principal: Principal,
      claimId: string,
      input: { url: string; title?: string | undefined; note?: string | undefined },
    ): Promise<Evidence & { snapshot: Snapshot }> {
      authorize(principal, 'evidence.write');
      if (!options.fetchDocument) throw new Error('no document fetcher configured');
      await found(repos.claims.findById(claimId), 'Claim', claimId);
      const fetchedAt = clock();
      // Fetched outside any transaction: a slow site must not hold database locks.
      const doc = await options.fetchDocument(input.url);
      const hash = sha256(doc.body);
      const snapshot: Omit<Snapshot, 'id'> = {
        url: doc.url,
        finalUrl: doc.finalUrl,
        fetchedAt,
        httpStatus: doc.status,
        contentType: doc.contentType,
        sha256: hash,
        sizeBytes: doc.body.length,
        title: doc.title,
        text: doc.text,
      };
      const evidence = await store(
        principal,
        claimId,
        {
          claimId,
          kind: 'url',
          title: input.title?.trim() || doc.title?.trim() || doc.finalUrl,
          url: canonicalizeUrl(doc.url),
          note: input.note ?? '',
        },
        { sha256: hash, mime: doc.contentType ?? 'application/octet-stream', data: doc.body },
        snapshot,
      );
      const stored = await found(
        repos.files.findSnapshot(evidence.snapshotId!),
        'Snapshot',
        evidence.snapshotId!,
      );
      const { storageKey: _key, ...shown } = stored;
      return { ...evidence, snapshot: shown };
    },
    /** Uploads a file: its type is read from its content and must be allowed. */
    async upload(
      principal: Principal,
      claimId: string,
      input: {
        fileName: string;
        data: Uint8Array;
        title?: string | undefined;
        note?: string | undefined;
      },
    ): Promise<Evidence> {
      authorize(principal, 'evidence.write');
      if (input.data.length > options.maxUploadBytes) {
        throw new ValidationError([
          { field: 'file', message: `is larger than the limit of ${options.maxUploadBytes} bytes` },
        ]);
      }
      const sniffed = await sniffUpload(input.data, input.fileName);
      const hash = sha256(input.data);
      // eslint-disable-next-line no-control-regex -- control characters and path separators out
      const fileName = input.fileName.replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 255);
      return store(
        principal,
        claimId,
        {
          claimId,
          kind: 'file',
          title: input.title?.trim() || fileName || hash.slice(0, 12),
          note: input.note ?? '',
          fileStorageKey: hash,
          fileSha256: hash,
          fileMime: sniffed.mime,
          fileSizeBytes: input.data.length,
          fileName: fileName || null,
        },
        { sha256: hash, mime: sniffed.mime, data: input.data },
      );
    },
    /** The stored bytes of a file evidence. */
    async file(principal: Principal, evidenceId: string) {
      authorize(principal, 'evidence.read');
      const evidence = await found(repos.evidence.findById(evidenceId), 'Evidence', evidenceId);
      if (!evidence.fileStorageKey) throw new NotFoundError('Evidence file', evidenceId);
      const blob = await found(
        repos.files.getBlob(evidence.fileStorageKey),
        'Evidence file',
        evidenceId,
      );
      return { evidence, mime: evidence.fileMime ?? blob.mime, data: blob.data };
    },
    async snapshot(principal: Principal, snapshotId: string): Promise<Snapshot> {
      authorize(principal, 'evidence.read');
      const { storageKey: _key, ...snapshot } = await found(
        repos.files.findSnapshot(snapshotId),
        'Snapshot',
        snapshotId,
      );
      return snapshot;
    },
    /** The raw bytes fetched for a snapshot, as they were. */
    async snapshotBody(principal: Principal, snapshotId: string) {
      authorize(principal, 'evidence.read');
      const snapshot = await found(repos.files.findSnapshot(snapshotId), 'Snapshot', snapshotId);
      if (!snapshot.storageKey) throw new NotFoundError('Snapshot body', snapshotId);
      const blob = await found(
        repos.files.getBlob(snapshot.storageKey),
        'Snapshot body',
        snapshotId,
      );
      return { snapshot, data: blob.data };
    },
  };
}
export type EvidenceService = ReturnType<typeof createEvidenceService>;
