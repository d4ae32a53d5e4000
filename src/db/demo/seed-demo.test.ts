import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { verifyAuditChain } from '../audit.repo.js';
import { openDatabase, type Database } from '../client.js';
import { migrate } from '../migrate.js';
import { verifyPassword } from '../../core/password.js';
import { demoContent, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from './demo-content.js';
import { seedDemo } from './seed-demo.js';
import { normalizeReceiptCode } from '../../core/receipt-code.js';

const TEST_SECRET = 'demo-test-secret-0123456789abcdef0123';

const NOW = new Date('2026-03-15T09:30:00.000Z');
const HOUR_MS = 3_600_000;

interface Target {
  name: string;
  open: () => Promise<{ database: Database; tearDown: () => Promise<void> }>;
}

const pglite: Target = {
  name: 'PGlite',
  async open() {
    const database = await openDatabase({});
    return { database, tearDown: () => database.close() };
  },
};

/** A fresh, throw-away database on the server at `url`; dropped on tear-down. */
function postgres(url: string): Target {
  return {
    name: 'PostgreSQL',
    async open() {
      const name = `kc_demo_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const dbUrl = new URL(url);
      dbUrl.pathname = `/${name}`;
      const database = await openDatabase({ databaseUrl: dbUrl.toString(), maxConnections: 2 });
      return {
        database,
        async tearDown() {
          await database.close();
          const cleaner = new pg.Client({ connectionString: url });
          await cleaner.connect();
          await cleaner.query(`drop database if exists ${name} with (force)`);
          await cleaner.end();
        },
      };
    },
  };
}

void test('demo content is well-formed Vietnamese data', () => {
  const strings: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(demoContent);
  for (const s of strings) assert.equal(s, s.normalize('NFC'), `not NFC: ${s.slice(0, 60)}`);

  const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  const slugs = [
    ...demoContent.categories.map((c) => c.slug),
    ...demoContent.statements.map((s) => s.slug),
    ...demoContent.claims.flatMap((c) => (c.check ? [c.check.slug] : [])),
  ];
  for (const s of slugs) assert.match(s, slug);
  assert.equal(new Set(slugs).size, slugs.length);

  for (const tip of demoContent.tips) {
    assert.equal(normalizeReceiptCode(tip.receiptCode), tip.receiptCode);
  }
  for (const user of demoContent.users) assert.ok(user.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`));
  for (const url of strings.filter((s) => /^https?:\/\//.test(s))) {
    const host = new URL(url).hostname;
    assert.ok(
      host.endsWith('.example') || host === 'baotinhdemo.vn',
      `URL outside the fictional domains: ${url}`,
    );
  }
  // No telephone numbers or e-mail addresses other than the demo accounts' in the content.
  for (const s of strings) {
    assert.doesNotMatch(s, /(?:\+84|\b0)\d{2,3}[ .]?\d{3}[ .]?\d{3,4}\b/, `phone-like: ${s}`);
    if (!s.endsWith(`@${DEMO_EMAIL_DOMAIN}`)) assert.doesNotMatch(s, /@[\w-]+\.\w/, s);
  }
  const keys = demoContent.claims.map((c) => c.text);
  assert.equal(new Set(keys).size, keys.length);
});

const targets: Target[] = [pglite];
const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) targets.push(postgres(postgresUrl));

for (const target of targets) {
  void describe(`demo seed on ${target.name}`, () => {
    let database: Database;
    let tearDown: () => Promise<void>;
    before(async () => {
      ({ database, tearDown } = await target.open());
      await migrate(database);
    });
    after(() => tearDown());

    const count = async (sql: string) => {
      const { rows } = await database.query<{ n: number }>(`select (${sql})::int as n`);
      return rows[0]!.n;
    };

    void test('seeds a coherent desk once', async () => {
      const result = await seedDemo(database, { now: NOW, secretKey: TEST_SECRET });
      assert.equal(result.seeded, true);

      const items = await count('select count(*) from items');
      assert.ok(items >= 38 && items <= 46, `items: ${items}`);
      assert.equal(result.counts.items, items);
      const channels = await database.query<{ channel: string }>(
        'select distinct channel::text as channel from items order by 1',
      );
      assert.deepEqual(
        channels.rows.map((r) => r.channel),
        ['api', 'feed', 'import', 'staff', 'tip', 'url'],
      );
      assert.equal(await count('select count(*) from claims'), 15);
      assert.equal(result.counts.claims, 15);

      const states = await database.query<{ status: string; reason: string | null }>(
        `select distinct status::text as status, rejection_reason::text as reason from claims`,
      );
      const seen = new Set(states.rows.map((r) => `${r.status}/${r.reason ?? ''}`));
      for (const state of [
        'new/',
        'triage/',
        'researching/',
        'in_review/',
        'approved/',
        'published/',
        'corrected/',
        'rejected/duplicate',
        'rejected/not_checkable',
        'rejected/out_of_scope',
      ]) {
        assert.ok(seen.has(state), `claim state ${state} missing`);
      }
      assert.ok(
        (await count(
          `select count(*) from claims where due_at < '${NOW.toISOString()}' and status in ('new','triage','researching','in_review','approved')`,
        )) >= 1,
        'some open claim is overdue',
      );
      assert.equal(
        await count(
          `select count(*) from claims c join claims m on m.id = c.merged_into_id where c.rejection_reason = 'duplicate'`,
        ),
        1,
      );

      // Eight published checks, each with evidence and an independent reviewer.
      const published = await database.query<{
        evidence: number;
        author_id: string;
        reviewer_id: string;
        rating: string;
        versions: number;
        claim_status: string;
      }>(`
        select c.author_id, c.reviewer_id, c.rating::text as rating, cl.status::text as claim_status,
               (select count(*)::int from evidence e where e.claim_id = c.claim_id) as evidence,
               (select count(*)::int from check_versions v where v.check_id = c.id) as versions
          from checks c join claims cl on cl.id = c.claim_id
         where c.status = 'published'`);
      assert.equal(published.rows.length, 8);
      for (const row of published.rows) {
        assert.ok(row.evidence >= 1);
        assert.notEqual(row.reviewer_id, row.author_id);
        assert.ok(row.versions >= 1);
      }
      const ratings = published.rows.map((r) => r.rating);
      for (const rating of ['true', 'misleading', 'false', 'unproven']) {
        assert.ok(ratings.includes(rating), `rating ${rating} missing`);
      }
      assert.ok(ratings.filter((r) => r === 'not_checkable').length <= 1);
      assert.equal(
        await count(`select count(*) from check_corrections k join checks c on c.id = k.check_id
                      join claims cl on cl.id = c.claim_id where cl.status = 'corrected' and c.version = 2`),
        1,
      );
      // Every URL evidence of a published check has its snapshot, and the hash matches the text.
      const snaps = await database.query<{ ok: boolean }>(`
        select s.sha256 = encode(sha256(convert_to(s.text, 'UTF8')), 'hex')
               and s.size_bytes = octet_length(s.text) and e.url = s.url as ok
          from evidence e join checks c on c.claim_id = e.claim_id and c.status = 'published'
          left join snapshots s on s.id = e.snapshot_id
         where e.kind = 'url'`);
      assert.ok(snaps.rows.length >= 8);
      assert.ok(snaps.rows.every((r) => r.ok));

      // Counters agree with the rows they count.
      assert.equal(
        await count(`select count(*) from items i where i.sightings_count <>
                      (select count(*) from item_sightings s where s.item_id = i.id)`),
        0,
      );
      assert.ok((await count('select count(*) from items where sightings_count > 1')) >= 5);
      assert.equal(
        await count(`select count(*) from clusters k where k.items_count <>
                      (select count(*) from items i where i.cluster_id = k.id)`),
        0,
      );
      assert.ok((await count('select count(*) from clusters')) >= 3);
      assert.equal(
        await count(`select count(*) from sources s where s.items_count <>
                      (select count(*) from items i where i.source_id = s.id)`),
        0,
      );
      assert.equal(
        await count(
          `select count(*) from items i where i.status = 'linked' and not exists (select 1 from claim_items ci where ci.item_id = i.id)`,
        ),
        0,
      );

      assert.equal(await count('select count(*) from sources'), 4);
      assert.equal(
        await count(
          'select count(*) from sources where last_error is not null and failure_score > 0',
        ),
        2,
      );
      const categories = await count('select count(*) from categories');
      assert.ok(categories >= 5 && categories <= 7);
      assert.equal(
        await count(
          `select count(*) from statements where status = 'published' and published_at is not null`,
        ),
        2,
      );
      assert.ok((await count('select count(*) from tips')) >= 2);
      assert.equal(await count('select count(*) from tips where contact_encrypted is not null'), 0);
      assert.equal(
        await count('select count(*) from inquiries where contact_encrypted is null'),
        1,
      );
      const roles = await database.query<{ role: string }>(
        'select role::text as role from users order by 1',
      );
      assert.deepEqual(
        roles.rows.map((r) => r.role),
        ['admin', 'contributor', 'editor', 'editor', 'lead', 'press'],
      );
      // Every demo account signs in with the demo password; none has two-factor yet.
      const hashes = await database.query<{ password_hash: string; totp_enabled_at: Date | null }>(
        'select password_hash, totp_enabled_at from users',
      );
      for (const row of hashes.rows) {
        assert.ok(await verifyPassword(row.password_hash, DEMO_PASSWORD));
        assert.equal(row.totp_enabled_at, null);
      }

      // The demo looks current: everything happened within the last month before `now`.
      const span = await database.query<{ oldest: Date; newest: Date }>(
        'select min(first_seen_at) as oldest, max(last_seen_at) as newest from items',
      );
      const { oldest, newest } = span.rows[0]!;
      assert.ok(new Date(oldest).getTime() >= NOW.getTime() - 31 * 24 * HOUR_MS);
      assert.ok(new Date(newest).getTime() <= NOW.getTime());

      const audit = await verifyAuditChain(database.db);
      assert.ok(audit.ok);
      assert.equal(audit.checked, result.counts.auditEvents);
      assert.equal(
        await count(`select count(*) from audit_events where action = 'check.published'`),
        8,
      );
    });

    void test('seeding again changes nothing', async () => {
      const before =
        (await count('select count(*) from items')) +
        (await count('select count(*) from audit_events'));
      const again = await seedDemo(database, { now: new Date(), secretKey: TEST_SECRET });
      assert.deepEqual(again, { seeded: false, counts: {} });
      const after =
        (await count('select count(*) from items')) +
        (await count('select count(*) from audit_events'));
      assert.equal(after, before);
      assert.ok((await verifyAuditChain(database.db)).ok);
    });
  });
}
