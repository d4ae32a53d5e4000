import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { insertPublishedCheck } from '../../test/factories.js';
import { CheckIndex } from './check-index.js';
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
}
