/**
 * Fresh, migrated databases for tests: every test file gets its own, on PGlite always and on
 * PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). Migrating once into a template and
 * copying it keeps each file's setup well under a second.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import type { Repositories } from '../src/core/ports.js';
import { openDatabase, wrapPglite, type Database } from '../src/db/client.js';
import { migrate, MIGRATIONS_FOLDER } from '../src/db/migrate.js';
import { createRepositories } from '../src/db/repositories.js';

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  database: Database;
  repos: Repositories;
  /** Connection string of the PostgreSQL database (undefined on PGlite). */
  url: string | undefined;
  close(): Promise<void>;
}

export interface DatabaseTarget {
  kind: 'pglite' | 'postgres';
  open(): Promise<TestDatabase>;
}

function schemaHash(): string {
  const journal = readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8');
  const hash = createHash('sha256').update(journal);
  for (const entry of (JSON.parse(journal) as { entries: Array<{ tag: string }> }).entries) {
    hash.update(readFileSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`)));
  }
  return hash.digest('hex').slice(0, 16);
}

const extensions = { pg_trgm, unaccent };

async function pgliteTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `kiemchung-test-${schemaHash()}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const client = await PGlite.create({ extensions });
  await migrate(wrapPglite(client));
  const dump = await client.dumpDataDir('none');
  await client.close();
  const bytes = Buffer.from(await dump.arrayBuffer());
  // Concurrent test files may race here; rename makes the write atomic.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
  return new Blob([bytes]);
}

async function openPgliteTest(): Promise<TestDatabase> {
  const client = await PGlite.create({ extensions, loadDataDir: await pgliteTemplate() });
  const database = wrapPglite(client);
  return {
    kind: 'pglite',
    database,
    repos: createRepositories(database.db),
    url: undefined,
    close: () => database.close(),
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function openPostgresTest(adminUrl: string): Promise<TestDatabase> {
  const template = `kc_tpl_${schemaHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `kc_test_${randomBytes(6).toString('hex')}`;
  try {
    // One file builds the template; the others wait for it.
    await admin.query('select pg_advisory_lock(726102)');
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount === 0) {
        await admin.query(`create database ${template}`);
        const db = await openDatabase({
          databaseUrl: withDatabase(adminUrl, template),
          maxConnections: 1,
        });
        try {
          await migrate(db);
        } finally {
          await db.close();
        }
      }
      await admin.query(`create database ${name} template ${template}`);
    } finally {
      await admin.query('select pg_advisory_unlock(726102)');
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ databaseUrl: url, maxConnections: 5 });
  return {
    kind: 'postgres',
    database,
    repos: createRepositories(database.db),
    url,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** The databases the integration suite runs on here. */
export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ kind: 'pglite', open: openPgliteTest }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) targets.push({ kind: 'postgres', open: () => openPostgresTest(url) });
  return targets;
}
