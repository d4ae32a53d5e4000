import { Type } from 'typebox';
import { CHECK_STATUSES, RATINGS } from '../../../core/types.js';
import {
  DateTime,
  Nullable,
  Uuid,
  Version,
  pageQueryProperties,
  versionedProperties,
} from '../common.js';

const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 120 });

export const CheckSchema = Type.Object(
  {
    ...versionedProperties,
    claimId: Uuid,
    slug: Type.String(),
    title: Type.String(),
    rating: Nullable(Type.Enum([...RATINGS])),
    summary: Type.String(),
    explanation: Type.String({ description: 'Markdown' }),
    status: Type.Enum([...CHECK_STATUSES]),
    categoryId: Nullable(Uuid),
    authorId: Uuid,
    reviewerId: Nullable(Uuid),
    language: Type.String(),
    publishedAt: Nullable(DateTime),
    firstPublishedAt: Nullable(DateTime),
    unpublishReason: Nullable(Type.String()),
    explanationHtml: Type.String({
      description: 'The explanation rendered from Markdown and sanitised (safe to insert as HTML)',
    }),
  },
  { $id: 'Check', description: 'A published or draft answer to a claim (kết quả kiểm chứng)' },
);

export const CheckCreateSchema = Type.Object(
  {
    claimId: Uuid,
    title: Type.String({ minLength: 1, maxLength: 300 }),
    slug: Type.Optional(Slug),
    rating: Type.Optional(Nullable(Type.Enum([...RATINGS]))),
    summary: Type.Optional(Type.String({ maxLength: 2000 })),
    explanation: Type.Optional(Type.String({ maxLength: 100_000 })),
    categoryId: Type.Optional(Nullable(Uuid)),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })),
  },
  { additionalProperties: false },
);

export const CheckUpdateSchema = Type.Object(
  {
    version: Version,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    slug: Type.Optional(Slug),
    rating: Type.Optional(Nullable(Type.Enum([...RATINGS]))),
    summary: Type.Optional(Type.String({ maxLength: 2000 })),
    explanation: Type.Optional(Type.String({ maxLength: 100_000 })),
    categoryId: Type.Optional(Nullable(Uuid)),
    status: Type.Optional(Type.Enum([...CHECK_STATUSES])),
    correctionReason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    reviewComment: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    unpublishReason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);

/** Body of the review actions: the version last read, and for some a comment or reason. */
export const CheckActionSchema = Type.Object({ version: Version }, { additionalProperties: false });
export const CheckCommentActionSchema = Type.Object(
  { version: Version, comment: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export const CheckReasonActionSchema = Type.Object(
  { version: Version, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const CheckReviewSchema = Type.Object({
  id: Uuid,
  checkId: Uuid,
  reviewerId: Nullable(Uuid),
  decision: Type.Enum(['approved', 'changes_requested']),
  comment: Type.String(),
  checkVersion: Type.Integer(),
  createdAt: DateTime,
});

const DiffPartSchema = Type.Object({
  op: Type.Enum(['equal', 'insert', 'delete']),
  text: Type.String(),
});
const VersionRef = Type.Object({
  version: Type.Integer(),
  createdAt: DateTime,
  editedById: Nullable(Uuid),
});
export const CheckDiffSchema = Type.Object({
  from: VersionRef,
  to: VersionRef,
  fields: Type.Array(
    Type.Object({
      field: Type.String(),
      before: Type.Unknown(),
      after: Type.Unknown(),
      words: Type.Optional(Type.Array(DiffPartSchema)),
      lines: Type.Optional(Type.Array(DiffPartSchema)),
    }),
  ),
});
export const CheckDiffQuery = Type.Object(
  { from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const CheckListQuery = Type.Object(
  {
    ...pageQueryProperties,
    status: Type.Optional(Type.Enum([...CHECK_STATUSES])),
    claim: Type.Optional(Uuid),
    category: Type.Optional(Uuid),
    rating: Type.Optional(Type.Enum([...RATINGS])),
  },
  { additionalProperties: false },
);

export const CheckVersionsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      snapshot: Type.Object({}, { additionalProperties: true }),
      createdAt: DateTime,
      editedById: Nullable(Uuid),
    }),
  ),
  corrections: Type.Array(
    Type.Object({
      reason: Type.String(),
      createdAt: DateTime,
      versionBefore: Type.Integer(),
      versionAfter: Type.Integer(),
    }),
  ),
});

export const CheckPreviewSchema = Type.Object(
  { markdown: Type.String({ maxLength: 100_000 }) },
  { additionalProperties: false },
);
export const CheckPreviewResultSchema = Type.Object({
  html: Type.String({ description: 'Rendered and sanitised exactly as a published explanation' }),
});
