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
