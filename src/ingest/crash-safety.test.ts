/**
 * Kill -9 in the middle of ingesting 20,000 items, start again: every item is stored exactly
 * once, each sighting counted once, and every item went through the pipeline.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { writeSyntheticFeeds } from '../../test/synthetic-feeds.js';
import { verifyAuditChain } from '../db/audit.repo.js';
import { openDatabase } from '../db/client.js';

const FILES = 40;
const PER_FILE = 500;
const TOTAL = FILES * PER_FILE;
const BIN = new URL('../../bin/kiemchung.js', import.meta.url).pathname;

interface Target {
  kind: string;
  env: Record<string, string>;
  open(): ReturnType<typeof openDatabase>;
  cleanup(): Promise<void>;
}

function targets(workDir: string): Target[] {
  const dataDir = join(workDir, 'data');
  const list: Target[] = [
    {
      kind: 'pglite',
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir: join(dataDir, '.') }),
      cleanup: async () => {},
    },
  ];
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `kc_crash_${randomBytes(5).toString('hex')}`;
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    list.push({
      kind: 'postgres',
      env: { DATABASE_URL: url.toString(), DATA_DIR: join(workDir, 'pg-data') },
      async open() {
        return openDatabase({ databaseUrl: url.toString(), maxConnections: 2 });
      },
      async cleanup() {
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    });
    // Created up front so the child finds it.
    list.at(-1)!.env.KC_CREATE_DB = name;
  }
  return list;
}

async function createDatabase(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
}

/** Runs `kiemchung ingest`; with `killAfterRead`, kill -9 once that many entries were stored. */
function runIngest(
  env: Record<string, string>,
  dir: string,
  killAfterRead?: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'ingest', '--dir', dir, '--json', '--progress'], {
      env: { ...process.env, ...env, DEMO_DATA: 'never', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (killAfterRead === undefined) return;
      const read = [...stderr.matchAll(/progress (\d+)/g)].map((m) => Number(m[1]));
      // Killed while the next batch is being written.
      if ((read.at(-1) ?? 0) >= killAfterRead) setTimeout(() => child.kill('SIGKILL'), 150);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('crash safety of ingestion', () => {
  let workDir: string;
  let feedDir: string;
  before(() => {
    workDir = mkdtempSync(join(tmpdir(), 'kc-crash-'));
    feedDir = join(workDir, 'feeds');
    writeSyntheticFeeds(feedDir, FILES, PER_FILE);
  });
  after(() => rmSync(workDir, { recursive: true, force: true }));

  for (const target of targets(mkdtempSync(join(tmpdir(), 'kc-crash-db-')))) {
    test(`kill -9 while ingesting ${TOTAL} items on ${target.kind}, restart: each item exactly once`, async () => {
      const { KC_CREATE_DB: dbName, ...env } = target.env;
      if (dbName) await createDatabase(process.env.TEST_DATABASE_URL!, dbName);
      try {
        const killed = await runIngest(env, feedDir, 4000);
        assert.equal(killed.signal, 'SIGKILL', `the first run was not killed: ${killed.stderr}`);
        const restarted = await runIngest(env, feedDir);
        assert.equal(restarted.code, 0, restarted.stderr);
        const report = JSON.parse(restarted.stdout) as { items: number; stored: number };
        assert.equal(report.items, TOTAL);
        assert.ok(report.stored < TOTAL, 'the first run had stored some items before the kill');

        const database = await target.open();
        try {
          const one = async (sql: string) =>
            Number(Object.values((await database.query(sql)).rows[0] as object)[0]);
          assert.equal(await one('select count(*) from items'), TOTAL);
          assert.equal(await one('select count(distinct canonical_url) from items'), TOTAL);
          assert.equal(await one('select count(*) from item_sightings'), TOTAL);
          assert.equal(await one('select count(*) from items where sightings_count <> 1'), 0);
          assert.equal(await one('select count(*) from items where processed_at is null'), 0);
          // The audit chain is intact and names every item exactly once.
          assert.equal((await verifyAuditChain(database.db)).ok, true);
          assert.equal(
            await one(`select count(*) from (
              select jsonb_array_elements_text(data->'itemIds') as id from audit_events
              where action = 'items.created'
              union all
              select entity_id from audit_events where action = 'item.created') ids`),
            TOTAL,
          );
        } finally {
          await database.close();
        }
      } finally {
        await target.cleanup();
      }
    });
  }
});
