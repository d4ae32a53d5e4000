import { Type } from 'typebox';
import { PUBLICATION_STATUSES } from '../../../core/types.js';
import {
  DateTime,
  Nullable,
  Uuid,
  Version,
  pageQueryProperties,
  versionedProperties,
} from '../common.js';

const fields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  body: Type.String({ minLength: 1, maxLength: 100_000 }),
  slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 120 }),
  status: Type.Enum([...PUBLICATION_STATUSES]),
  categoryId: Nullable(Uuid),
  claimId: Nullable(Uuid),
  language: Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' }),
  issuedAt: Nullable(DateTime),
};

export const StatementSchema = Type.Object(
  {
    ...versionedProperties,
    ...fields,
    authorId: Nullable(Uuid),
    publishedAt: Nullable(DateTime),
  },
  { $id: 'Statement', description: 'An official statement (thông cáo)' },
);

export const StatementCreateSchema = Type.Object(
  {
    title: fields.title,
    body: fields.body,
    slug: Type.Optional(fields.slug),
    status: Type.Optional(fields.status),
    categoryId: Type.Optional(fields.categoryId),
    claimId: Type.Optional(fields.claimId),
    language: Type.Optional(fields.language),
    issuedAt: Type.Optional(fields.issuedAt),
  },
  { additionalProperties: false },
);

export const StatementUpdateSchema = Type.Object(
  {
    version: Version,
    title: Type.Optional(fields.title),
    body: Type.Optional(fields.body),
    slug: Type.Optional(fields.slug),
    status: Type.Optional(fields.status),
    categoryId: Type.Optional(fields.categoryId),
    claimId: Type.Optional(fields.claimId),
    language: Type.Optional(fields.language),
    issuedAt: Type.Optional(fields.issuedAt),
  },
  { additionalProperties: false },
);

export const StatementListQuery = Type.Object(
  {
    ...pageQueryProperties,
    status: Type.Optional(fields.status),
    category: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
