import { Type } from 'typebox';
import { SOURCE_KINDS } from '../../../core/types.js';
import {
  DateTime,
  Nullable,
  Uuid,
  Version,
  pageQueryProperties,
  versionedProperties,
} from '../common.js';

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Enum([...SOURCE_KINDS]),
  url: Type.String({ format: 'uri', maxLength: 2048 }),
  categoryId: Nullable(Uuid),
  scheduleMinutes: Type.Integer({ minimum: 1, maximum: 10_080 }),
  enabled: Type.Boolean(),
  respectRobots: Type.Boolean(),
  reach: Type.Number({
    minimum: 0,
    maximum: 1,
    description: 'How widely what it says travels (0..1); weighs its items in the queue',
  }),
};

export const SourceSchema = Type.Object(
  {
    ...versionedProperties,
    ...fields,
    canonicalUrl: Type.String(),
    lastFetchedAt: Nullable(DateTime),
    lastSuccessAt: Nullable(DateTime),
    lastErrorAt: Nullable(DateTime),
    lastError: Nullable(Type.String()),
    failureScore: Type.Number(),
    disabledReason: Nullable(Type.String()),
    itemsCount: Type.Integer(),
    consecutiveFailures: Type.Integer(),
    lastStatus: Nullable(Type.Integer()),
    nextFetchAt: Nullable(DateTime),
  },
  {
    $id: 'Source',
    description: 'A monitored feed, sitemap or page (nguồn theo dõi) with its health',
  },
);

export const SourceCreateSchema = Type.Object(
  {
    name: fields.name,
    kind: fields.kind,
    url: fields.url,
    categoryId: Type.Optional(fields.categoryId),
    scheduleMinutes: Type.Optional(fields.scheduleMinutes),
    enabled: Type.Optional(fields.enabled),
    respectRobots: Type.Optional(fields.respectRobots),
    reach: Type.Optional(fields.reach),
  },
  { additionalProperties: false },
);

export const SourceUpdateSchema = Type.Object(
  {
    version: Version,
    name: Type.Optional(fields.name),
    kind: Type.Optional(fields.kind),
    url: Type.Optional(fields.url),
    categoryId: Type.Optional(fields.categoryId),
    scheduleMinutes: Type.Optional(fields.scheduleMinutes),
    enabled: Type.Optional(fields.enabled),
    respectRobots: Type.Optional(fields.respectRobots),
    reach: Type.Optional(fields.reach),
  },
  { additionalProperties: false },
);

export const SourceListQuery = Type.Object(
  {
    ...pageQueryProperties,
    kind: Type.Optional(fields.kind),
    enabled: Type.Optional(Type.Boolean()),
    category: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const SourceHealthSchema = Type.Object({
  sourceId: Type.String({ format: 'uuid' }),
  enabled: Type.Boolean(),
  disabledReason: Nullable(Type.String()),
  lastFetchedAt: Nullable(DateTime),
  lastSuccessAt: Nullable(DateTime),
  lastErrorAt: Nullable(DateTime),
  lastError: Nullable(Type.String()),
  lastStatus: Nullable(Type.Integer()),
  failureScore: Type.Number({ description: '0 = healthy … 1 = failing every time' }),
  consecutiveFailures: Type.Integer(),
  nextFetchAt: Nullable(DateTime),
  itemsTotal: Type.Integer(),
  itemsLast24h: Type.Integer(),
  itemsPerDay: Type.Number({ description: 'Average over the last 7 days' }),
});
