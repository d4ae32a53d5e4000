import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, caller } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { buildCategory, buildClaim, createTestUser, type TestUser } from '../../test/factories.js';
import { openEventStream as openStream, waitFor } from '../../test/event-stream.js';
import { createEventBus, type EventBus } from './event-bus.js';

interface Step {
  id: string;
  label: string;
  version: number;
  doneAt: string | null;
  doneById: string | null;
}

for (const target of databaseTargets()) {
  describe(`desk: checklists, notes, queue and live events on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let bus: EventBus;
    let origin: string;
    let admin: TestUser;
    let editor: TestUser;
    let colleague: TestUser;
    let lead: TestUser;
    let contributor: TestUser;

    before(async () => {
      db = await target.open();
      bus = createEventBus();
      app = await buildTestApp(db, {}, { deps: { events: bus, eventHeartbeatMs: 50 } });
      await app.listen({ port: 0, host: '127.0.0.1' });
      origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      admin = await createTestUser(db.repos, 'admin');
      editor = await createTestUser(db.repos, 'editor');
      colleague = await createTestUser(db.repos, 'editor');
      lead = await createTestUser(db.repos, 'lead');
      contributor = await createTestUser(db.repos, 'contributor');
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    const newClaim = async (overrides: Record<string, unknown> = {}) =>
      (
        await caller(app, editor.headers)('POST', '/api/v1/claims', {
          ...buildClaim(),
          ...overrides,
        })
      ).json<{ id: string; version: number }>();

    test('checklist templates: the seeded default, admin CRUD, one default at a time', async () => {
      const asAdmin = caller(app, admin.headers);
      const list = (await asAdmin('GET', '/api/v1/checklist-templates')).json<{
        items: Array<{
          id: string;
          name: string;
          isDefault: boolean;
          items: string[];
          version: number;
        }>;
      }>();
      const seeded = list.items.find((t) => t.isDefault)!;
      assert.equal(seeded.name, 'Quy trình kiểm chứng chuẩn');
      assert.equal(seeded.items.length, 8);
      const asEditor = caller(app, editor.headers);
      assert.equal(
        (await asEditor('POST', '/api/v1/checklist-templates', { name: 'x', items: ['a'] }))
          .statusCode,
        403,
      );
      const created = await asAdmin('POST', '/api/v1/checklist-templates', {
        name: 'Ảnh và video',
        items: ['Tìm ngược ảnh', 'Đọc siêu dữ liệu'],
        isDefault: true,
      });
      assert.equal(created.statusCode, 201, created.body);
      const fresh = created.json<{ id: string; version: number; isDefault: boolean }>();
      assert.equal(fresh.isDefault, true);
      const after = (await asAdmin('GET', '/api/v1/checklist-templates')).json<{
        items: Array<{ id: string; isDefault: boolean }>;
      }>();
      assert.deepEqual(
        after.items.filter((t) => t.isDefault).map((t) => t.id),
        [fresh.id],
      );
      const blank = await asAdmin('PATCH', `/api/v1/checklist-templates/${fresh.id}`, {
        version: fresh.version,
        items: ['  '],
      });
      assert.equal(blank.statusCode, 400);
      const defaultDelete = await asAdmin('DELETE', `/api/v1/checklist-templates/${fresh.id}`);
      assert.equal(defaultDelete.statusCode, 400, 'the default cannot be deleted');
      // Make the seeded one the default again, then delete the new one.
      const current = (await asAdmin('GET', '/api/v1/checklist-templates')).json<{
        items: Array<{ id: string; version: number }>;
      }>();
      const seededNow = current.items.find((t) => t.id === seeded.id)!;
      const back = await asAdmin('PATCH', `/api/v1/checklist-templates/${seeded.id}`, {
        version: seededNow.version,
        isDefault: true,
      });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(
        (await asAdmin('DELETE', `/api/v1/checklist-templates/${fresh.id}`)).statusCode,
        204,
      );
      assert.equal(
        (await asAdmin('DELETE', `/api/v1/checklist-templates/${fresh.id}`)).statusCode,
        404,
      );
    });

    test("a claim's checklist: ticked with who and when; a stale tick is a conflict", async () => {
      const asEditor = caller(app, editor.headers);
      const asColleague = caller(app, colleague.headers);
      const claim = await newClaim();
      const applied = await asEditor('POST', `/api/v1/claims/${claim.id}/checklist`, {});
      assert.equal(applied.statusCode, 200, applied.body);
      const steps = applied.json<{ items: Step[] }>().items;
      assert.equal(steps.length, 8);
      const first = steps[0]!;
      const ticked = await asEditor('PATCH', `/api/v1/claims/${claim.id}/checklist/${first.id}`, {
        version: first.version,
        done: true,
      });
      assert.equal(ticked.statusCode, 200, ticked.body);
      const step = ticked.json<Step>();
      assert.equal(step.doneById, editor.user.id);
      assert.ok(step.doneAt);
      const stale = await asColleague('PATCH', `/api/v1/claims/${claim.id}/checklist/${first.id}`, {
        version: first.version,
        done: false,
      });
      assert.equal(stale.statusCode, 409);
      const now = (await asEditor('GET', `/api/v1/claims/${claim.id}/checklist`)).json<{
        items: Step[];
      }>();
      assert.equal(now.items[0]!.doneById, editor.user.id, 'the stale untick changed nothing');
      const added = await asEditor('POST', `/api/v1/claims/${claim.id}/checklist`, {
        labels: ['Gọi cho UBND xã'],
      });
      assert.equal(added.json<{ items: Step[] }>().items.at(-1)!.label, 'Gọi cho UBND xã');
      const again = await asEditor('POST', `/api/v1/claims/${claim.id}/checklist`, {
        templateId: (await asEditor('GET', '/api/v1/checklist-templates')).json<{
          items: Array<{ id: string }>;
        }>().items[0]!.id,
      });
      assert.equal(again.statusCode, 400, 'a template applies to an empty checklist only');
      const elsewhere = await asEditor(
        'PATCH',
        `/api/v1/claims/${(await newClaim()).id}/checklist/${first.id}`,
        { version: 2, done: false },
      );
      assert.equal(elsewhere.statusCode, 404);
    });

    test('notes are staff-internal; mentions resolve to colleagues; stale and foreign edits are refused', async () => {
      const asEditor = caller(app, editor.headers);
      const claim = await newClaim();
      const leadHandle = lead.user.email.split('@')[0]!;
      const res = await asEditor('POST', `/api/v1/claims/${claim.id}/notes`, {
        body: `@${leadHandle} xem giúp nguồn này; cc @${colleague.user.email} và @khong-ai-ca`,
      });
      assert.equal(res.statusCode, 201, res.body);
      const { note, unresolvedMentions } = res.json<{
        note: { id: string; version: number; mentionIds: string[]; body: string };
        unresolvedMentions: string[];
      }>();
      assert.deepEqual(note.mentionIds.sort(), [lead.user.id, colleague.user.id].sort());
      assert.deepEqual(unresolvedMentions, ['khong-ai-ca']);
      // A contributor is not a reader of notes: mentioning one notifies nobody.
      const contributorMention = await asEditor('POST', `/api/v1/claims/${claim.id}/notes`, {
        body: `@${contributor.user.email}`,
      });
      assert.deepEqual(
        contributorMention.json<{ note: { mentionIds: string[] } }>().note.mentionIds,
        [],
      );

      assert.equal((await app.inject(`/api/v1/claims/${claim.id}/notes`)).statusCode, 401);
      assert.equal(
        (await caller(app, contributor.headers)('GET', `/api/v1/claims/${claim.id}/notes`))
          .statusCode,
        403,
      );
      const foreign = await caller(app, colleague.headers)(
        'PATCH',
        `/api/v1/claims/${claim.id}/notes/${note.id}`,
        { version: note.version, body: 'sửa hộ' },
      );
      assert.equal(foreign.statusCode, 403);
      const edited = await asEditor('PATCH', `/api/v1/claims/${claim.id}/notes/${note.id}`, {
        version: note.version,
        body: 'Đã liên hệ được nguồn',
      });
      assert.equal(edited.statusCode, 200, edited.body);
      const stale = await asEditor('PATCH', `/api/v1/claims/${claim.id}/notes/${note.id}`, {
        version: note.version,
        body: 'bản cũ',
      });
      assert.equal(stale.statusCode, 409);
      const list = (await asEditor('GET', `/api/v1/claims/${claim.id}/notes`)).json<{
        items: Array<{ body: string }>;
      }>();
      assert.equal(list.items[0]!.body, 'Đã liên hệ được nguồn');
    });

    test('the queue: open claims by priority then deadline, filters, counts, and untriaged clusters', async () => {
      const asEditor = caller(app, editor.headers);
      const asLead = caller(app, lead.headers);
      const category = (
        await caller(app, admin.headers)('POST', '/api/v1/categories', buildCategory())
      ).json<{ id: string }>().id;
      const soon = new Date(Date.now() + 3_600_000).toISOString();
      const later = new Date(Date.now() + 48 * 3_600_000).toISOString();
      const past = new Date(Date.now() - 3_600_000).toISOString();
      const a = await newClaim({ priority: 'normal', categoryId: category, dueAt: soon });
      const b = await newClaim({ priority: 'urgent', categoryId: category, dueAt: later });
      const c = await newClaim({ priority: 'urgent', categoryId: category, dueAt: soon });
      const d = await newClaim({ priority: 'low', categoryId: category, dueAt: past });
      const rejected = await newClaim({ categoryId: category });
      await asEditor('POST', `/api/v1/claims/${rejected.id}/reject`, {
        version: 1,
        reason: 'out_of_scope',
      });
      await asLead('PATCH', `/api/v1/claims/${a.id}`, { version: 1, assigneeId: editor.user.id });
      const staffItem = (
        await caller(app, contributor.headers)('POST', '/api/v1/reports', {
          text: 'Cộng tác viên báo: cầu Bình Lợi sắp sập',
        })
      ).json<{ item: { id: string } }>().item.id;
      await asEditor('POST', '/api/v1/triage/accept', { itemIds: [staffItem], claimId: d.id });

      const queue = await asEditor('GET', `/api/v1/queue?category=${category}`);
      assert.equal(queue.statusCode, 200, queue.body);
      const page = queue.json<{
        items: Array<{ id: string; overdue: boolean; channels: string[]; itemsCount: number }>;
        counts: { byStatus: Record<string, number>; open: number; overdue: number };
      }>();
      assert.deepEqual(
        page.items.map((x) => x.id),
        [c.id, b.id, a.id, d.id],
      );
      assert.equal(page.counts.open, 4);
      assert.equal(page.counts.byStatus.rejected, 1);
      assert.equal(page.counts.byStatus.new, 4);
      assert.equal(page.counts.overdue, 1);
      const dEntry = page.items.find((x) => x.id === d.id)!;
      assert.equal(dEntry.overdue, true);
      assert.deepEqual(dEntry.channels, ['staff']);
      assert.equal(dEntry.itemsCount, 1);

      const ids = async (query: string) =>
        (await asEditor('GET', `/api/v1/queue?category=${category}&${query}`))
          .json<{ items: Array<{ id: string }> }>()
          .items.map((x) => x.id);
      assert.deepEqual(await ids('overdue=true'), [d.id]);
      assert.deepEqual(await ids('priority=urgent'), [c.id, b.id]);
      assert.deepEqual(await ids(`assignee=${editor.user.id}`), [a.id]);
      assert.deepEqual(await ids('channel=staff'), [d.id]);
      assert.deepEqual(await ids('status=rejected'), [rejected.id]);
      assert.deepEqual(await ids('language=en'), []);
      const first = await asEditor('GET', `/api/v1/queue?category=${category}&limit=3`);
      const cursor = first.json<{ nextCursor: string }>().nextCursor;
      assert.deepEqual(await ids(`limit=3&cursor=${cursor}`), [d.id]);
      assert.equal((await asEditor('GET', '/api/v1/queue?cursor=bad')).statusCode, 400);

      // Untriaged items, a near-duplicate cluster as one entry.
      const item = async (text: string) =>
        (await asEditor('POST', '/api/v1/items', { text, language: 'lo', channel: 'api' })).json<{
          item: { id: string };
        }>().item.id;
      const [x, y, z] = [await item('ຂ່າວ ໜຶ່ງ'), await item('ຂ່າວ ສອງ'), await item('ຂ່າວ ສາມ')];
      const {
        rows: [cluster],
      } = await db.database.query<{ id: string }>(
        `insert into clusters (label) values ('') returning id`,
      );
      await db.database.query(
        'update items set cluster_id = $1, priority_score = 0.9 where id = any($2::uuid[])',
        [cluster!.id, [x, y]],
      );
      await db.database.query('update items set priority_score = 0.2 where id = $1', [z]);
      const untriaged = (await asEditor('GET', '/api/v1/queue/untriaged?language=lo')).json<{
        items: Array<{ key: string; itemIds: string[]; itemsCount: number }>;
        counts: { untriagedItems: number };
      }>();
      assert.deepEqual(
        untriaged.items.map((e) => [e.key, e.itemsCount]),
        [
          [cluster!.id, 2],
          [z, 1],
        ],
      );
      assert.equal(untriaged.counts.untriagedItems, 3);
      // Everyone who may read claims may read them as the queue; nobody anonymous.
      assert.equal(
        (await caller(app, contributor.headers)('GET', '/api/v1/queue')).statusCode,
        200,
      );
      assert.equal((await caller(app)('GET', '/api/v1/queue')).statusCode, 401);
      assert.equal((await app.inject('/api/v1/queue')).statusCode, 401);
    });

    test('live events: staff see each other’s changes, mentions reach only the mentioned, streams end cleanly', async () => {
      assert.equal((await app.inject('/api/v1/events')).statusCode, 401);
      const listenersBefore = bus.listenerCount;
      const editorStream = await openStream(origin, editor.headers);
      const leadStream = await openStream(origin, lead.headers);
      assert.equal(editorStream.response.statusCode, 200);
      assert.match(editorStream.response.headers['content-type'] as string, /^text\/event-stream/);
      assert.equal(bus.listenerCount, listenersBefore + 2);

      const asLead = caller(app, lead.headers);
      const claim = await newClaim();
      const updated = (
        await asLead('PATCH', `/api/v1/claims/${claim.id}`, { version: 1, priority: 'high' })
      ).json<{ version: number }>();
      await waitFor(
        () => editorStream.received.some((e) => e.id === claim.id && e.version === updated.version),
        "the lead's change on the editor's stream",
      );
      const change = editorStream.received.find(
        (e) => e.id === claim.id && e.action === 'claim.updated',
      )!;
      assert.deepEqual(change, {
        entity: 'claim',
        id: claim.id,
        version: 2,
        action: 'claim.updated',
        actorId: lead.user.id,
      });

      const leadHandle = lead.user.email.split('@')[0]!;
      const note = (
        await caller(app, editor.headers)('POST', `/api/v1/claims/${claim.id}/notes`, {
          body: `@${leadHandle} cần anh duyệt gấp`,
        })
      ).json<{ note: { id: string } }>().note;
      await waitFor(
        () => leadStream.received.some((e) => e.entity === 'mention' && e.id === note.id),
        'the mention on the lead stream',
      );
      await waitFor(
        () => editorStream.received.some((e) => e.entity === 'note' && e.id === note.id),
        'the note on the editor stream',
      );
      assert.ok(!editorStream.received.some((e) => e.entity === 'mention'));
      await waitFor(() => editorStream.raw().includes(': heartbeat'), 'a heartbeat');

      editorStream.close();
      leadStream.close();
      await waitFor(() => bus.listenerCount === listenersBefore, 'listeners removed on disconnect');
    });
  });
}
