import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, caller } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { buildClaim, createTestUser, type TestUser } from '../../test/factories.js';

interface Claim {
  id: string;
  version: number;
  status: string;
  rejectionReason: string | null;
  mergedIntoId: string | null;
  priority: string;
  dueAt: string | null;
  createdAt: string;
  assigneeId: string | null;
  firstResponseAt: string | null;
}

for (const target of databaseTargets()) {
  describe(`triage and assignment on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let editor: TestUser;
    let lead: TestUser;
    let contributor: TestUser;
    let asEditor: ReturnType<typeof caller>;
    let asLead: ReturnType<typeof caller>;

    before(async () => {
      db = await target.open();
      app = await buildTestApp(db);
      editor = await createTestUser(db.repos, 'editor');
      lead = await createTestUser(db.repos, 'lead');
      contributor = await createTestUser(db.repos, 'contributor');
      asEditor = caller(app, editor.headers);
      asLead = caller(app, lead.headers);
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    const newItem = async (text = `Tin lan truyền ${randomBytes(4).toString('hex')}`) => {
      const res = await asEditor('POST', '/api/v1/items', { text, channel: 'api' });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ item: { id: string } }>().item.id;
    };
    const newClaim = async (overrides: Record<string, unknown> = {}) => {
      const res = await asEditor('POST', '/api/v1/claims', { ...buildClaim(), ...overrides });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<Claim>();
    };
    const item = async (id: string) =>
      (await asEditor('GET', `/api/v1/items/${id}`)).json<{
        status: string;
        dismissReason: string | null;
        version: number;
      }>();
    const claim = async (id: string) =>
      (await asEditor('GET', `/api/v1/claims/${id}`)).json<Claim & { itemIds: string[] }>();
    const auditActions = async (entityId: string) =>
      (
        await db.database.query<{ action: string }>(
          'select action from audit_events where entity_id = $1 order by id',
          [entityId],
        )
      ).rows.map((r) => r.action);

    test('accepting items into a new claim links them, starts research and the default checklist', async () => {
      const a = await newItem();
      const b = await newItem();
      const res = await asEditor('POST', '/api/v1/triage/accept', {
        itemIds: [a, b],
        claim: { text: 'Nhà máy nước xả thải ra sông', priority: 'high' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json<{ claim: Claim; itemIds: string[]; created: boolean }>();
      assert.equal(body.created, true);
      assert.equal(body.claim.status, 'researching');
      assert.ok(body.claim.firstResponseAt);
      assert.deepEqual(body.itemIds.sort(), [a, b].sort());
      assert.deepEqual((await claim(body.claim.id)).itemIds.sort(), [a, b].sort());
      assert.equal((await item(a)).status, 'linked');
      const checklist = (await asEditor('GET', `/api/v1/claims/${body.claim.id}/checklist`)).json<{
        items: Array<{ label: string }>;
      }>();
      assert.equal(checklist.items.length, 8, 'the default template was applied');
      assert.ok((await auditActions(body.claim.id)).includes('items.accepted'));
    });

    test('accepting into an existing claim; a cluster brings its untriaged items; triaging twice is a conflict', async () => {
      const existing = await newClaim();
      const [x, y, z] = [await newItem(), await newItem(), await newItem()];
      const {
        rows: [cluster],
      } = await db.database.query<{ id: string }>(
        `insert into clusters (label) values ('cụm thử') returning id`,
      );
      await db.database.query('update items set cluster_id = $1 where id = any($2::uuid[])', [
        cluster!.id,
        [x, y, z],
      ]);
      // z is dismissed first: the cluster then brings only x and y.
      const dismissed = await asEditor('POST', '/api/v1/triage/reject', {
        itemIds: [z],
        reason: 'out_of_scope',
      });
      assert.equal(dismissed.statusCode, 200, dismissed.body);
      assert.deepEqual((await item(z)).dismissReason, 'out_of_scope');
      assert.equal((await item(z)).status, 'dismissed');

      const res = await asEditor('POST', '/api/v1/triage/accept', {
        clusterId: cluster!.id,
        claimId: existing.id,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json<{ itemIds: string[] }>().itemIds.sort(), [x, y].sort());

      // A colleague with a stale screen tries to dismiss x: refused, nothing changes.
      const stale = await asLead('POST', '/api/v1/triage/reject', {
        itemIds: [x],
        reason: 'not_checkable',
      });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(stale.json<{ code: string }>().code, 'version_conflict');
      assert.match(stale.json<{ detail: string }>().detail, /already triaged/);
      assert.equal((await item(x)).status, 'linked');
      assert.equal((await item(x)).dismissReason, null);

      const both = await asEditor('POST', '/api/v1/triage/accept', {
        itemIds: [x],
        claimId: existing.id,
        claim: { text: 'hai lựa chọn' },
      });
      assert.equal(both.statusCode, 400);
      const contributorTry = caller(app, contributor.headers);
      const forbidden = await contributorTry('POST', '/api/v1/triage/reject', {
        itemIds: [await newItem()],
        reason: 'duplicate',
      });
      assert.equal(forbidden.statusCode, 403);
    });

    test("splitting an item's claims links one item to several claims", async () => {
      const article = await newItem('Bài dài: giá xăng tăng gấp đôi và trường học đóng cửa');
      const existing = await newClaim();
      const res = await asEditor('POST', `/api/v1/items/${article}/split`, {
        claims: [
          { text: 'Giá xăng tăng gấp đôi từ tuần sau' },
          { text: 'Mọi trường học đóng cửa một tháng', priority: 'urgent' },
          { claimId: existing.id },
        ],
      });
      assert.equal(res.statusCode, 200, res.body);
      const claims = res.json<{ claims: Claim[] }>().claims;
      assert.equal(claims.length, 3);
      for (const c of claims) assert.ok((await claim(c.id)).itemIds.includes(article));
      assert.equal(claims[1]!.priority, 'urgent');
      const kinds = await db.database.query<{ link_kind: string }>(
        'select link_kind from claim_items where item_id = $1',
        [article],
      );
      assert.deepEqual(
        kinds.rows.map((r) => r.link_kind),
        ['split', 'split', 'split'],
      );
      assert.equal((await item(article)).status, 'linked');
      assert.deepEqual(await auditActions(article), ['item.created', 'item.split']);
    });

    test('a claim is accepted or rejected at triage with a reason; stale versions conflict', async () => {
      const c = await newClaim();
      const noReason = await asEditor('POST', `/api/v1/claims/${c.id}/reject`, { version: 1 });
      assert.equal(noReason.statusCode, 400);
      const rejected = await asEditor('POST', `/api/v1/claims/${c.id}/reject`, {
        version: 1,
        reason: 'not_checkable',
      });
      assert.equal(rejected.statusCode, 200, rejected.body);
      assert.equal(rejected.json<Claim>().rejectionReason, 'not_checkable');
      assert.equal(rejected.json<Claim>().status, 'rejected');

      const d = await newClaim();
      const accepted = await asEditor('POST', `/api/v1/claims/${d.id}/accept`, { version: 1 });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(accepted.json<Claim>().status, 'researching');
      const again = await asLead('POST', `/api/v1/claims/${d.id}/reject`, {
        version: 1,
        reason: 'out_of_scope',
      });
      assert.equal(again.statusCode, 409);
      assert.equal((await claim(d.id)).status, 'researching');
    });

    test('merging moves items and evidence and closes the duplicate pointing to the survivor', async () => {
      const keep = await newClaim();
      const dup = await newClaim();
      const [i1, i2] = [await newItem(), await newItem()];
      await asEditor('POST', '/api/v1/triage/accept', { itemIds: [i1], claimId: keep.id });
      await asEditor('POST', '/api/v1/triage/accept', { itemIds: [i2], claimId: dup.id });
      const ev = await asEditor('POST', `/api/v1/claims/${dup.id}/evidence`, {
        kind: 'document',
        title: 'Công văn của Sở',
      });
      assert.equal(ev.statusCode, 201);
      const stale = await asEditor('POST', `/api/v1/claims/${keep.id}/merge`, {
        sourceId: dup.id,
        version: 99,
      });
      assert.equal(stale.statusCode, 409);
      assert.deepEqual((await claim(dup.id)).itemIds, [i2], 'a refused merge moves nothing');

      const res = await asEditor('POST', `/api/v1/claims/${keep.id}/merge`, {
        sourceId: dup.id,
        version: (await claim(dup.id)).version,
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ source: Claim; movedItemIds: string[]; movedEvidence: number }>();
      assert.equal(body.source.status, 'rejected');
      assert.equal(body.source.rejectionReason, 'duplicate');
      assert.equal(body.source.mergedIntoId, keep.id);
      assert.equal(body.movedEvidence, 1);
      assert.deepEqual((await claim(keep.id)).itemIds.sort(), [i1, i2].sort());
      assert.deepEqual((await claim(dup.id)).itemIds, []);
      const evidence = (await asEditor('GET', `/api/v1/claims/${keep.id}/evidence`)).json<{
        items: Array<{ title: string }>;
      }>();
      assert.deepEqual(
        evidence.items.map((e) => e.title),
        ['Công văn của Sở'],
      );
      assert.equal((await auditActions(dup.id)).at(-1), 'claim.merged');
      assert.equal((await auditActions(keep.id)).at(-1), 'claim.merged_into');
      // Items can no longer be accepted into the merged claim.
      const into = await asEditor('POST', '/api/v1/triage/accept', {
        itemIds: [await newItem()],
        claimId: dup.id,
      });
      assert.equal(into.statusCode, 400);
      assert.match(into.body, /merged into/);

      // Rejecting as a duplicate of a named claim is the same merge.
      const third = await newClaim();
      const viaReject = await asEditor('POST', `/api/v1/claims/${third.id}/reject`, {
        version: third.version,
        reason: 'duplicate',
        duplicateOfId: keep.id,
      });
      assert.equal(viaReject.statusCode, 200, viaReject.body);
      assert.equal(viaReject.json<Claim>().mergedIntoId, keep.id);
    });

    test('assignment: editors take claims, leads assign, only desk roles can be assignees', async () => {
      const c = await newClaim();
      const self = await asEditor('PATCH', `/api/v1/claims/${c.id}`, {
        version: 1,
        assigneeId: editor.user.id,
      });
      assert.equal(self.statusCode, 200, self.body);
      const other = await asEditor('PATCH', `/api/v1/claims/${c.id}`, {
        version: 2,
        assigneeId: lead.user.id,
      });
      assert.equal(other.statusCode, 403);
      const toContributor = await asLead('PATCH', `/api/v1/claims/${c.id}`, {
        version: 2,
        assigneeId: contributor.user.id,
      });
      assert.equal(toContributor.statusCode, 400);
      assert.match(toContributor.body, /assigneeId/);
      const byLead = await asLead('PATCH', `/api/v1/claims/${c.id}`, {
        version: 2,
        assigneeId: lead.user.id,
      });
      assert.equal(byLead.statusCode, 200, byLead.body);
      const mine = (await asEditor('GET', `/api/v1/claims?assignee=${lead.user.id}`)).json<{
        items: Claim[];
      }>();
      assert.deepEqual(
        mine.items.map((x) => x.id),
        [c.id],
      );
    });

    test('a default deadline follows the priority; one set by hand stays; overdue claims are filtered', async () => {
      const c = await newClaim({ priority: 'normal' });
      const hours = (x: Claim) =>
        Math.round((Date.parse(x.dueAt!) - Date.parse(x.createdAt)) / 60_000) / 60;
      assert.equal(hours(c), 72);
      const urgent = (
        await asLead('PATCH', `/api/v1/claims/${c.id}`, { version: 1, priority: 'urgent' })
      ).json<Claim>();
      assert.equal(hours(urgent), 4);
      const manual = new Date(Date.now() - 3_600_000).toISOString();
      const set = (
        await asLead('PATCH', `/api/v1/claims/${c.id}`, { version: 2, dueAt: manual })
      ).json<Claim>();
      const lowered = (
        await asLead('PATCH', `/api/v1/claims/${c.id}`, { version: 3, priority: 'low' })
      ).json<Claim>();
      assert.equal(lowered.dueAt, set.dueAt, 'a deadline set by hand is kept');
      const onTime = await newClaim();
      const overdue = (await asEditor('GET', '/api/v1/claims?overdue=true&limit=100')).json<{
        items: Claim[];
      }>();
      const ids = overdue.items.map((x) => x.id);
      assert.ok(ids.includes(c.id));
      assert.ok(!ids.includes(onTime.id));
    });
  });
}
