/**
 * The one way the product opens its database: PGlite in the data dir when no DATABASE_URL is
 * set (nothing to install), PostgreSQL otherwise. Both speak the same SQL and run the same
 * migrations.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** Drizzle over either driver; repositories are written against this type only. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Rows of one statement. */
export interface SqlResult<Row = Record<string, unknown>> {
  rows: Row[];
  rowCount: number;
}

/** A raw SQL connection shared by the job queue, migrations and health checks. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** One parameterised statement. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<Row>>;
  /** Several statements without parameters; returns the rows of every statement, in order. */
  exec(text: string): Promise<SqlResult[]>;
  /**
   * Receives NOTIFY payloads of a channel (sent with `SELECT pg_notify(channel, payload)` by any
   * process on the same database); returns the function that stops listening. On PostgreSQL a
   * dedicated connection listens and is re-opened when it drops.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Connections for the metrics: PostgreSQL's pool (total, idle, waiting clients); PGlite has
   * one connection, reported busy while a statement sent through this wrapper runs.
   */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** Raised when a second process tries to open an embedded database that is already in use. */
export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The data directory ${dataDir} is already used by another Kiểm Chứng process. ` +
        'The embedded database allows one process per data directory: stop the other process, ' +
        'use another --data-dir, or set DATABASE_URL to share a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** Data directory for PGlite; ignored with a database URL. Undefined means in memory. */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

/** Opens the configured database. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(options.dataDir);
}

const pgliteExtensions = { pg_trgm, unaccent };

/**
 * Locks the data dir for this process. The lock (proper-lockfile, refreshed every 5 s) goes
 * stale 15 s after its holder dies; a pid file next to it lets a restart after a crash (kill -9,
 * power loss) take over at once instead of waiting, when that pid is no longer running.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockfilePath = join(dataDir, '.kiemchung.lock');
  const pidFile = join(dataDir, '.kiemchung.pid');
  const take = () =>
    lockfile.lock(dataDir, { lockfilePath, stale: 15_000, update: 5_000, retries: 0 });
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    if (!holderIsGone(pidFile)) throw new DataDirLockedError(dataDir);
    rmSync(lockfilePath, { recursive: true, force: true });
    try {
      release = await take();
    } catch (retryError) {
      if ((retryError as { code?: string }).code === 'ELOCKED')
        throw new DataDirLockedError(dataDir);
      throw retryError;
    }
  }
  writeFileSync(pidFile, `${process.pid} ${hostname()}\n`);
  return release;
}

/** True when the pid file names a process on this machine that no longer runs. */
function holderIsGone(pidFile: string): boolean {
  let pid: number;
  let host: string | undefined;
  try {
    const [pidText, hostText] = readFileSync(pidFile, 'utf8').trim().split(/\s+/);
    pid = Number(pidText);
    host = hostText;
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || host !== hostname())
    return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH';
  }
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  let client: PGlite;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = await lockDataDir(dataDir);
    try {
      client = await PGlite.create(join(dataDir, 'pg'), { extensions: pgliteExtensions });
    } catch (error) {
      await release();
      throw error;
    }
  } else {
    client = await PGlite.create({ extensions: pgliteExtensions });
  }
  return wrapPglite(client, release);
}

/** Wraps an already created PGlite instance (tests clone one migrated template). */
export function wrapPglite(client: PGlite, release?: () => Promise<void>): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  let inFlight = 0;
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    inFlight += 1;
    try {
      return await work();
    } finally {
      inFlight -= 1;
    }
  };
  return {
    kind: 'pglite',
    db,
    async query<Row>(text: string, params: unknown[] = []) {
      const result = await counted(() => client.query<Row>(text, params));
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(text: string) {
      const results = await counted(() => client.exec(text));
      return results.map((r) => ({
        rows: r.rows,
        rowCount: r.affectedRows ?? r.rows.length,
      }));
    },
    async listen(channel, onPayload) {
      return client.listen(channel, onPayload);
    },
    poolStats: () => ({
      total: 1,
      idle: inFlight > 0 ? 0 : 1,
      waiting: Math.max(0, inFlight - 1),
    }),
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
      if (release) await release();
    },
  };
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'kiemchung' });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const listeners = new Set<NotificationListener>();
  let closed = false;
  return {
    kind: 'postgres',
    db,
    async query<Row>(text: string, params: unknown[] = []) {
      const result = await pool.query(text, params);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(text: string) {
      const result = (await pool.query(text)) as pg.QueryResult | pg.QueryResult[];
      const list = Array.isArray(result) ? result : [result];
      return list.map((r) => ({
        rows: r.rows as Record<string, unknown>[],
        rowCount: r.rowCount ?? r.rows.length,
      }));
    },
    async listen(channel, onPayload) {
      const listener = new NotificationListener(url, channel, onPayload);
      listeners.add(listener);
      await listener.start();
      return async () => {
        listeners.delete(listener);
        await listener.stop();
      };
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...listeners].map((l) => l.stop()));
      await pool.end();
    },
  };
}

/**
 * One LISTEN connection outside the pool (a pooled client would be handed to other queries). A
 * dropped connection is re-opened after a short wait; notifications sent meanwhile are lost,
 * which the listeners' callers accept (live updates are hints; nothing durable rides on them).
 */
class NotificationListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onPayload: (payload: string) => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'kiemchung-listen',
    });
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.onPayload(message.payload ?? '');
    });
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    this.client = client;
  }

  private reconnect(broken: pg.Client): void {
    if (this.stopped || this.client !== broken || this.retry) return;
    this.client = undefined;
    broken.end().catch(() => undefined);
    const attempt = () => {
      this.retry = undefined;
      if (this.stopped) return;
      this.start().catch(() => {
        this.retry = setTimeout(attempt, 1000);
        this.retry.unref();
      });
    };
    this.retry = setTimeout(attempt, 250);
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
