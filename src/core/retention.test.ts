import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { createTestUser, insertPublishedCheck } from '../../test/factories.js';
import { CheckIndex } from './check-index.js';
import { createInquiryService } from './inquiry.service.js';
import { PUBLIC_PRINCIPAL } from './policy.js';
import { purgeExpiredContacts } from './retention.js';
import { createTipService } from './tip.service.js';

const DAY = 86_400_000;
const SECRET = 'r'.repeat(64);
const retention = { afterAnswerDays: 30, maxDays: 180 };

for (const target of databaseTargets()) {
  describe(`tipsters' contacts are deleted on schedule (${target.kind})`, () => {
    let db: TestDatabase;
    let now = new Date('2026-03-01T08:00:00Z');
    const clock = () => now;

    before(async () => {
      db = await target.open();
    });
    after(async () => db.close());

    const tipRows = async (receiptCode: string) => {
      const tips = createTipService(db.repos, clock, new CheckIndex(db.repos.pipeline), {
        secretKey: SECRET,
        powBits: 0,
      });
      await tips.status(receiptCode); // the code still opens the tip after the purge
      const { rows } = await db.database.query<{ contact: string | null; after: Date | null }>(
        `select contact_encrypted as contact, contact_delete_after as after
         from tips order by created_at desc`,
      );
      return rows;
    };

    test('an answered tip loses its contact 30 days after the answer, an open one at 180 days, and the purge is audited', async () => {
      await insertPublishedCheck(db.repos, db.database, {
        claimText: 'Uống nước chanh nóng mỗi sáng chữa khỏi bệnh ung thư giai đoạn cuối',
      });
      const tips = createTipService(db.repos, clock, new CheckIndex(db.repos.pipeline), {
        secretKey: SECRET,
        powBits: 0,
        contactRetention: retention,
      });
      const answered = await tips.submit(PUBLIC_PRINCIPAL, {
        text: 'Uống nước chanh nóng mỗi sáng chữa khỏi bệnh ung thư giai đoạn cuối?',
        contact: 'chi.lan@example.vn',
        consent: true,
      });
      assert.equal(answered.status, 'answered');
      const open = await tips.submit(PUBLIC_PRINCIPAL, {
        text: 'Nghe nói cầu Rồng sẽ đóng cửa cả tuần sau để sửa chữa, có đúng không?',
        contact: '0905 123 456',
        consent: true,
      });
      assert.equal(open.status, 'received');
      const withoutContact = await tips.submit(PUBLIC_PRINCIPAL, {
        text: 'Trường học ở quận Hải Châu cho học sinh nghỉ thứ Bảy này?',
      });
      const rows = await tipRows(withoutContact.receiptCode);
      assert.equal(rows.filter((r) => r.contact !== null).length, 2);
      // Every contact carries its ceiling; a tip without one carries none.
      assert.deepEqual(
        rows.map((r) => r.after?.getTime() ?? null).sort(),
        [now.getTime() + 180 * DAY, now.getTime() + 180 * DAY, null].sort(),
      );

      now = new Date(now.getTime() + 29 * DAY);
      assert.equal(await purgeExpiredContacts(db.repos, clock, retention), 0);

      now = new Date(now.getTime() + 2 * DAY);
      assert.equal(await purgeExpiredContacts(db.repos, clock, retention), 1);
      const afterAnswer = await tipRows(answered.receiptCode);
      assert.equal(afterAnswer.filter((r) => r.contact !== null).length, 1);

      now = new Date(now.getTime() + 150 * DAY);
      assert.equal(await purgeExpiredContacts(db.repos, clock, retention), 1);
      const atCeiling = await tipRows(open.receiptCode);
      assert.equal(atCeiling.filter((r) => r.contact !== null).length, 0);
      assert.equal(await purgeExpiredContacts(db.repos, clock, retention), 0);

      const { rows: events } = await db.database.query<{ data: { tipIds: string[] } }>(
        `select data from audit_events where action = 'tips.contacts_deleted' order by occurred_at`,
      );
      assert.equal(events.length, 2);
      assert.equal(events[0]?.data.tipIds.length, 1);
      // The audit names the tips, never the contact.
      assert.doesNotMatch(JSON.stringify(events), /chi\.lan|0905/);
    });
  });

  describe(`journalists' contacts follow the same schedule (${target.kind})`, () => {
    let db: TestDatabase;
    let now = new Date('2026-04-01T03:00:00Z');
    const clock = () => now;
    const later = (days: number) => {
      now = new Date(now.getTime() + days * DAY);
    };

    before(async () => {
      db = await target.open();
    });
    after(async () => db.close());

    test('answered or closed: 30 days after; reopened or open: at the ceiling; audited by id', async () => {
      const press = await createTestUser(db.repos, 'press');
      const inquiries = createInquiryService(db.repos, clock, {
        secretKey: SECRET,
        contactRetention: retention,
      });
      const ask = async (outlet: string, contact: string) =>
        (
          await inquiries.submit(PUBLIC_PRINCIPAL, {
            outlet,
            contact,
            question: 'Bao giờ có kết quả xét nghiệm nước đợt hai?',
          })
        ).id;
      const answered = await ask('Báo A', 'a@baoa.example');
      const closed = await ask('Báo B', '0912 000 111');
      const reopened = await ask('Báo C', 'c@baoc.example');
      const open = await ask('Báo D', 'd@baod.example');
      const contactOf = async (id: string) =>
        (await inquiries.getWithContact(press.principal, id)).contact;
      const stored = async () =>
        (
          await db.database.query<{ id: string; after: Date | null }>(
            `select id, contact_delete_after as after from inquiries where contact_encrypted is not null`,
          )
        ).rows;
      // Each contact carries the ceiling of the policy at receipt.
      assert.deepEqual(
        (await stored()).map((r) => r.after?.getTime()),
        Array(4).fill(now.getTime() + 180 * DAY),
      );

      later(1);
      await inquiries.answer(press.principal, answered, 1, 'Thứ Sáu tuần này.');
      await inquiries.close(press.principal, closed, 1);
      await inquiries.answer(press.principal, reopened, 1, 'Chưa có.');
      later(1);
      await inquiries.reopen(press.principal, reopened, 2);

      later(28); // 29 days after the answer and the closing: not yet.
      assert.equal(await purgeExpiredContacts(db.repos, clock, retention), 0);
      later(1);
      assert.equal(await purgeExpiredContacts(db.repos, clock, retention), 2);
      assert.equal(await contactOf(answered), null);
      assert.equal(await contactOf(closed), null);
      assert.equal(await contactOf(reopened), 'c@baoc.example');
      const gone = await inquiries.get(press.principal, answered);
      assert.equal(gone.hasContact, false);
      assert.equal(gone.answer, 'Thứ Sáu tuần này.', 'the question and answer stay');

      later(180 - 31 - 1);
      assert.equal(await purgeExpiredContacts(db.repos, clock, retention), 0);
      later(1); // 180 days after receipt: the ceiling, whatever the status.
      assert.equal(await purgeExpiredContacts(db.repos, clock, retention), 2);
      assert.deepEqual(await stored(), []);
      assert.equal(await contactOf(open), null);

      const { rows: events } = await db.database.query<{ data: { inquiryIds: string[] } }>(
        `select data from audit_events where action = 'inquiries.contacts_deleted' order by id`,
      );
      assert.deepEqual(
        events.map((e) => [...e.data.inquiryIds].sort()),
        [[answered, closed].sort(), [reopened, open].sort()],
      );
      assert.doesNotMatch(JSON.stringify(events), /baoa|0912|baoc|baod/);
      // Only readings that found a contact are recorded: two before the purges, none after.
      const { rows: viewed } = await db.database.query<{ entity_id: string }>(
        `select entity_id from audit_events where action = 'inquiry.contact_viewed' order by id`,
      );
      assert.deepEqual(
        viewed.map((v) => v.entity_id),
        [reopened],
      );
    });
  });
}
