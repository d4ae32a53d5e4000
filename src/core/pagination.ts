import { ValidationError } from './errors.js';
import { isUuid } from './ids.js';

/** A page of a list, with the cursor of the next page or null at the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Position after the last row of a page, in the list's order (newest first). */
export interface CursorPosition {
  createdAt: Date;
  id: string;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** Opaque to clients: base64url of the last row's sort key. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString(
    'base64url',
  );
}

/** Decodes a cursor from a client; anything malformed is a validation error, not a 500. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [at, id] = value as unknown[];
      const createdAt = typeof at === 'string' ? new Date(at) : new Date(NaN);
      if (!Number.isNaN(createdAt.getTime()) && typeof id === 'string' && isUuid(id)) {
        return { createdAt, id };
      }
    }
  } catch {
    // fall through
  }
  throw new ValidationError([{ field: 'cursor', message: 'is not a cursor returned by this API' }]);
}

/** Builds a page from rows fetched with limit + 1 (the extra row only says there is more). */
export function toPage<T extends CursorPosition>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
