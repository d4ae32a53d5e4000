/** Settings groups stored as JSON, one row each, changed under optimistic concurrency. */
import { and, eq, sql } from 'drizzle-orm';
import type { SettingsRepository, StoredSetting } from '../core/ports.js';
import type { Db } from './client.js';
import { guarded } from './repo-support.js';
import { settings } from './schema.js';

const columns = {
  value: settings.value,
  version: settings.version,
  updatedAt: settings.updatedAt,
  updatedById: settings.updatedById,
};

export function settingsRepository(db: Db): SettingsRepository {
  const get = async (key: string): Promise<StoredSetting | undefined> => {
    const [row] = await db.select(columns).from(settings).where(eq(settings.key, key));
    return row;
  };
  return {
    get,
    async put(key, expectedVersion, value, by) {
      const rows =
        expectedVersion === 0
          ? // Two first saves at once: the primary key lets one in, the other sees a conflict.
            await guarded(
              db
                .insert(settings)
                .values({ key, value, version: 1, updatedById: by, updatedAt: new Date() })
                .onConflictDoNothing()
                .returning(columns),
            )
          : await guarded(
              db
                .update(settings)
                .set({
                  value,
                  updatedById: by,
                  version: sql`${settings.version} + 1`,
                  updatedAt: new Date(),
                })
                .where(and(eq(settings.key, key), eq(settings.version, expectedVersion)))
                .returning(columns),
            );
      const row = rows[0];
      if (row) return { ok: true, row };
      return { ok: false, currentVersion: (await get(key))?.version ?? 0 };
    },
  };
}
