/**
 * The desk's views around a claim (items, sightings per day, the matcher's suggestions), the
 * check of a claim (`GET /checks?claim=`) and the explanation preview, over HTTP on each database.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, caller } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { createTestUser, insertPublishedCheck, type TestUser } from '../../test/factories.js';
import { renderMarkdown } from '../core/markdown.js';

interface Suggestion {
  kind: 'check' | 'claim';
  checkId: string | null;
  claimId: string;
  title: string;
  rating: string | null;
  confidence: number;
  band: string;
}

for (const target of databaseTargets()) {
  void describe(`claim views, check of a claim and preview on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let editor: TestUser;
    let press: TestUser;
    let contributor: TestUser;

    before(async () => {
      db = await target.open();
      app = await buildTestApp(db);
      editor = await createTestUser(db.repos, 'editor');
      press = await createTestUser(db.repos, 'press');
      contributor = await createTestUser(db.repos, 'contributor');
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    const createItem = async (text: string) => {
      const res = await caller(app, editor.headers)('POST', '/api/v1/items', {
        text,
        title: text.slice(0, 40),
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ item: { id: string } }>().item.id;
    };
    const createClaim = async (text: string, itemIds: string[] = []) => {
      const res = await caller(app, editor.headers)('POST', '/api/v1/claims', { text, itemIds });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: string; version: number }>();
    };

    test('the cluster view: items under a claim, most seen first, and sightings per day', async () => {
      const quiet = await createItem('Tin nhắn nói cầu Rạch Miễu sập, xe cộ bị kẹt nhiều giờ');
      const busy = await createItem('Bài đăng: cầu Rạch Miễu đã sập trong đêm qua, cấm lưu thông');
      const claim = await createClaim('Cầu Rạch Miễu bị sập', [quiet, busy]);
      // Two more sightings of `busy` late on 2 January UTC, which is 3 January in Vietnam, and
      // two counted by an old import without rows of their own (they fall on its first day).
      await db.database.query(
        `insert into item_sightings (item_id, channel, seen_at) values
           ($1, 'feed', '2025-01-02T20:00:00Z'), ($1, 'feed', '2025-01-02T21:00:00Z')`,
        [busy],
      );
      await db.database.query(
        `update items set sightings_count = sightings_count + 4,
           first_seen_at = '2025-01-01T03:00:00Z' where id = $1`,
        [busy],
      );

      const items = await caller(app, editor.headers)('GET', `/api/v1/claims/${claim.id}/items`);
      assert.equal(items.statusCode, 200, items.body);
      const rows = items.json<{ items: Array<{ id: string; sightingsCount: number }> }>().items;
      assert.deepEqual(
        rows.map((r) => r.id),
        [busy, quiet],
      );
      assert.equal(rows[0]!.sightingsCount, 5);

      const sightings = await caller(app, press.headers)(
        'GET',
        `/api/v1/claims/${claim.id}/sightings`,
      );
      assert.equal(sightings.statusCode, 200, sightings.body);
      const days = sightings.json<{ items: Array<{ day: string; count: number }> }>().items;
      assert.equal(
        days.reduce((sum, d) => sum + d.count, 0),
        6,
        'days add up to the items’ sightings',
      );
      assert.deepEqual(days.slice(0, 2), [
        { day: '2025-01-01', count: 2 },
        { day: '2025-01-03', count: 2 },
      ]);
      assert.deepEqual(
        days.map((d) => d.day),
        [...days.map((d) => d.day)].sort(),
      );

      // Press may see the claim's figures but not the items' content.
      const refused = await caller(app, press.headers)('GET', `/api/v1/claims/${claim.id}/items`);
      assert.equal(refused.statusCode, 403);
      const missing = await caller(app, editor.headers)(
        'GET',
        `/api/v1/claims/${randomUUID()}/items`,
      );
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json<{ code: string }>().code, 'not_found');
    });

    test('suggestions: published checks and open claims that look like the claim', async () => {
      const published = await insertPublishedCheck(db.repos, db.database, {
        claimText: 'Bộ Y tế yêu cầu người dân uống thuốc tẩy giun trước khi tiêm vắc xin',
        title: 'Bộ Y tế không yêu cầu uống thuốc tẩy giun trước khi tiêm vắc xin',
        rating: 'false',
      });
      const stored = await insertPublishedCheck(db.repos, db.database, {
        claimText: 'Một sản phẩm nước giải khát có chứa chất gây nghiện',
        rating: 'unproven',
      });
      const similar = await createClaim(
        'Có thật Bộ Y tế yêu cầu uống thuốc tẩy giun trước khi tiêm vắc xin không?',
      );
      const unrelated = await createClaim('Giá xăng tăng gấp đôi từ tuần sau');
      // The pipeline matched one of the claim's items to another check on a sentence of its own.
      const item = await createItem('Tin nhắn chuyển tiếp về nước giải khát và thuốc tẩy giun');
      await db.database.query(
        `update items set matched_check_id = $1, match_confidence = 0.42 where id = $2`,
        [stored.checkId, item],
      );
      const claim = await createClaim(
        'Người dân phải uống thuốc tẩy giun trước khi tiêm vắc xin theo yêu cầu của Bộ Y tế',
        [item],
      );

      const res = await caller(app, editor.headers)(
        'GET',
        `/api/v1/claims/${claim.id}/suggestions`,
      );
      assert.equal(res.statusCode, 200, res.body);
      const suggestions = res.json<{ items: Suggestion[] }>().items;
      const first = suggestions[0]!;
      assert.equal(first.kind, 'check');
      assert.equal(first.checkId, published.checkId);
      assert.equal(first.claimId, published.claimId);
      assert.equal(first.rating, 'false');
      assert.ok(first.confidence > 0.5, `confidence ${first.confidence}`);
      const fromItem = suggestions.find((s) => s.checkId === stored.checkId);
      assert.equal(fromItem?.confidence, 0.42);
      const open = suggestions.filter((s) => s.kind === 'claim');
      assert.equal(open[0]?.claimId, similar.id);
      assert.equal(open[0]?.checkId, null);
      assert.ok(!suggestions.some((s) => s.claimId === claim.id), 'the claim suggests itself');
      assert.ok(!suggestions.some((s) => s.claimId === unrelated.id), 'an unrelated claim');
      const kinds = suggestions.map((s) => s.kind);
      assert.deepEqual(kinds, [...kinds].sort(), 'checks come before claims');

      // A similar claim that is closed is no longer suggested (after the index's refresh).
      const reject = await caller(app, editor.headers)('PATCH', `/api/v1/claims/${similar.id}`, {
        version: similar.version,
        status: 'rejected',
        rejectionReason: 'duplicate',
      });
      assert.equal(reject.statusCode, 200, reject.body);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const again = await caller(app, editor.headers)(
        'GET',
        `/api/v1/claims/${claim.id}/suggestions`,
      );
      assert.ok(!again.json<{ items: Suggestion[] }>().items.some((s) => s.claimId === similar.id));

      const anonymous = await app.inject(`/api/v1/claims/${claim.id}/suggestions`);
      assert.equal(anonymous.statusCode, 401);
    });

    test('GET /checks?claim= finds the check of a claim; the public sees it only published', async () => {
      const claim = await createClaim('Trường học toàn quốc nghỉ học từ thứ hai tới');
      const other = await createClaim('Ngân hàng ngừng rút tiền mặt cuối tuần');
      const created = await caller(app, editor.headers)('POST', '/api/v1/checks', {
        claimId: claim.id,
        title: 'Trường học không nghỉ',
      });
      assert.equal(created.statusCode, 201, created.body);
      const checkId = created.json<{ id: string }>().id;

      const mine = await caller(app, editor.headers)('GET', `/api/v1/checks?claim=${claim.id}`);
      assert.equal(mine.statusCode, 200, mine.body);
      assert.deepEqual(
        mine.json<{ items: Array<{ id: string }> }>().items.map((c) => c.id),
        [checkId],
      );
      const none = await caller(app, editor.headers)('GET', `/api/v1/checks?claim=${other.id}`);
      assert.deepEqual(none.json<{ items: unknown[] }>().items, []);
      const anonymous = await app.inject(`/api/v1/checks?claim=${claim.id}`);
      assert.equal(anonymous.statusCode, 200);
      assert.deepEqual(anonymous.json<{ items: unknown[] }>().items, [], 'a draft stays private');
      const bad = await caller(app, editor.headers)('GET', '/api/v1/checks?claim=not-a-uuid');
      assert.equal(bad.statusCode, 400);
    });

    test('POST /checks/preview renders exactly as a published explanation, without styles', async () => {
      const markdown =
        '**Sai**: xem [công văn](https://so.example.vn/cv)\n\n| a | b |\n|--:|:-:|\n| 1 | 2 |\n\n' +
        '<div style="position:fixed;inset:0">phủ</div>';
      const res = await caller(app, editor.headers)('POST', '/api/v1/checks/preview', {
        markdown,
      });
      assert.equal(res.statusCode, 200, res.body);
      const { html } = res.json<{ html: string }>();
      assert.equal(html, renderMarkdown(markdown));
      assert.match(html, /<strong>Sai<\/strong>/);
      assert.doesNotMatch(html, /<[^>]*style=|<div/);
      assert.match(html, /&lt;div style=/, 'raw HTML stays text');

      const contributorRes = await caller(app, contributor.headers)(
        'POST',
        '/api/v1/checks/preview',
        { markdown },
      );
      assert.equal(contributorRes.statusCode, 403);
      const anonymous = await app.inject({
        method: 'POST',
        url: '/api/v1/checks/preview',
        payload: { markdown },
      });
      assert.equal(anonymous.statusCode, 401);
      const tooLong = await caller(app, editor.headers)('POST', '/api/v1/checks/preview', {
        markdown: 'x'.repeat(100_001),
      });
      assert.equal(tooLong.statusCode, 400);
    });
  });
}
