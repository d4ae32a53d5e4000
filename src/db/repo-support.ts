import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
  AlreadyExistsError,
  ConstraintViolationError,
  ReferenceMissingError,
  ValidationError,
} from '../core/errors.js';
import type { PageRequest, VersionedUpdate } from '../core/ports.js';
import type { Db } from './client.js';

interface PgErrorLike {
  code?: string;
  constraint?: string;
  column?: string;
  message?: string;
}

/** Human wording for the constraints a client can run into. */
const constraintMessages: Record<string, string> = {
  categories_slug_unique: 'A category with this slug',
  checks_slug_unique: 'A check with this slug',
  checks_claim_id_unique: 'A check for this claim',
  statements_slug_unique: 'A statement with this slug',
  sources_canonical_url_unique: 'A source with this URL',
  items_canonical_url_unique: 'An item with this URL',
  items_content_hash_unique: 'An item with this content',
  users_email_lower_key: 'A user with this e-mail',
  tips_receipt_digest_unique: 'A tip with this receipt code',
  integrations_name_unique: 'An integration with this name',
  watch_terms_folded_unique: 'This watch term',
};

function pgErrorOf(error: unknown): PgErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code))
      return candidate;
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Maps database errors a client can cause to domain errors. Anything else is rethrown as is
 * and becomes an opaque 500.
 */
export function translateDbError(error: unknown): never {
  const pgError = pgErrorOf(error);
  const constraint = pgError?.constraint;
  if (!pgError) throw error;
  switch (pgError.code as string) {
    case '23505':
      throw new AlreadyExistsError(
        (constraint && constraintMessages[constraint]) ?? 'A record with these values',
        constraint,
      );
    case '23503':
      throw new ReferenceMissingError('The record', constraint);
    case '23514':
    case '23502':
      throw new ConstraintViolationError(
        `The change breaks a rule of the data (${constraint ?? pgError.column ?? 'constraint'}).`,
        constraint,
      );
    case '22P02':
    case '22007':
    case '22008':
      throw new ValidationError([{ field: 'input', message: 'has a value of the wrong form' }]);
    default:
      throw error;
  }
}

/** Awaits a query and translates its database errors. */
export async function guarded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    translateDbError(error);
  }
}

/** Keyset condition: rows after the cursor in (created_at desc, id desc) order. */
export function afterCursor(createdAt: PgColumn, id: PgColumn, page: PageRequest): SQL | undefined {
  if (!page.after) return undefined;
  return sql`(${createdAt}, ${id}) < (${page.after.createdAt.toISOString()}::timestamptz, ${page.after.id}::uuid)`;
}

/** Diacritic-insensitive containment on a text column (uses the trigram indexes). */
export function foldedContains(column: PgColumn | SQL, q: string | undefined): SQL | undefined {
  const needle = q?.trim();
  if (!needle) return undefined;
  const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`kc_fold(${column}) like '%' || kc_fold(${escaped}) || '%'`;
}

/** Rows of a raw SQL statement, on either driver (both return `{ rows }`). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** AND of the defined conditions. */
export function allOf(...conditions: Array<SQL | undefined>): SQL | undefined {
  const defined = conditions.filter((c): c is SQL => c !== undefined);
  return defined.length ? and(...defined) : undefined;
}

/** Columns every versioned table has. */
interface VersionedColumns {
  id: PgColumn;
  version: PgColumn;
  updatedAt: PgColumn;
}

/**
 * UPDATE … WHERE id = $1 AND version = $2, bumping the version. When nothing matched, reads
 * the current version to tell "gone" from "changed by someone else".
 */
export async function updateVersioned<T>(
  db: Db,
  table: PgTable & VersionedColumns,
  id: string,
  expectedVersion: number,
  patch: Record<string, unknown>,
): Promise<VersionedUpdate<T>> {
  const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const rows = (await guarded(
    db
      .update(table)
      .set({ ...values, version: sql`${table.version} + 1`, updatedAt: new Date() })
      .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
      .returning(),
  )) as T[];
  const row = rows[0];
  if (row) return { ok: true, row };
  const current = (await guarded(
    db.select({ version: table.version }).from(table).where(eq(table.id, id)),
  )) as Array<{ version: number }>;
  return { ok: false, currentVersion: current[0]?.version };
}
