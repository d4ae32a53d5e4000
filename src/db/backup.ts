/**
 * Backup and restore of the whole product database (every table of the domain, stored files
 * included: attachments and raw pages live in `file_blobs`) as one file, on PGlite and
 * PostgreSQL alike.
 *
 * Format (inside the envelope of backup-crypto.ts): gzip of JSON lines. A `header` line (format,
 * app version, database kind, the schema's migration hashes), then per table a `table` line
 * (name, columns), one line per row holding the row's PostgreSQL text form (`t::text`, which
 * the row type reads back exactly: bytea, arrays, jsonb, timestamps to the microsecond), and a
 * `table-end` line with the row count and the SHA-256 of the row lines; then the sequences, and
 * a closing `manifest` line. A file without its manifest is incomplete.
 *
 * A backup reads everything in one REPEATABLE READ read-only transaction: one consistent
 * snapshot while the product keeps writing. A restore reads the whole file once to verify it
 * (envelope, passphrase, checksums, schema) before it touches anything, then replaces every
 * table in one transaction; on any failure the current data stay as they were.
 *
 * The job queue's tables (schema `pgboss`) are not part of a backup: they hold work in flight,
 * which the items' own state (processed_at, page_fetched_at, due sources) recreates.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import {
  BackupError,
  decryptStream,
  encryptStream,
  keyFor,
  newEnvelope,
  parseEnvelope,
} from './backup-crypto.js';
import type { Database, Db } from './client.js';
import { knownMigrationHashes } from './migrate.js';

export { BackupError } from './backup-crypto.js';

const APP_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** Version of the line format inside the envelope. */
const PAYLOAD_VERSION = 1;
const FETCH_ROWS = 500;
const INSERT_BATCH_BYTES = 8 * 1024 * 1024;
const INSERT_BATCH_ROWS = 2000;

export interface TableSummary {
  name: string;
  rows: number;
  sha256: string;
}

/** What a backup says about itself; returned by backup and by verification. */
export interface BackupManifest {
  payloadVersion: number;
  appVersion: string;
  createdAt: string;
  database: 'pglite' | 'postgres';
  migrations: string[];
  encrypted: boolean;
  tables: TableSummary[];
}

interface ColumnInfo {
  name: string;
  type: string;
  generated: boolean;
}

interface TableInfo {
  name: string;
  columns: ColumnInfo[];
}

type Line =
  | {
      kind: 'header';
      payloadVersion: number;
      appVersion: string;
      createdAt: string;
      database: 'pglite' | 'postgres';
      migrations: string[];
    }
  | { kind: 'table'; name: string; columns: ColumnInfo[] }
  | { kind: 'table-end'; name: string; rows: number; sha256: string }
  | {
      kind: 'sequences';
      values: Array<{ name: string; lastValue: string | null; startValue: string }>;
    }
  | { kind: 'manifest'; tables: TableSummary[] };

async function rowsOf<Row>(db: Db, query: ReturnType<typeof sql>): Promise<Row[]> {
  // Both drivers return { rows }; drizzle types the result per driver, hence the cast.
  const result: unknown = await db.execute(query);
  return (result as { rows: Row[] }).rows;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The domain's tables (schema public) with their columns, in name order. */
async function listTables(db: Db): Promise<TableInfo[]> {
  const rows = await rowsOf<{ table: string; column: string; type: string; generated: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column",
          format_type(a.atttypid, a.atttypmod) as "type", a.attgenerated::text as "generated"
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname, a.attnum`,
  );
  const tables = new Map<string, TableInfo>();
  for (const row of rows) {
    let table = tables.get(row.table);
    if (!table) tables.set(row.table, (table = { name: row.table, columns: [] }));
    table.columns.push({ name: row.column, type: row.type, generated: row.generated !== '' });
  }
  return [...tables.values()];
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const rows = await rowsOf<{ hash: string }>(
    db,
    sql`select hash from kiemchung.migrations order by id`,
  );
  return rows.map((r) => r.hash);
}

/** The lines of a backup, read from one snapshot inside the given transaction. */
async function* dumpLines(tx: Db, kind: Database['kind'], clock: () => Date) {
  const migrations = await appliedMigrations(tx);
  const header: Line = {
    kind: 'header',
    payloadVersion: PAYLOAD_VERSION,
    appVersion: APP_VERSION,
    createdAt: clock().toISOString(),
    database: kind,
    migrations,
  };
  yield `${JSON.stringify(header)}\n`;
  const summaries: TableSummary[] = [];
  for (const table of await listTables(tx)) {
    yield `${JSON.stringify({ kind: 'table', name: table.name, columns: table.columns } satisfies Line)}\n`;
    const hash = createHash('sha256');
    let count = 0;
    await tx.execute(
      sql.raw(
        `declare kc_backup no scroll cursor for select t::text as r from public.${quoteIdent(table.name)} t`,
      ),
    );
    for (;;) {
      const rows = await rowsOf<{ r: string }>(
        tx,
        sql.raw(`fetch forward ${FETCH_ROWS} from kc_backup`),
      );
      if (rows.length === 0) break;
      let text = '';
      for (const row of rows) text += `${JSON.stringify(row.r)}\n`;
      hash.update(text);
      count += rows.length;
      yield text;
    }
    await tx.execute(sql.raw('close kc_backup'));
    const summary = { name: table.name, rows: count, sha256: hash.digest('hex') };
    summaries.push(summary);
    yield `${JSON.stringify({ kind: 'table-end', ...summary } satisfies Line)}\n`;
  }
  const sequences = await rowsOf<{ name: string; lastValue: string | null; startValue: string }>(
    tx,
    sql`select sequencename as "name", last_value::text as "lastValue",
          start_value::text as "startValue"
        from pg_sequences where schemaname = 'public' order by sequencename`,
  );
  yield `${JSON.stringify({ kind: 'sequences', values: sequences } satisfies Line)}\n`;
  yield `${JSON.stringify({ kind: 'manifest', tables: summaries } satisfies Line)}\n`;
}

export interface BackupOptions {
  /** Encrypts the backup when given. */
  passphrase?: string | undefined;
  clock?: () => Date;
}

/**
 * Writes a backup of the whole database to `file` (atomically: a partial file is never left
 * under that name). Returns its manifest.
 */
export async function createBackup(
  database: Database,
  file: string,
  options: BackupOptions = {},
): Promise<BackupManifest & { bytes: number }> {
  const { header, headerBytes, key } = newEnvelope(options.passphrase);
  const partial = `${file}.partial-${process.pid}`;
  let firstLine: Extract<Line, { kind: 'header' }> | undefined;
  let lastLine: Extract<Line, { kind: 'manifest' }> | undefined;
  try {
    await database.db.transaction(async (tx) => {
      // One snapshot for every table: what other sessions commit meanwhile is not seen.
      await tx.execute(sql.raw('set transaction isolation level repeatable read, read only'));
      const lines = dumpLines(tx, database.kind, options.clock ?? (() => new Date()));
      const source = Readable.from(
        (async function* () {
          yield headerBytes;
          const gzip = createGzip();
          const stages: Transform[] = key
            ? [gzip, encryptStream(header, headerBytes, key)]
            : [gzip];
          // The body goes through gzip (and the cipher); the header stays readable in front.
          const body = Readable.from(
            (async function* () {
              for await (const text of lines) {
                if (text.startsWith('{"kind":"header"'))
                  firstLine = JSON.parse(text) as typeof firstLine;
                if (text.startsWith('{"kind":"manifest"'))
                  lastLine = JSON.parse(text) as typeof lastLine;
                yield Buffer.from(text, 'utf8');
              }
            })(),
          );
          let stream: NodeJS.ReadableStream = body;
          for (const stage of stages) stream = stream.pipe(stage);
          body.on('error', (error) => stages[0]!.destroy(error));
          for await (const chunk of stream) yield chunk as Buffer;
        })(),
      );
      await pipeline(source, createWriteStream(partial, { mode: 0o600 }));
    });
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return {
    payloadVersion: PAYLOAD_VERSION,
    appVersion: firstLine!.appVersion,
    createdAt: firstLine!.createdAt,
    database: firstLine!.database,
    migrations: firstLine!.migrations,
    encrypted: key !== null,
    tables: lastLine!.tables,
    bytes: (await stat(file)).size,
  };
}

/** The lines of a backup file, decrypted and decompressed; damage surfaces as BackupError. */
async function* readLines(
  file: string,
  passphrase: string | undefined,
  onEnvelope: (encrypted: boolean) => void = () => undefined,
): AsyncGenerator<Line | string> {
  const handle = await open(file, 'r');
  let start: Buffer;
  try {
    const buffer = Buffer.alloc(70_000);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    start = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const { header, headerBytes } = parseEnvelope(start);
  const key = keyFor(header, passphrase);
  onEnvelope(key !== null);
  const raw = createReadStream(file, { start: headerBytes.length });
  const gunzip = createGunzip();
  const stages: Transform[] = key ? [decryptStream(header, headerBytes, key), gunzip] : [gunzip];
  let stream: NodeJS.ReadableStream = raw;
  for (const stage of stages) {
    const next = stage;
    (stream as Readable).on('error', (error) => next.destroy(error));
    stream = stream.pipe(next);
  }
  const split = async function* (input: NodeJS.ReadableStream): AsyncGenerator<string> {
    // A line splitter of our own: readline's iterator does not surface a failing input.
    let rest = '';
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for await (const chunk of input) {
      const text = rest + decoder.decode(chunk as Buffer, { stream: true });
      const parts = text.split('\n');
      rest = parts.pop()!;
      yield* parts;
    }
    rest += decoder.decode();
    if (rest.length > 0) yield rest;
  };
  try {
    for await (const line of split(stream)) {
      if (line.startsWith('"')) {
        yield line;
      } else {
        try {
          yield JSON.parse(line) as Line;
        } catch {
          throw new BackupError('corrupt', 'The backup is damaged (unreadable line).');
        }
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(String(error))) {
      throw new BackupError('truncated', 'The backup is incomplete (cut off before its end).');
    }
    throw new BackupError('corrupt', `The backup is damaged (${(error as Error).message}).`);
  } finally {
    raw.destroy();
    for (const stage of stages) stage.destroy();
  }
}

/**
 * Reads a whole backup and checks it: envelope, passphrase, every table's row count and
 * checksum, the closing manifest. Touches no database. Returns the manifest.
 */
export async function verifyBackup(
  file: string,
  passphrase?: string,
): Promise<BackupManifest & { tablesInfo: TableInfo[] }> {
  return scan(file, passphrase, async () => undefined);
}

async function scan(
  file: string,
  passphrase: string | undefined,
  onRows: (table: TableInfo, rows: string[]) => Promise<void>,
  onHeader?: (header: Extract<Line, { kind: 'header' }>) => Promise<void>,
  onSequences?: (values: Extract<Line, { kind: 'sequences' }>['values']) => Promise<void>,
): Promise<BackupManifest & { tablesInfo: TableInfo[] }> {
  let header: Extract<Line, { kind: 'header' }> | undefined;
  let manifest: Extract<Line, { kind: 'manifest' }> | undefined;
  const seen: TableSummary[] = [];
  const tablesInfo: TableInfo[] = [];
  let current: { info: TableInfo; hash: ReturnType<typeof createHash>; rows: number } | undefined;
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (current && batch.length > 0) await onRows(current.info, batch);
    batch = [];
    batchBytes = 0;
  };
  const damaged = (why: string) => new BackupError('corrupt', `The backup is damaged (${why}).`);
  let encrypted = false;
  for await (const line of readLines(file, passphrase, (e) => (encrypted = e))) {
    if (manifest) throw damaged('data after the manifest');
    if (typeof line === 'string') {
      if (!current) throw damaged('a row outside a table');
      current.hash.update(`${line}\n`);
      current.rows += 1;
      const text = JSON.parse(line) as string;
      batch.push(text);
      batchBytes += text.length;
      if (batchBytes >= INSERT_BATCH_BYTES || batch.length >= INSERT_BATCH_ROWS) await flush();
      continue;
    }
    if (!header) {
      if (line.kind !== 'header') throw damaged('no header');
      if (line.payloadVersion > PAYLOAD_VERSION) {
        throw new BackupError(
          'newer_schema',
          `This backup was written by Kiểm Chứng ${line.appVersion} in a newer format; upgrade this installation first.`,
        );
      }
      header = line;
      if (onHeader) await onHeader(line);
      continue;
    }
    switch (line.kind) {
      case 'table':
        if (current) throw damaged(`table ${current.info.name} not closed`);
        current = {
          info: { name: line.name, columns: line.columns },
          hash: createHash('sha256'),
          rows: 0,
        };
        break;
      case 'table-end': {
        if (!current || current.info.name !== line.name) throw damaged('a table end out of place');
        const sha256 = current.hash.digest('hex');
        if (sha256 !== line.sha256 || current.rows !== line.rows) {
          throw damaged(`checksum of table ${line.name} does not match`);
        }
        await flush();
        seen.push({ name: line.name, rows: line.rows, sha256 });
        tablesInfo.push(current.info);
        current = undefined;
        break;
      }
      case 'sequences':
        if (onSequences) await onSequences(line.values);
        break;
      case 'manifest':
        if (current) throw damaged(`table ${current.info.name} not closed`);
        if (JSON.stringify(line.tables) !== JSON.stringify(seen)) throw damaged('manifest differs');
        manifest = line;
        break;
      case 'header':
        throw damaged('a second header');
      default:
        throw damaged('an unknown line');
    }
  }
  if (!header || !manifest) {
    throw new BackupError('truncated', 'The backup is incomplete (its manifest is missing).');
  }
  return {
    payloadVersion: header.payloadVersion,
    appVersion: header.appVersion,
    createdAt: header.createdAt,
    database: header.database,
    migrations: header.migrations,
    encrypted,
    tables: manifest.tables,
    tablesInfo,
  };
}

/**
 * Refuses a backup whose schema is not this database's: newer (made by a later release: upgrade
 * first) or older (restore it with its own release, then upgrade), or whose tables differ.
 */
function checkSchema(
  backup: { migrations: string[]; appVersion: string },
  current: string[],
  known: readonly string[],
): void {
  const knownSet = new Set(known);
  const unknown = backup.migrations.filter((h) => !knownSet.has(h));
  if (unknown.length > 0) {
    throw new BackupError(
      'newer_schema',
      `This backup comes from a newer schema (Kiểm Chứng ${backup.appVersion}, ${unknown.length} migration(s) this version does not know). Upgrade this installation, then restore.`,
    );
  }
  const currentSet = new Set(current);
  if (
    backup.migrations.length !== current.length ||
    backup.migrations.some((h) => !currentSet.has(h))
  ) {
    throw new BackupError(
      'older_schema',
      `This backup comes from an older schema (Kiểm Chứng ${backup.appVersion}: ${backup.migrations.length} migrations, this database has ${current.length}). Restore it with that release, then upgrade.`,
    );
  }
}

function sameColumns(a: ColumnInfo[], b: ColumnInfo[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Replaces the whole database with a backup. The file is verified completely first; then every
 * table is emptied and refilled in one transaction with triggers and foreign-key checks off
 * (`session_replication_role = replica`): the append-only audit trigger is bypassed here and
 * nowhere else, and the rows are a consistent snapshot already. Anything wrong leaves the
 * current data untouched.
 */
export async function restoreBackup(
  database: Database,
  file: string,
  options: { passphrase?: string | undefined } = {},
): Promise<BackupManifest> {
  const verified = await verifyBackup(file, options.passphrase);
  const db = database.db;
  checkSchema(verified, await appliedMigrations(db), knownMigrationHashes());
  const currentTables = await listTables(db);
  const byName = new Map(currentTables.map((t) => [t.name, t]));
  const mismatch =
    currentTables.length !== verified.tablesInfo.length ||
    verified.tablesInfo.some(
      (t) => !byName.has(t.name) || !sameColumns(byName.get(t.name)!.columns, t.columns),
    );
  if (mismatch) {
    throw new BackupError(
      'schema_mismatch',
      "The backup's tables differ from this database's although their migrations match; nothing was restored.",
    );
  }
  await db.transaction(async (tx) => {
    try {
      await tx.execute(sql.raw('set local session_replication_role = replica'));
    } catch {
      throw new BackupError(
        'permission',
        'Restoring needs a database role allowed to set session_replication_role (a superuser, or on PostgreSQL 15+: GRANT SET ON PARAMETER session_replication_role TO <role>). Nothing was restored.',
      );
    }
    await tx.execute(
      sql.raw(
        `truncate table ${currentTables.map((t) => `public.${quoteIdent(t.name)}`).join(', ')}`,
      ),
    );
    await scan(
      file,
      options.passphrase,
      async (table, rows) => {
        const columns = table.columns.filter((c) => !c.generated).map((c) => quoteIdent(c.name));
        const target = `public.${quoteIdent(table.name)}`;
        await tx.execute(
          sql`${sql.raw(`insert into ${target} (${columns.join(', ')}) select ${columns.map((c) => `(r::${target}).${c}`).join(', ')}`)}
              from json_array_elements_text(${JSON.stringify(rows)}::json) as r`,
        );
      },
      async (header) => {
        // The file could have changed since it was verified.
        if (JSON.stringify(header.migrations) !== JSON.stringify(verified.migrations)) {
          throw new BackupError('corrupt', 'The backup changed while it was being restored.');
        }
      },
      async (values) => {
        for (const seq of values) {
          const name = `public.${quoteIdent(seq.name)}`;
          await tx.execute(
            seq.lastValue === null
              ? sql`select setval(${name}::regclass, ${seq.startValue}::bigint, false)`
              : sql`select setval(${name}::regclass, ${seq.lastValue}::bigint, true)`,
          );
        }
      },
    );
  });
  const { tablesInfo: _omit, ...manifest } = verified;
  return manifest;
}
