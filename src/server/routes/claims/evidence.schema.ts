import { Type } from 'typebox';
import { EVIDENCE_KINDS } from '../../../core/types.js';
import { DateTime, Nullable, Uuid } from '../common.js';

export const EvidenceSchema = Type.Object(
  {
    id: Uuid,
    claimId: Uuid,
    kind: Type.Enum([...EVIDENCE_KINDS]),
    title: Type.String(),
    url: Nullable(Type.String()),
    note: Type.String(),
    snapshotId: Nullable(Uuid),
    fileName: Nullable(Type.String()),
    fileMime: Nullable(Type.String({ description: 'Type found in the content, not the name' })),
    fileSizeBytes: Nullable(Type.Integer()),
    fileSha256: Nullable(Type.String()),
    position: Type.Integer(),
    addedById: Nullable(Uuid),
    createdAt: DateTime,
  },
  { $id: 'Evidence', description: 'Evidence (bằng chứng) attached to a claim' },
);

export const EvidenceCreateSchema = Type.Object(
  {
    kind: Type.Enum(['url', 'document', 'expert_statement']),
    title: Type.String({ minLength: 1, maxLength: 500 }),
    url: Type.Optional(Type.String({ format: 'uri', maxLength: 2048 })),
    note: Type.Optional(Type.String({ maxLength: 20_000 })),
  },
  { additionalProperties: false },
);

export const SnapshotSchema = Type.Object(
  {
    id: Uuid,
    url: Type.String(),
    finalUrl: Type.String(),
    fetchedAt: DateTime,
    httpStatus: Type.Integer(),
    contentType: Nullable(Type.String()),
    sha256: Type.String(),
    sizeBytes: Type.Integer(),
    title: Nullable(Type.String()),
    text: Type.String(),
  },
  { $id: 'Snapshot', description: 'A stored copy of a page at the time it was fetched' },
);

export const EvidenceWithSnapshotSchema = Type.Object({
  ...EvidenceSchema.properties,
  snapshot: SnapshotSchema,
});

export const EvidenceCaptureSchema = Type.Object(
  {
    url: Type.String({ format: 'uri', maxLength: 2048, pattern: '^https?://' }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    note: Type.Optional(Type.String({ maxLength: 20_000 })),
  },
  { additionalProperties: false },
);
