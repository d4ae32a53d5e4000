import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { createTestUser, insertPublishedCheck } from '../../test/factories.js';
import { encryptContact } from '../core/contact-crypto.js';
import { generateReceiptCode, receiptCodeDigest } from '../core/receipt-code.js';
import { verifyAuditChain } from './audit.repo.js';
import {
  ERASED_TIP_TEXT,
  eraseInquiryContact,
  eraseTip,
  exportInquiry,
  exportTip,
  planInquiryErasure,
  planTipErasure,
  privacyReport,
  PrivacyLookupError,
} from './privacy.js';
import { runCli as run } from '../../test/cli.js';

const SECRET = 'p'.repeat(64);
const DAY = 86_400_000;
const NOW = new Date('2026-06-01T00:00:00Z');
const POLICIES = {
  contactRetention: { afterAnswerDays: 90, maxDays: 365 },
  sessionIdleMinutes: 120,
  sessionAbsoluteHours: 72,
  rawPageRetentionDays: 30,
};

interface TipInput {
  contact?: string;
  text?: string;
  link?: string | null;
  status?: 'received' | 'answered' | 'closed';
  receivedDaysAgo?: number;
  answerCheckId?: string | null;
}

async function insertTip(t: TestDatabase, input: TipInput = {}) {
  const id = randomUUID();
  const code = generateReceiptCode();
  const created = new Date(NOW.getTime() - (input.receivedDaysAgo ?? 1) * DAY);
  await t.database.query(
    `insert into tips (id, receipt_digest, link, text, contact_encrypted, consent, status,
       answer_check_id, created_at, updated_at, contact_delete_after)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)`,
    [
      id,
      receiptCodeDigest(code, SECRET),
      input.link === undefined ? 'https://example.vn/tin-don' : input.link,
      input.text ?? 'Tôi thấy tin này trong nhóm Zalo của xóm.',
      input.contact ? encryptContact(input.contact, SECRET, id) : null,
      input.contact !== undefined,
      input.status ?? 'received',
      input.answerCheckId ?? null,
      created.toISOString(),
      input.contact ? new Date(created.getTime() + 365 * DAY).toISOString() : null,
    ],
  );
  return { id, code };
}

/** A press inquiry with a journalist's contact, as the desk stores it. */
async function insertInquiry(t: TestDatabase, contact: string | null): Promise<string> {
  const id = randomUUID();
  await t.database.query(
    `insert into inquiries (id, outlet, question, contact_encrypted, status, answer, answered_at,
       created_at, updated_at, contact_delete_after)
     values ($1, 'Báo Thử', 'Tin đồn về giá điện có đúng không?', $2, 'answered',
       'Không đúng.', $3, $3, $3, $4)`,
    [
      id,
      contact === null ? null : encryptContact(contact, SECRET, `inquiry:${id}`),
      new Date(NOW.getTime() - 2 * DAY).toISOString(),
      new Date(NOW.getTime() + 300 * DAY).toISOString(),
    ],
  );
  return id;
}

for (const target of databaseTargets()) {
  describe(`tipster privacy (${target.kind})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await target.open();
    });
    after(() => t.close());

    test('the report counts what the fixtures hold, under the stored policy', async () => {
      // Due now: received 400 days ago (past the ceiling); answered 100 days ago (past 90).
      await insertTip(t, { contact: 'a@example.vn', receivedDaysAgo: 400 });
      await insertTip(t, { contact: '0901 234 567', receivedDaysAgo: 100, status: 'answered' });
      // Answered 80 days ago: due in 10 days. Received 10 days ago, open: due in 355 days.
      await insertTip(t, { contact: 'b@example.vn', receivedDaysAgo: 80, status: 'answered' });
      await insertTip(t, { contact: 'c@example.vn', receivedDaysAgo: 10 });
      await insertTip(t, { receivedDaysAgo: 5 });
      await createTestUser(t.repos, 'editor');
      const disabled = await createTestUser(t.repos, 'contributor');
      await t.database.query(`update users set disabled_at = now() where id = $1`, [
        disabled.user.id,
      ]);
      await t.database.query(
        `insert into sessions (token_hash, user_id, csrf_token, expires_at)
         values ('h1', $1, 'c', $2), ('h2', $1, 'c', $3)`,
        [
          disabled.user.id,
          new Date(NOW.getTime() + DAY).toISOString(),
          new Date(NOW.getTime() - DAY).toISOString(),
        ],
      );
      await t.database.query(
        `insert into login_throttle (key, failures, window_started_at) values ('k1', 2, now())`,
      );
      await t.database.query(
        `insert into rate_counters (key, hits, window_ends_at) values ('r1', 3, now()), ('r2', 1, now())`,
      );
      const sha = 'a'.repeat(64);
      await t.database.query(
        `insert into file_blobs (sha256, size_bytes, mime, data) values ($1, 5, 'text/html', '\\x3c68746d6c'::bytea)`,
        [sha],
      );
      await t.database.query(
        `insert into snapshots (url, final_url, http_status, sha256, size_bytes, storage_key)
         values ('https://a.vn', 'https://a.vn', 200, $1, 5, $1),
                ('https://b.vn', 'https://b.vn', 200, $1, 5, null)`,
        [sha],
      );

      const report = await privacyReport(t.database.db, POLICIES, NOW);
      assert.equal(report.contacts.count, 4);
      assert.equal(report.contacts.dueNow, 2);
      assert.equal(report.contacts.dueWithin30Days, 3);
      assert.equal(
        report.contacts.nextDeletionAt,
        new Date(NOW.getTime() + 10 * DAY).toISOString(),
      );
      assert.equal(
        report.contacts.oldestReceivedAt,
        new Date(NOW.getTime() - 400 * DAY).toISOString(),
      );
      assert.equal(report.contacts.policy.source, 'config');
      assert.deepEqual(report.tips, { count: 5, withConsent: 4, erased: 0 });
      assert.equal(report.accounts.count, 2);
      assert.equal(report.accounts.disabled, 1);
      assert.equal(report.sessions.count, 2);
      assert.equal(report.sessions.active, 1);
      assert.deepEqual(report.sessions.policy, { idleMinutes: 120, absoluteHours: 72 });
      assert.equal(report.signInThrottle.count, 1);
      assert.equal(report.rateCounters.count, 2);
      assert.equal(report.rawPages.snapshots, 2);
      assert.equal(report.rawPages.withRawPage, 1);
      assert.equal(report.rawPages.bytes, 5);
      assert.equal(report.rawPages.retentionDays, 30);

      // A shorter policy stored from the desk applies to contacts already held.
      const saved = await t.repos.settings.put(
        'retention',
        0,
        { afterAnswerDays: 5, maxDays: 20 },
        null,
      );
      assert.ok(saved.ok);
      const stricter = await privacyReport(t.database.db, POLICIES, NOW);
      assert.equal(stricter.contacts.policy.source, 'database');
      assert.equal(stricter.contacts.dueNow, 3);
      assert.equal(
        stricter.contacts.nextDeletionAt,
        new Date(NOW.getTime() + 10 * DAY).toISOString(),
      );
    });

    test("the report counts journalists' contacts under the same policy", async () => {
      const inquiry = async (
        receivedDaysAgo: number,
        state: { answeredDaysAgo?: number; closedDaysAgo?: number; contact?: boolean } = {},
      ) => {
        const id = randomUUID();
        const received = new Date(NOW.getTime() - receivedDaysAgo * DAY);
        const ago = (days: number | undefined) =>
          days === undefined ? null : new Date(NOW.getTime() - days * DAY).toISOString();
        const status =
          state.closedDaysAgo !== undefined
            ? 'closed'
            : state.answeredDaysAgo !== undefined
              ? 'answered'
              : 'open';
        await t.database.query(
          `insert into inquiries (id, outlet, question, contact_encrypted, status, answer,
             answered_at, closed_at, created_at, updated_at, contact_delete_after)
           values ($1, 'Báo thử', 'Câu hỏi thử?', $2, $3, $4, $5, $6, $7, $7, $8)`,
          [
            id,
            state.contact === false
              ? null
              : encryptContact('pv@bao.example', SECRET, `inquiry:${id}`),
            status,
            state.answeredDaysAgo === undefined ? null : 'Đã trả lời.',
            ago(state.answeredDaysAgo),
            ago(state.closedDaysAgo),
            received.toISOString(),
            state.contact === false ? null : new Date(received.getTime() + 365 * DAY).toISOString(),
          ],
        );
      };
      // Due now: received 400 days ago; answered 100 days ago (past 90 days).
      await inquiry(400);
      await inquiry(120, { answeredDaysAgo: 100 });
      // Answered 80 days ago and closed since: due in 10 days, from the answer. Closed
      // unanswered 85 days ago: due in 5 days. Open, 10 days old: at the ceiling, in 355 days.
      await inquiry(82, { answeredDaysAgo: 80, closedDaysAgo: 1 });
      await inquiry(86, { closedDaysAgo: 85 });
      await inquiry(10);
      await inquiry(3, { contact: false });

      // The policy in force is the configuration's 90/365 days, whatever an earlier test stored.
      const stored = await t.repos.settings.get('retention');
      const saved = await t.repos.settings.put(
        'retention',
        stored?.version ?? 0,
        POLICIES.contactRetention,
        null,
      );
      assert.ok(saved.ok);
      const report = await privacyReport(t.database.db, POLICIES, NOW);
      assert.deepEqual(report.inquiryContacts, {
        count: 5,
        oldestReceivedAt: new Date(NOW.getTime() - 400 * DAY).toISOString(),
        dueNow: 2,
        dueWithin30Days: 4,
        nextDeletionAt: new Date(NOW.getTime() + 5 * DAY).toISOString(),
      });
    });

    test('export decrypts the contact and includes the verdict', async () => {
      const check = await insertPublishedCheck(t.repos, t.database, {
        claimText: 'Uống nước muối chữa khỏi cúm',
        rating: 'false',
      });
      const { id, code } = await insertTip(t, {
        contact: 'nguoi.bao.tin@example.vn',
        status: 'answered',
        answerCheckId: check.checkId,
      });
      const data = await exportTip(t.database.db, code.toLowerCase(), SECRET);
      assert.equal(data.id, id);
      assert.equal(data.receiptCode, code);
      assert.equal(data.contact, 'nguoi.bao.tin@example.vn');
      assert.equal(data.consent, true);
      assert.equal(data.status, 'answered');
      assert.equal(data.verdict?.checkId, check.checkId);
      assert.equal(data.verdict?.rating, 'false');

      const plain = await insertTip(t, {});
      const noContact = await exportTip(t.database.db, plain.code, SECRET);
      assert.equal(noContact.contact, null);
      assert.equal(noContact.verdict, null);
    });

    test('unknown and malformed codes are clear errors', async () => {
      await assert.rejects(
        exportTip(t.database.db, generateReceiptCode(), SECRET),
        (e: unknown) => e instanceof PrivacyLookupError && e.reason === 'not-found',
      );
      await assert.rejects(
        eraseTip(t.database.db, 'KC-1234', SECRET, NOW),
        (e: unknown) => e instanceof PrivacyLookupError && e.reason === 'malformed',
      );
    });

    test('erase removes contact, consent and text, keeps the link and the chain; twice is a no-op', async () => {
      const { id, code } = await insertTip(t, {
        contact: 'xoa.toi@example.vn',
        text: 'Tôi là Lan ở Hội An, tôi thấy tin này.',
      });
      const plan = await planTipErasure(t.database.db, code, SECRET);
      assert.deepEqual(
        { contact: plan.contact, consent: plan.consent, text: plan.text, changed: plan.changed },
        { contact: true, consent: true, text: true, changed: true },
      );
      const untouched = await exportTip(t.database.db, code, SECRET);
      assert.equal(untouched.contact, 'xoa.toi@example.vn', 'planning changes nothing');

      const first = await eraseTip(t.database.db, code, SECRET, NOW);
      assert.equal(first.changed, true);
      const after = await exportTip(t.database.db, code, SECRET);
      assert.equal(after.contact, null);
      assert.equal(after.consent, false);
      assert.equal(after.text, ERASED_TIP_TEXT);
      assert.equal(after.link, 'https://example.vn/tin-don');
      assert.equal(after.contactDeleteAfter, null);

      const events = await t.database.query<{ data: unknown }>(
        `select data from audit_events where action = 'tip.erased' and entity_id = $1`,
        [id],
      );
      assert.equal(events.rows.length, 1);
      assert.deepEqual(events.rows[0]!.data, { tipId: id });
      assert.doesNotMatch(JSON.stringify(events.rows), /xoa\.toi|Lan|Hội An/);

      const second = await eraseTip(t.database.db, code, SECRET, NOW);
      assert.equal(second.changed, false);
      const again = await t.database.query(
        `select 1 from audit_events where action = 'tip.erased' and entity_id = $1`,
        [id],
      );
      assert.equal(again.rows.length, 1, 'a repeated erasure records nothing');
      const chain = await verifyAuditChain(t.database.db);
      assert.equal(chain.ok, true);

      // A tip without a link keeps the note as its content (the check constraint wants some).
      const textOnly = await insertTip(t, { link: null, contact: 'x@example.vn' });
      await eraseTip(t.database.db, textOnly.code, SECRET, NOW);
      assert.equal((await exportTip(t.database.db, textOnly.code, SECRET)).text, ERASED_TIP_TEXT);
    });

    test("a journalist's contact: export decrypts it, erase removes it and keeps the record", async () => {
      const id = await insertInquiry(t, 'Phóng viên Hà, 0912 000 111');
      const exported = await exportInquiry(t.database.db, id.toUpperCase(), SECRET);
      assert.equal(exported.contact, 'Phóng viên Hà, 0912 000 111');
      assert.equal(exported.outlet, 'Báo Thử');
      assert.equal(exported.answer, 'Không đúng.');
      assert.deepEqual(await planInquiryErasure(t.database.db, id), {
        inquiryId: id,
        contact: true,
        changed: true,
      });

      const first = await eraseInquiryContact(t.database.db, id, NOW);
      assert.equal(first.changed, true);
      const after = await exportInquiry(t.database.db, id, SECRET);
      assert.equal(after.contact, null);
      assert.equal(after.contactDeleteAfter, null);
      assert.equal(after.question, exported.question, 'the question stays');
      assert.equal(after.answer, 'Không đúng.');
      const second = await eraseInquiryContact(t.database.db, id, NOW);
      assert.equal(second.changed, false);
      const events = await t.database.query<{ data: unknown }>(
        `select data from audit_events where action = 'inquiry.contact_erased' and entity_id = $1`,
        [id],
      );
      assert.deepEqual(
        events.rows.map((r) => r.data),
        [{ inquiryId: id }],
        'one event, with the id only',
      );
      assert.equal((await verifyAuditChain(t.database.db)).ok, true);

      await assert.rejects(
        exportInquiry(t.database.db, randomUUID(), SECRET),
        (e: unknown) => e instanceof PrivacyLookupError && e.reason === 'not-found',
      );
      await assert.rejects(
        eraseInquiryContact(t.database.db, 'not-an-id', NOW),
        (e: unknown) => e instanceof PrivacyLookupError && e.reason === 'malformed',
      );
    });

    test(
      'the command: exit codes of export and erase, report as JSON',
      {
        skip:
          target.kind === 'pglite' ? 'the command opens its own database: PostgreSQL only' : false,
      },
      async () => {
        const { code } = await insertTip(t, { contact: 'cli@example.vn' });
        const env = { DATABASE_URL: t.url!, SECRET_KEY: SECRET };
        const exported = await run(['privacy', 'export', '--receipt', code], env);
        assert.equal(exported.code, 0, exported.stderr);
        assert.equal(
          (JSON.parse(exported.stdout) as { contact: string }).contact,
          'cli@example.vn',
        );
        const unknown = await run(['privacy', 'export', '--receipt', generateReceiptCode()], env);
        assert.equal(unknown.code, 1);
        assert.match(unknown.stderr, /no tip has the receipt code/);
        const dry = await run(['privacy', 'erase', '--receipt', code], env);
        assert.equal(dry.code, 2);
        assert.match(dry.stdout, /Would erase.*contact details/);
        const erased = await run(['privacy', 'erase', '--receipt', code, '--yes'], env);
        assert.equal(erased.code, 0, erased.stderr);
        assert.match(erased.stdout, /Erased from tip/);
        const repeated = await run(['privacy', 'erase', '--receipt', code, '--yes'], env);
        assert.equal(repeated.code, 0);
        assert.match(repeated.stdout, /already erased/);
        const report = await run(['privacy', 'report', '--json'], env);
        assert.equal(report.code, 0, report.stderr);
        assert.ok((JSON.parse(report.stdout) as { tips: { erased: number } }).tips.erased >= 1);
        const inquiry = await insertInquiry(t, 'pv.cli@bao.example');
        const inquiryExport = await run(['privacy', 'export', '--inquiry', inquiry], env);
        assert.equal(inquiryExport.code, 0, inquiryExport.stderr);
        assert.equal(
          (JSON.parse(inquiryExport.stdout) as { contact: string }).contact,
          'pv.cli@bao.example',
        );
        const both = await run(['privacy', 'export', '--receipt', code, '--inquiry', inquiry], env);
        assert.equal(both.code, 1);
        assert.match(both.stderr, /either --receipt/);
        const dryInquiry = await run(['privacy', 'erase', '--inquiry', inquiry], env);
        assert.equal(dryInquiry.code, 2);
        assert.match(dryInquiry.stdout, /Would erase from press inquiry.*journalist's contact/);
        const erasedInquiry = await run(['privacy', 'erase', '--inquiry', inquiry, '--yes'], env);
        assert.equal(erasedInquiry.code, 0, erasedInquiry.stderr);
        assert.match(erasedInquiry.stdout, /Recorded as inquiry\.contact_erased/);
        const text = await run(['privacy', 'report'], env);
        assert.match(text.stdout, /Tipsters' contacts/);
        assert.match(text.stdout, /Journalists' contacts \(press inquiries, encrypted\)/);
      },
    );
  });
}
