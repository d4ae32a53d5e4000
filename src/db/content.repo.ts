/** Repositories of the editorial content: categories, sources, statements. */
import { asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { CategoryRepository, SourceRepository, StatementRepository } from '../core/ports.js';
import type { Category, Source, Statement } from '../core/types.js';
import type { Db } from './client.js';
import {
  afterCursor,
  allOf,
  foldedContains,
  guarded,
  rowsOf,
  updateVersioned,
} from './repo-support.js';
import { categories, sources, statements } from './schema.js';

export function categoryRepository(db: Db): CategoryRepository {
  return {
    async insert(values) {
      const [row] = await guarded(db.insert(categories).values(values).returning());
      return row!;
    },
    async findById(id) {
      const [row] = await db.select().from(categories).where(eq(categories.id, id));
      return row;
    },
    list(filter, page) {
      return db
        .select()
        .from(categories)
        .where(
          allOf(
            afterCursor(categories.createdAt, categories.id, page),
            filter.q
              ? or(
                  foldedContains(categories.nameVi, filter.q),
                  foldedContains(categories.nameEn, filter.q),
                )
              : undefined,
          ),
        )
        .orderBy(desc(categories.createdAt), desc(categories.id))
        .limit(page.limit);
    },
    updateVersioned: (id, version, patch) =>
      updateVersioned<Category>(db, categories, id, version, patch),
  };
}

export function sourceRepository(db: Db): SourceRepository {
  return {
    async insert(values) {
      const [row] = await guarded(db.insert(sources).values(values).returning());
      return row!;
    },
    async findById(id) {
      const [row] = await db.select().from(sources).where(eq(sources.id, id));
      return row;
    },
    list(filter, page) {
      return db
        .select()
        .from(sources)
        .where(
          allOf(
            afterCursor(sources.createdAt, sources.id, page),
            filter.kind ? eq(sources.kind, filter.kind) : undefined,
            filter.enabled !== undefined ? eq(sources.enabled, filter.enabled) : undefined,
            filter.categoryId ? eq(sources.categoryId, filter.categoryId) : undefined,
            filter.q
              ? or(foldedContains(sources.name, filter.q), foldedContains(sources.url, filter.q))
              : undefined,
          ),
        )
        .orderBy(desc(sources.createdAt), desc(sources.id))
        .limit(page.limit);
    },
    updateVersioned: (id, version, patch) =>
      updateVersioned<Source>(db, sources, id, version, patch),
    async leaseDue(now, limit, leaseMs) {
      const leased = await rowsOf<{ id: string }>(
        db,
        sql`
        update sources set next_fetch_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        where id in (
          select id from sources
          where enabled and (next_fetch_at is null or next_fetch_at <= ${now.toISOString()}::timestamptz)
          order by next_fetch_at nulls first
          limit ${limit}
          for update skip locked)
        returning id`,
      );
      const ids = leased.map((row) => row.id);
      if (ids.length === 0) return [];
      return db.select().from(sources).where(inArray(sources.id, ids));
    },
    async findFetchState(id) {
      const [row] = await db.select().from(sources).where(eq(sources.id, id));
      return row;
    },
    async recordFetch(id, update) {
      const { itemsAdded = 0, ...fields } = update;
      await db
        .update(sources)
        .set({ ...fields, itemsCount: sql`${sources.itemsCount} + ${itemsAdded}` })
        .where(eq(sources.id, id));
    },
    async activity(id, now) {
      const [row] = await rowsOf<{ day: string | number; week: string | number }>(
        db,
        sql`
        select
          count(*) filter (where seen_at > ${now.toISOString()}::timestamptz - interval '1 day') as day,
          count(*) as week
        from item_sightings
        where source_id = ${id}
          and seen_at > ${now.toISOString()}::timestamptz - interval '7 days'`,
      );
      return { itemsLast24h: Number(row?.day ?? 0), itemsLast7d: Number(row?.week ?? 0) };
    },
  };
}

export function statementRepository(db: Db): StatementRepository {
  return {
    async insert(values) {
      const [row] = await guarded(db.insert(statements).values(values).returning());
      return row!;
    },
    async findById(id) {
      const [row] = await db.select().from(statements).where(eq(statements.id, id));
      return row;
    },
    list(filter, page) {
      return db
        .select()
        .from(statements)
        .where(
          allOf(
            afterCursor(statements.createdAt, statements.id, page),
            filter.status ? eq(statements.status, filter.status) : undefined,
            filter.categoryId ? eq(statements.categoryId, filter.categoryId) : undefined,
            filter.q
              ? or(
                  foldedContains(statements.title, filter.q),
                  foldedContains(statements.body, filter.q),
                )
              : undefined,
          ),
        )
        .orderBy(desc(statements.createdAt), desc(statements.id))
        .limit(page.limit);
    },
    updateVersioned: (id, version, patch) =>
      updateVersioned<Statement>(db, statements, id, version, patch),
  };
}

/** Categories in portal order, for menus. */
export function orderedCategories(db: Db) {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.nameVi));
}
