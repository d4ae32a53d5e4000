import type { Actor } from './audit.js';
import {
  NotFoundError,
  ValidationError,
  VersionConflictError,
  type FieldProblem,
} from './errors.js';
import { decodeCursor, toPage, type Page } from './pagination.js';
import type { PageRequest, Principal, Repositories, VersionedUpdate } from './ports.js';

/** Paging input as the API passes it. */
export interface ListInput<F> {
  filter: F;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Lists what the public may see: staff see every status; anonymous callers only `published`
 * (asking for another status gives an empty page rather than a hint of what exists).
 */
export function listPublished<
  T extends { createdAt: Date; id: string },
  F extends { status?: string | undefined },
>(
  principal: Principal,
  list: (filter: F, page: PageRequest) => Promise<T[]>,
  input: ListInput<F>,
): Promise<Page<T>> {
  if (principal.user) return listPage(list, input);
  if (input.filter.status !== undefined && input.filter.status !== 'published') {
    return Promise.resolve({ items: [], nextCursor: null });
  }
  return listPage(list, { ...input, filter: { ...input.filter, status: 'published' } });
}

/** The row if the principal may see it: anonymous callers only see published rows. */
export async function foundPublished<T extends { status: string }>(
  principal: Principal,
  lookup: Promise<T | undefined>,
  entity: string,
  id: string,
): Promise<T> {
  const row = await found(lookup, entity, id);
  if (!principal.user && row.status !== 'published') throw new NotFoundError(entity, id);
  return row;
}

/** Runs a keyset list and shapes the page. */
export async function listPage<T extends { createdAt: Date; id: string }, F>(
  list: (filter: F, page: PageRequest) => Promise<T[]>,
  input: ListInput<F>,
): Promise<Page<T>> {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await list(input.filter, { limit: input.limit + 1, after });
  return toPage(rows, input.limit);
}

/** The row, or a not-found error naming what was looked for. */
export async function found<T>(
  lookup: Promise<T | undefined>,
  entity: string,
  id: string,
): Promise<T> {
  const row = await lookup;
  if (!row) throw new NotFoundError(entity, id);
  return row;
}

/** Turns a conditional update's outcome into the row or the right error. */
export function applied<T>(
  result: VersionedUpdate<T>,
  entity: string,
  id: string,
  expected: number,
): T {
  if (result.ok) return result.row;
  if (result.currentVersion === undefined) throw new NotFoundError(entity, id);
  throw new VersionConflictError(entity, id, expected, result.currentVersion);
}

/** Records an audit event in the same transaction as the change. */
export async function record(
  repos: Repositories,
  actor: Actor,
  now: Date,
  action: string,
  entityType: string,
  entityId: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await repos.audit.append({ actor, action, entityType, entityId, data, occurredAt: now });
}

/** Drops undefined keys, so the audit data shows only what a request changed. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Throws one validation error listing every problem, if any. */
export function assertNoProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationError(problems);
}

export type { Principal };

/** A conditional update and its audit event, in one transaction. */
export function updateRecorded<T>(
  repos: Repositories,
  actor: Actor,
  now: Date,
  target: {
    entity: string;
    entityType: string;
    id: string;
    version: number;
    data: Record<string, unknown>;
  },
  update: (tx: Repositories) => Promise<VersionedUpdate<T>>,
): Promise<T> {
  return repos.transaction(async (tx) => {
    const row = applied(await update(tx), target.entity, target.id, target.version);
    await record(
      tx,
      actor,
      now,
      `${target.entityType}.updated`,
      target.entityType,
      target.id,
      target.data,
    );
    return row;
  });
}
