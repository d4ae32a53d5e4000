import { Type } from 'typebox';
import { CLAIM_STATUSES, PRIORITIES, REJECTION_REASONS } from '../../../core/types.js';
import {
  DateTime,
  Nullable,
  Uuid,
  Version,
  pageQueryProperties,
  versionedProperties,
} from '../common.js';

export const ClaimSchema = Type.Object(
  {
    ...versionedProperties,
    text: Type.String(),
    language: Type.String(),
    status: Type.Enum([...CLAIM_STATUSES]),
    rejectionReason: Nullable(Type.Enum([...REJECTION_REASONS])),
    mergedIntoId: Nullable(Uuid),
    priority: Type.Enum([...PRIORITIES]),
    dueAt: Nullable(DateTime),
    firstResponseAt: Nullable(DateTime),
    assigneeId: Nullable(Uuid),
    categoryId: Nullable(Uuid),
    createdById: Nullable(Uuid),
  },
  { $id: 'Claim', description: 'A checkable statement (nhận định)' },
);

export const ClaimDetailSchema = Type.Object({
  ...ClaimSchema.properties,
  itemIds: Type.Array(Uuid),
});

const editable = {
  text: Type.String({ minLength: 1, maxLength: 5000 }),
  language: Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' }),
  priority: Type.Enum([...PRIORITIES]),
  dueAt: DateTime,
  categoryId: Nullable(Uuid),
};

export const ClaimCreateSchema = Type.Object(
  {
    text: editable.text,
    language: Type.Optional(editable.language),
    priority: Type.Optional(editable.priority),
    dueAt: Type.Optional(editable.dueAt),
    categoryId: Type.Optional(editable.categoryId),
    itemIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const ClaimUpdateSchema = Type.Object(
  {
    version: Version,
    text: Type.Optional(editable.text),
    language: Type.Optional(editable.language),
    status: Type.Optional(Type.Enum([...CLAIM_STATUSES])),
    rejectionReason: Type.Optional(Nullable(Type.Enum([...REJECTION_REASONS]))),
    priority: Type.Optional(editable.priority),
    dueAt: Type.Optional(Nullable(DateTime)),
    assigneeId: Type.Optional(Nullable(Uuid)),
    categoryId: Type.Optional(editable.categoryId),
  },
  { additionalProperties: false },
);

export const ClaimListQuery = Type.Object(
  {
    ...pageQueryProperties,
    status: Type.Optional(Type.Enum([...CLAIM_STATUSES])),
    category: Type.Optional(Uuid),
    priority: Type.Optional(Type.Enum([...PRIORITIES])),
    assignee: Type.Optional(Uuid),
    overdue: Type.Optional(Type.Boolean({ description: 'Only open claims past their deadline' })),
  },
  { additionalProperties: false },
);
