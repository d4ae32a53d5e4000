import { Type } from 'typebox';
import { CHANNELS, ITEM_STATUSES, REJECTION_REASONS } from '../../../core/types.js';
import {
  DateTime,
  Nullable,
  Uuid,
  Version,
  pageQueryProperties,
  versionedProperties,
} from '../common.js';

const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' });

export const ItemSchema = Type.Object(
  {
    ...versionedProperties,
    channel: Type.Enum([...CHANNELS]),
    sourceId: Nullable(Uuid),
    url: Nullable(Type.String()),
    canonicalUrl: Nullable(Type.String()),
    title: Type.String(),
    text: Type.String({ description: 'With personal data redacted' }),
    language: Type.String(),
    publishedAt: Nullable(DateTime),
    status: Type.Enum([...ITEM_STATUSES]),
    clusterId: Nullable(Uuid),
    relevance: Type.Number(),
    priorityScore: Type.Number(),
    sightingsCount: Type.Integer(),
    firstSeenAt: DateTime,
    lastSeenAt: DateTime,
    processedAt: Nullable(DateTime),
    matchedCheckId: Nullable(Uuid),
    matchConfidence: Nullable(Type.Number()),
    places: Type.Array(Type.String(), { description: 'Administrative unit codes mentioned' }),
    watchTermHits: Type.Array(Type.String()),
    dismissReason: Nullable(Type.Enum([...REJECTION_REASONS])),
  },
  { $id: 'Item', description: 'One piece of content from any channel (tin/bài), stored once' },
);

export const ItemCreateSchema = Type.Object(
  {
    channel: Type.Optional(Type.Enum(['api', 'staff', 'import', 'url'])),
    url: Type.Optional(Type.String({ format: 'uri', maxLength: 2048 })),
    title: Type.Optional(Type.String({ maxLength: 1000 })),
    text: Type.Optional(Type.String({ maxLength: 100_000 })),
    language: Type.Optional(Language),
    publishedAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);

export const ItemIntakeSchema = Type.Object({
  item: ItemSchema,
  created: Type.Boolean({ description: 'false: already stored; this was one more sighting' }),
  counted: Type.Boolean({ description: 'false: this very sighting was counted before' }),
  sightingsCount: Type.Integer(),
});

export const ItemUpdateSchema = Type.Object(
  {
    version: Version,
    title: Type.Optional(Type.String({ maxLength: 500 })),
    language: Type.Optional(Language),
    status: Type.Optional(Type.Enum([...ITEM_STATUSES])),
  },
  { additionalProperties: false },
);

export const ItemListQuery = Type.Object(
  {
    ...pageQueryProperties,
    status: Type.Optional(Type.Enum([...ITEM_STATUSES])),
    channel: Type.Optional(Type.Enum([...CHANNELS])),
    source: Type.Optional(Uuid),
    cluster: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
