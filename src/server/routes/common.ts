/** Schema pieces and helpers shared by the v1 resource routes. */
import { Type, type TSchema } from 'typebox';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from '../../core/pagination.js';

export const Uuid = Type.String({ format: 'uuid' });
export const DateTime = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const Version = Type.Integer({
  minimum: 1,
  description: 'The version you last read; a stale one gets 409.',
});

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/** Query parameters every list accepts. */
export const pageQueryProperties = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Text contained, without regard to diacritics' }),
  ),
};

/** `{ items, nextCursor }` of an entity schema. */
export function pageOf<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
}

/** Standard timestamps and version of editable entities. */
export const versionedProperties = {
  id: Uuid,
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Integer(),
};

/** The JSON form of a value: Dates become ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends ReadonlyArray<infer U>
    ? Array<Json<U>>
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** JSON-ready copy: Dates become ISO strings (the response schemas declare date-time strings). */
export function plain<T>(value: T): Json<T> {
  return toJson(value) as Json<T>;
}

function toJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return value;
}

/** A page made JSON-ready. */
export function plainPage<T>(page: Page<T>): { items: Array<Json<T>>; nextCursor: string | null } {
  return { items: page.items.map((item) => plain(item)), nextCursor: page.nextCursor };
}

/** Optional date-time string to Date. */
export function toDate(value: string | null | undefined): Date | null | undefined {
  if (value === undefined || value === null) return value;
  return new Date(value);
}

export const problemResponse = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    ),
  },
  { additionalProperties: true, description: 'RFC 9457 problem document' },
);

/** Error responses documented on every route. */
export const errorResponses = {
  400: problemResponse,
  401: problemResponse,
  403: problemResponse,
  404: problemResponse,
  409: problemResponse,
  413: problemResponse,
  422: problemResponse,
};
