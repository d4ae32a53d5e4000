/**
 * Lets pg-boss run its SQL through the product's `Database`, so the job queue works the same on
 * embedded PGlite (one connection) and on a PostgreSQL pool.
 */
import type PgBoss from 'pg-boss';
import type { Database } from './client.js';

/** pg-boss's `db` option, plus a way to wait for statements still running at shutdown. */
export interface BossDbAdapter extends PgBoss.Db {
  /** Resolves once every statement sent so far has finished (successfully or not). */
  idle(): Promise<void>;
}

// pg-boss wraps its schema scripts and maintenance in `BEGIN; … COMMIT;`. When one statement fails
// (e.g. the "already exists" race of two processes installing at once, which pg-boss expects and
// swallows), the explicit transaction stays open and aborted: on a pool that poisons the
// connection for 30 s, and on PGlite's single connection it poisons every later query. Sent
// without BEGIN/COMMIT, a multi-statement text is one implicit transaction that PostgreSQL rolls
// back by itself on error; SET LOCAL and pg_advisory_xact_lock behave the same inside it.
const explicitTransaction = /^\s*BEGIN\s*;([\s\S]*?);?\s*COMMIT\s*;?\s*$/i;

/** Removes an outer `BEGIN; … COMMIT;` so the script runs as one implicit transaction. */
export function unwrapTransaction(text: string): string {
  const match = explicitTransaction.exec(text);
  return match ? (match[1] ?? '') : text;
}

/**
 * Adapts a `Database` to pg-boss: parameterised statements go through `query`; texts without
 * parameters (pg-boss's multi-statement scripts among them) go through `exec`, and the rows of
 * every statement are returned concatenated.
 */
export function createBossDbAdapter(database: Database): BossDbAdapter {
  const running = new Set<Promise<unknown>>();

  async function run(text: string, values: unknown[] | undefined): Promise<{ rows: unknown[] }> {
    if (values && values.length > 0) {
      const result = await database.query(
        text,
        values.map((v) => (v === undefined ? null : v)),
      );
      return { rows: result.rows };
    }
    const results = await database.exec(unwrapTransaction(text));
    return { rows: results.flatMap((r) => r.rows) };
  }

  return {
    executeSql(text: string, values?: unknown[]) {
      const promise = run(text, values);
      running.add(promise);
      const forget = () => running.delete(promise);
      promise.then(forget, forget);
      return promise;
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
