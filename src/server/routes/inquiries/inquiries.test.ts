import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, caller } from '../../../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../../../test/db.js';
import { openEventStream, waitFor } from '../../../../test/event-stream.js';
import { createTestUser, type TestUser } from '../../../../test/factories.js';
import { verifyAuditChain } from '../../../db/audit.repo.js';
import { createEventBus } from '../../event-bus.js';

const HOUR = 3_600_000;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

interface InquiryJson {
  id: string;
  outlet: string;
  question: string;
  hasContact: boolean;
  status: 'open' | 'assigned' | 'answered' | 'closed';
  assigneeId: string | null;
  answer: string | null;
  dueAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  version: number;
  contact?: string | null;
}
interface ListJson {
  items: InquiryJson[];
  nextCursor: string | null;
  counts: Record<'open' | 'assigned' | 'answered' | 'closed' | 'overdue', number>;
}
interface ProblemJson {
  code: string;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}

for (const target of databaseTargets()) {
  describe(`/api/v1/inquiries: the press office works journalists' questions on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let origin: string;
    let now = new Date('2026-05-04T02:00:00Z');
    let press: TestUser;
    let colleague: TestUser;
    let lead: TestUser;
    let editor: TestUser;
    let address = 0;

    before(async () => {
      db = await target.open();
      app = await buildTestApp(
        db,
        {},
        { clock: () => now, deps: { events: createEventBus(), eventHeartbeatMs: 1000 } },
      );
      await app.listen({ port: 0, host: '127.0.0.1' });
      origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      press = await createTestUser(db.repos, 'press');
      colleague = await createTestUser(db.repos, 'press');
      lead = await createTestUser(db.repos, 'lead');
      editor = await createTestUser(db.repos, 'editor');
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    /** A question sent through the portal's press room form, as a journalist would. */
    async function ask(outlet: string, contact = 'pv.lan@baolamgiang.example'): Promise<string> {
      address += 1;
      now = new Date(now.getTime() + 60_000); // one question a minute: an order to list them in
      const sent = await app.inject({
        method: 'POST',
        url: '/phong-bao-chi',
        headers: FORM,
        remoteAddress: `198.51.100.${address}`,
        payload: new URLSearchParams({
          outlet,
          name: 'Nguyễn Thị Lan',
          contact,
          question: 'Khi nào Sở công bố kết quả xét nghiệm nước đợt hai ở phường Hạc Thành?',
        }).toString(),
      });
      assert.equal(sent.statusCode, 303, sent.body);
      const list = await caller(app, press.headers)('GET', '/api/v1/inquiries?limit=200');
      const found = list.json<ListJson>().items.find((i) => i.outlet === outlet);
      assert.ok(found, `the question from ${outlet} is listed`);
      return found.id;
    }

    const get = async (id: string, user = press) =>
      (await caller(app, user.headers)('GET', `/api/v1/inquiries/${id}`)).json<InquiryJson>();
    const act = (user: TestUser, id: string, action: string, body: Record<string, unknown>) =>
      caller(app, user.headers)('POST', `/api/v1/inquiries/${id}/${action}`, body);
    const auditOf = async (id: string) =>
      (
        await db.database.query<{ action: string; actor_id: string | null; data: unknown }>(
          `select action, actor_id, data from audit_events where entity_id = $1 order by id`,
          [id],
        )
      ).rows;

    test('only the press office, leads and admins read inquiries; the list counts and filters', async () => {
      const first = await ask('Báo Lam Giang');
      const second = await ask('Đài Phát thanh Lam Giang');
      for (const [user, status] of [
        [editor, 403],
        [lead, 200],
        [press, 200],
      ] as const) {
        const res = await caller(app, user.headers)('GET', '/api/v1/inquiries');
        assert.equal(res.statusCode, status, res.body);
        const one = await caller(app, user.headers)('GET', `/api/v1/inquiries/${first}`);
        assert.equal(one.statusCode, status, one.body);
      }
      assert.equal((await app.inject({ url: '/api/v1/inquiries' })).statusCode, 401);

      const list = (await caller(app, press.headers)('GET', '/api/v1/inquiries')).json<ListJson>();
      assert.equal(list.counts.open, 2);
      assert.equal(list.counts.overdue, 0);
      assert.deepEqual(
        list.items.map((i) => i.id),
        [second, first],
        'newest first',
      );
      assert.ok(!JSON.stringify(list).includes('pv.lan@'), 'the list never holds the contact');
      const item = list.items[1]!;
      assert.equal(item.hasContact, true);
      assert.equal(item.status, 'open');
      assert.equal(new Date(item.dueAt!).getTime(), now.getTime() - 60_000 + 48 * HOUR);

      // Two days later both are late; a page of one has a cursor to the next.
      now = new Date(now.getTime() + 49 * HOUR);
      const late = (
        await caller(app, press.headers)('GET', '/api/v1/inquiries?overdue=true&limit=1')
      ).json<ListJson>();
      assert.equal(late.counts.overdue, 2);
      assert.equal(late.items.length, 1);
      assert.ok(late.nextCursor);
      const rest = (
        await caller(app, press.headers)(
          'GET',
          `/api/v1/inquiries?overdue=true&limit=1&cursor=${late.nextCursor}`,
        )
      ).json<ListJson>();
      assert.deepEqual(
        rest.items.map((i) => i.id),
        [first],
      );
      assert.equal(
        (
          await caller(app, press.headers)('GET', '/api/v1/inquiries?status=closed')
        ).json<ListJson>().items.length,
        0,
      );
      const bad = await caller(app, press.headers)('GET', '/api/v1/inquiries?status=lost');
      assert.equal(bad.statusCode, 400);
    });

    test('the contact is decrypted only on request, for those who answer, and every reading is audited', async () => {
      const id = await ask('Tạp chí Nhịp sống', 'phongvien@nhipsong.example');
      const plainGet = await get(id);
      assert.equal(plainGet.contact, undefined, 'not without include=contact');
      assert.ok(!(await auditOf(id)).some((e) => e.action === 'inquiry.contact_viewed'));

      const res = await caller(app, press.headers)(
        'GET',
        `/api/v1/inquiries/${id}?include=contact`,
      );
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<InquiryJson>().contact, 'Nguyễn Thị Lan — phongvien@nhipsong.example');
      const viewed = (await auditOf(id)).filter((e) => e.action === 'inquiry.contact_viewed');
      assert.equal(viewed.length, 1);
      assert.equal(viewed[0]!.actor_id, press.user.id);
      assert.doesNotMatch(JSON.stringify(viewed), /phongvien|Lan/, 'who read it, never what');

      // A token limited to reading lists questions but cannot open the contact.
      const reader = await createTestUser(db.repos, 'press', { scopes: ['inquiries.read'] });
      assert.equal((await get(id, reader)).id, id);
      const refused = await caller(app, reader.headers)(
        'GET',
        `/api/v1/inquiries/${id}?include=contact`,
      );
      assert.equal(refused.statusCode, 403);
      const asEditor = await caller(app, editor.headers)(
        'GET',
        `/api/v1/inquiries/${id}?include=contact`,
      );
      assert.equal(asEditor.statusCode, 403);
      assert.equal(
        (await auditOf(id)).filter((e) => e.action === 'inquiry.contact_viewed').length,
        1,
        'refused readings record nothing',
      );
      const missing = await caller(app, press.headers)('GET', `/api/v1/inquiries/${randomUUID()}`);
      assert.equal(missing.statusCode, 404);
    });

    test('assign, answer, close and reopen: version-checked, validated and audited', async () => {
      const id = await ask('Báo Tin tức Lam Giang');
      let current = await get(id);

      // Unknown users and people who do not answer the press are refused by name.
      for (const assigneeId of [randomUUID(), editor.user.id]) {
        const res = await act(lead, id, 'assign', { version: current.version, assigneeId });
        assert.equal(res.statusCode, 400, res.body);
        const problem = res.json<ProblemJson>();
        assert.equal(problem.code, 'validation_failed');
        assert.deepEqual(
          problem.errors?.map((e) => e.field),
          ['assigneeId'],
        );
        assert.match(problem.errors[0]!.message, /press office, lead or admin/);
      }
      const gone = await createTestUser(db.repos, 'press');
      await db.database.query('update users set disabled_at = now() where id = $1', [gone.user.id]);
      assert.equal(
        (await act(lead, id, 'assign', { version: current.version, assigneeId: gone.user.id }))
          .statusCode,
        400,
      );
      assert.equal(
        (await act(editor, id, 'assign', { version: current.version, assigneeId: press.user.id }))
          .statusCode,
        403,
      );

      const assigned = await act(lead, id, 'assign', {
        version: current.version,
        assigneeId: colleague.user.id,
      });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal(assigned.json<InquiryJson>().status, 'assigned');
      assert.equal(assigned.json<InquiryJson>().version, current.version + 1);

      // A colleague who still holds the old version overwrites nothing.
      const stale = await act(press, id, 'assign', {
        version: current.version,
        assigneeId: press.user.id,
      });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(stale.json<ProblemJson>().code, 'version_conflict');
      current = await get(id);
      assert.equal(current.assigneeId, colleague.user.id);
      const staleAnswer = await act(press, id, 'answer', { version: 1, answer: 'Tuần sau.' });
      assert.equal(staleAnswer.statusCode, 409);
      assert.equal((await get(id)).answer, null);

      // Blank and overlong answers are refused with the field and the limit.
      const blank = await act(colleague, id, 'answer', { version: current.version, answer: '   ' });
      assert.equal(blank.statusCode, 400);
      assert.deepEqual(blank.json<ProblemJson>().errors, [
        { field: 'answer', message: 'must not be blank' },
      ]);
      const long = await act(colleague, id, 'answer', {
        version: current.version,
        answer: 'a'.repeat(20_001),
      });
      assert.equal(long.statusCode, 400);
      assert.match(long.body, /answer/);
      assert.match(long.body, /20000/);

      const answerText =
        'Kết quả đợt hai sẽ công bố sáng thứ Sáu tại họp báo của Sở Y tế.\n\nXin cảm ơn.';
      const answered = await act(colleague, id, 'answer', {
        version: current.version,
        answer: `  ${answerText}  `,
      });
      assert.equal(answered.statusCode, 200, answered.body);
      const a = answered.json<InquiryJson>();
      assert.deepEqual(
        [a.status, a.answer, a.answeredAt],
        ['answered', answerText, now.toISOString()],
      );
      // Answered once: answering again needs reopening first.
      const twice = await act(colleague, id, 'answer', { version: a.version, answer: 'Lần hai' });
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json<ProblemJson>().code, 'invalid_transition');
      assert.equal(
        (await act(colleague, id, 'assign', { version: a.version, assigneeId: press.user.id }))
          .statusCode,
        409,
      );

      const closed = (await act(press, id, 'close', { version: a.version })).json<InquiryJson>();
      assert.deepEqual([closed.status, closed.closedAt], ['closed', now.toISOString()]);
      assert.equal(closed.answer, answerText, 'closing keeps the answer');
      const reopened = (
        await act(lead, id, 'reopen', { version: closed.version })
      ).json<InquiryJson>();
      assert.deepEqual(
        [reopened.status, reopened.assigneeId, reopened.answeredAt, reopened.closedAt],
        ['assigned', colleague.user.id, null, null],
      );
      assert.equal(reopened.answer, answerText, 'the last answer stays as a draft');
      assert.equal(
        (await act(lead, id, 'reopen', { version: reopened.version })).statusCode,
        409,
        'an open question cannot be reopened',
      );

      // Whoever answers an unassigned question becomes its assignee.
      const other = await ask('Báo Thanh niên Lam Giang');
      const direct = (
        await act(press, other, 'answer', { version: 1, answer: 'Đã có thông cáo số 12.' })
      ).json<InquiryJson>();
      assert.deepEqual([direct.status, direct.assigneeId], ['answered', press.user.id]);
      const unanswered = await ask('Báo Đời sống');
      const closedUnanswered = await act(press, unanswered, 'close', { version: 1 });
      assert.equal(closedUnanswered.json<InquiryJson>().status, 'closed');
      assert.equal(closedUnanswered.json<InquiryJson>().answer, null);

      const audit = await auditOf(id);
      assert.deepEqual(
        audit.map((e) => e.action),
        [
          'inquiry.received',
          'inquiry.assigned',
          'inquiry.answered',
          'inquiry.closed',
          'inquiry.reopened',
        ],
        'refused changes record nothing',
      );
      assert.deepEqual(audit[1]!.data, {
        from: 'open',
        to: 'assigned',
        assigneeId: colleague.user.id,
        previousAssigneeId: null,
      });
      assert.equal(audit[2]!.actor_id, colleague.user.id);
      assert.ok((await verifyAuditChain(db.database.db)).ok);
    });

    test('changes reach the desks of those who read inquiries, live, and no one else', async () => {
      const pressStream = await openEventStream(origin, press.headers);
      const editorStream = await openEventStream(origin, editor.headers);
      try {
        const id = await ask('Báo Nhân dân Lam Giang');
        await waitFor(
          () => pressStream.received.some((e) => e.id === id && e.action === 'inquiry.received'),
          'the new question on the press stream',
        );
        await act(press, id, 'assign', { version: 1, assigneeId: press.user.id });
        await waitFor(
          () => pressStream.received.some((e) => e.id === id && e.action === 'inquiry.assigned'),
          'the assignment on the press stream',
        );
        assert.deepEqual(
          pressStream.received.find((e) => e.id === id && e.action === 'inquiry.assigned'),
          { entity: 'inquiry', id, version: 2, action: 'inquiry.assigned', actorId: press.user.id },
        );
        // A claim change after the inquiry's reaches the editor: had the inquiry's been sent
        // to them, it would have arrived first.
        const claim = await caller(app, lead.headers)('POST', '/api/v1/claims', {
          text: 'Tin đồn thử: nước máy phường Hạc Thành nhiễm chì',
        });
        const claimId = claim.json<{ id: string }>().id;
        await waitFor(
          () => editorStream.received.some((e) => e.id === claimId),
          'the claim on the editor stream',
        );
        assert.ok(!editorStream.received.some((e) => e.entity === 'inquiry'));
      } finally {
        pressStream.close();
        editorStream.close();
      }
    });
  });
}
