import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { buildCategory, buildClaim, createTestUser, type TestUser } from '../../test/factories.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ field: string; message: string }>;
  requestId?: string;
}

for (const target of databaseTargets()) {
  describe(`API v1 on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let editor: TestUser;
    let lead: TestUser;
    let contributor: TestUser;

    before(async () => {
      db = await target.open();
      app = await buildTestApp(db, { BODY_LIMIT_BYTES: '4096' });
      editor = await createTestUser(db.repos, 'editor');
      lead = await createTestUser(db.repos, 'lead');
      contributor = await createTestUser(db.repos, 'contributor');
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    const problemOf = (body: string) => JSON.parse(body) as Problem;

    test('health and readiness', async () => {
      assert.equal((await app.inject('/health')).json<{ status: string }>().status, 'ok');
      const ready = await app.inject('/ready');
      assert.equal(ready.statusCode, 200);
      assert.equal(ready.json<{ database: string }>().database, target.kind);
    });

    test('OpenAPI document lists every resource', async () => {
      const res = await app.inject('/api/docs/json');
      assert.equal(res.statusCode, 200);
      const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
      assert.match(doc.openapi, /^3\./);
      for (const path of [
        '/api/v1/claims',
        '/api/v1/checks/{id}',
        '/api/v1/items',
        '/api/v1/sources',
        '/api/v1/categories',
        '/api/v1/statements',
      ]) {
        assert.ok(doc.paths[path], `missing ${path}`);
      }
    });

    test('creates, lists with a cursor and filters claims', async () => {
      const texts = [
        'Tin đồn A: trường học nghỉ',
        'Tin đồn B: mất điện toàn tỉnh',
        'Tin đồn C: nước nhiễm độc',
      ];
      for (const text of texts) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/claims',
          headers: editor.headers,
          payload: { text, priority: 'high' },
        });
        assert.equal(res.statusCode, 201, res.body);
      }
      const first = await app.inject({
        url: '/api/v1/claims?limit=2&priority=high',
        headers: editor.headers,
      });
      const page1 = first.json<{ items: Array<{ text: string }>; nextCursor: string | null }>();
      assert.equal(page1.items.length, 2);
      assert.ok(page1.nextCursor);
      const second = await app.inject({
        url: `/api/v1/claims?limit=2&priority=high&cursor=${page1.nextCursor}`,
        headers: editor.headers,
      });
      const page2 = second.json<{ items: Array<{ text: string }>; nextCursor: string | null }>();
      const seen = [...page1.items, ...page2.items].map((c) => c.text);
      for (const text of texts) assert.ok(seen.includes(text), `${text} missing across pages`);
      assert.equal(new Set(seen).size, seen.length, 'pages overlap');
      // Diacritic-insensitive text query.
      const found = await app.inject({
        url: '/api/v1/claims?q=mat%20dien',
        headers: editor.headers,
      });
      assert.deepEqual(
        found.json<{ items: Array<{ text: string }> }>().items.map((c) => c.text),
        ['Tin đồn B: mất điện toàn tỉnh'],
      );
    });

    test('unknown fields and wrong types are all named in one problem document', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: editor.headers,
        payload: { text: 42, priority: 'soon', colour: 'red', itemIds: 'x' },
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
      const problem = problemOf(res.body);
      assert.equal(problem.code, 'validation_failed');
      const fields = problem.errors!.map((e) => e.field).sort();
      assert.deepEqual(fields, ['body.colour', 'body.itemIds', 'body.priority', 'body.text']);
    });

    test('a bad cursor or query parameter is a 400, not a 500', async () => {
      assert.equal(
        (await app.inject({ url: '/api/v1/claims?cursor=garbage', headers: editor.headers }))
          .statusCode,
        400,
      );
      const res = await app.inject({
        url: '/api/v1/claims?limit=1000&status=nope',
        headers: editor.headers,
      });
      assert.equal(res.statusCode, 400);
      assert.equal(problemOf(res.body).errors!.length, 2);
    });

    test('oversized bodies get 413 and store nothing', async () => {
      const before = await db.database.query<{ n: string }>(
        'select count(*)::text as n from claims',
      );
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: { ...editor.headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ text: 'x'.repeat(10_000) }),
      });
      assert.equal(res.statusCode, 413);
      assert.equal(problemOf(res.body).code, 'body_too_large');
      const afterCount = await db.database.query<{ n: string }>(
        'select count(*)::text as n from claims',
      );
      assert.equal(afterCount.rows[0]!.n, before.rows[0]!.n);
    });

    test('writes need a token; a wrong token is refused; roles are enforced', async () => {
      const anonymous = await app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        payload: buildClaim(),
      });
      assert.equal(anonymous.statusCode, 401);
      const wrong = await app.inject({
        method: 'GET',
        url: '/api/v1/claims',
        headers: { authorization: 'Bearer kc_nope' },
      });
      assert.equal(wrong.statusCode, 401);
      const forbidden = await app.inject({
        method: 'POST',
        url: '/api/v1/categories',
        headers: contributor.headers,
        payload: buildCategory(),
      });
      assert.equal(forbidden.statusCode, 403);
    });

    test('a stale version gets 409 and changes nothing', async () => {
      const created = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/claims',
          headers: editor.headers,
          payload: buildClaim(),
        })
      ).json<{ id: string; version: number; text: string }>();
      const ok = await app.inject({
        method: 'PATCH',
        url: `/api/v1/claims/${created.id}`,
        headers: editor.headers,
        payload: { version: 1, status: 'triage' },
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json<{ version: number }>().version, 2);
      const stale = await app.inject({
        method: 'PATCH',
        url: `/api/v1/claims/${created.id}`,
        headers: editor.headers,
        payload: { version: 1, text: 'ghi đè' },
      });
      assert.equal(stale.statusCode, 409);
      const problem = problemOf(stale.body);
      assert.equal(problem.code, 'version_conflict');
      const current = (
        await app.inject({ url: `/api/v1/claims/${created.id}`, headers: editor.headers })
      ).json<{
        text: string;
        version: number;
        status: string;
      }>();
      assert.equal(current.text, created.text);
      assert.equal(current.version, 2);
      assert.equal(current.status, 'triage');
    });

    test('workflow rules: invalid transitions and rejection reasons', async () => {
      const claim = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/claims',
          headers: editor.headers,
          payload: buildClaim(),
        })
      ).json<{ id: string }>();
      const jump = await app.inject({
        method: 'PATCH',
        url: `/api/v1/claims/${claim.id}`,
        headers: editor.headers,
        payload: { version: 1, status: 'published' },
      });
      assert.equal(jump.statusCode, 409);
      assert.equal(problemOf(jump.body).code, 'invalid_transition');
      const noReason = await app.inject({
        method: 'PATCH',
        url: `/api/v1/claims/${claim.id}`,
        headers: editor.headers,
        payload: { version: 1, status: 'rejected' },
      });
      assert.equal(noReason.statusCode, 400);
      const rejected = await app.inject({
        method: 'PATCH',
        url: `/api/v1/claims/${claim.id}`,
        headers: editor.headers,
        payload: { version: 1, status: 'rejected', rejectionReason: 'not_checkable' },
      });
      assert.equal(rejected.statusCode, 200, rejected.body);
    });

    test('constraint violations are precise and leave nothing half-written', async () => {
      const category = buildCategory();
      const admin = await createTestUser(db.repos, 'admin');
      assert.equal(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/categories',
            headers: admin.headers,
            payload: category,
          })
        ).statusCode,
        201,
      );
      const duplicate = await app.inject({
        method: 'POST',
        url: '/api/v1/categories',
        headers: admin.headers,
        payload: { ...category, nameVi: 'Khác' },
      });
      assert.equal(duplicate.statusCode, 409);
      assert.equal(problemOf(duplicate.body).code, 'already_exists');
      assert.match(problemOf(duplicate.body).detail, /slug/);

      // Linking a claim to an item that does not exist fails after the claim row was inserted:
      // the whole transaction, audit event included, must roll back.
      const text = `Nhận định không được lưu ${Date.now()}`;
      const audits = await db.database.query<{ n: string }>(
        'select count(*)::text as n from audit_events',
      );
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: editor.headers,
        payload: { text, itemIds: ['00000000-0000-4000-8000-000000000000'] },
      });
      assert.equal(res.statusCode, 422);
      assert.equal(problemOf(res.body).code, 'reference_missing');
      const left = await db.database.query('select 1 from claims where text = $1', [text]);
      assert.equal(left.rows.length, 0);
      const auditsAfter = await db.database.query<{ n: string }>(
        'select count(*)::text as n from audit_events',
      );
      assert.equal(auditsAfter.rows[0]!.n, audits.rows[0]!.n);
    });

    test('publishing needs rating, summary, evidence and a second person; corrections are recorded', async () => {
      const claim = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/claims',
          headers: editor.headers,
          payload: buildClaim(),
        })
      ).json<{ id: string }>();
      const check = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/checks',
          headers: editor.headers,
          payload: { claimId: claim.id, title: 'Nước máy không nhiễm độc' },
        })
      ).json<{ id: string; version: number }>();
      // Author is the editor; the lead approves. First try: nothing is ready.
      const blocked = await app.inject({
        method: 'PATCH',
        url: `/api/v1/checks/${check.id}`,
        headers: lead.headers,
        payload: { version: 1, status: 'published' },
      });
      assert.equal(blocked.statusCode, 409, 'draft cannot jump to published');
      const toReview = await app.inject({
        method: 'PATCH',
        url: `/api/v1/checks/${check.id}`,
        headers: editor.headers,
        payload: { version: 1, status: 'in_review' },
      });
      assert.equal(toReview.statusCode, 200, toReview.body);
      const notReady = await app.inject({
        method: 'PATCH',
        url: `/api/v1/checks/${check.id}`,
        headers: lead.headers,
        payload: { version: 2, status: 'approved' },
      });
      assert.equal(notReady.statusCode, 422);
      const reasons = (JSON.parse(notReady.body) as { reasons: string[] }).reasons;
      assert.deepEqual(reasons, [
        'it has no rating',
        'it has no summary',
        'its claim has no evidence',
      ]);

      const ev = await app.inject({
        method: 'POST',
        url: `/api/v1/claims/${claim.id}/evidence`,
        headers: editor.headers,
        payload: {
          kind: 'url',
          title: 'Kết quả xét nghiệm mẫu nước',
          url: 'https://cap-nuoc.example.vn/ket-qua?utm_source=x',
        },
      });
      assert.equal(ev.statusCode, 201, ev.body);
      assert.equal(ev.json<{ url: string }>().url, 'https://cap-nuoc.example.vn/ket-qua');
      const filled = await app.inject({
        method: 'PATCH',
        url: `/api/v1/checks/${check.id}`,
        headers: editor.headers,
        payload: { version: 2, rating: 'false', summary: 'Mẫu nước đạt chuẩn.' },
      });
      assert.equal(filled.statusCode, 200);
      // The author cannot approve their own work.
      const selfApproval = await app.inject({
        method: 'PATCH',
        url: `/api/v1/checks/${check.id}`,
        headers: editor.headers,
        payload: { version: 3, status: 'approved' },
      });
      assert.equal(selfApproval.statusCode, 403, 'editors may not approve');
      const approved = await app.inject({
        method: 'PATCH',
        url: `/api/v1/checks/${check.id}`,
        headers: lead.headers,
        payload: { version: 3, status: 'approved' },
      });
      assert.equal(approved.statusCode, 200, approved.body);
      const published = await app.inject({
        method: 'PATCH',
        url: `/api/v1/checks/${check.id}`,
        headers: lead.headers,
        payload: { version: 4, status: 'published' },
      });
      assert.equal(published.statusCode, 200, published.body);
      const body = published.json<{ reviewerId: string; publishedAt: string; status: string }>();
      assert.equal(body.reviewerId, lead.user.id);
      assert.ok(body.publishedAt);
      assert.equal(
        (await app.inject({ url: `/api/v1/claims/${claim.id}`, headers: editor.headers })).json<{
          status: string;
        }>().status,
        'published',
      );

      const silentEdit = await app.inject({
        method: 'PATCH',
        url: `/api/v1/checks/${check.id}`,
        headers: lead.headers,
        payload: { version: 5, summary: 'Sửa lặng lẽ' },
      });
      assert.equal(silentEdit.statusCode, 400);
      const corrected = await app.inject({
        method: 'PATCH',
        url: `/api/v1/checks/${check.id}`,
        headers: lead.headers,
        payload: {
          version: 5,
          summary: 'Mẫu nước đạt chuẩn QCVN 01-1:2018/BYT.',
          correctionReason: 'Bổ sung quy chuẩn áp dụng',
        },
      });
      assert.equal(corrected.statusCode, 200, corrected.body);
      const history = (
        await app.inject({ url: `/api/v1/checks/${check.id}/versions`, headers: editor.headers })
      ).json<{
        items: Array<{ version: number }>;
        corrections: Array<{ reason: string }>;
      }>();
      assert.deepEqual(
        history.items.map((v) => v.version),
        [1, 2, 3, 4, 5, 6],
      );
      // The public sees the published versions and the corrections, never the drafts.
      const publicHistory = (await app.inject(`/api/v1/checks/${check.id}/versions`)).json<{
        items: Array<{ version: number }>;
        corrections: Array<{ reason: string }>;
      }>();
      assert.deepEqual(
        publicHistory.items.map((v) => v.version),
        [5, 6],
      );
      assert.equal(publicHistory.corrections.length, 1);
      assert.deepEqual(
        history.corrections.map((c) => c.reason),
        ['Bổ sung quy chuẩn áp dụng'],
      );
      assert.equal(
        (await app.inject({ url: `/api/v1/claims/${claim.id}`, headers: editor.headers })).json<{
          status: string;
        }>().status,
        'corrected',
      );
    });

    test('the public sees published checks and statements only', async () => {
      const claim = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/claims',
          headers: editor.headers,
          payload: buildClaim(),
        })
      ).json<{ id: string }>();
      const draft = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/checks',
          headers: editor.headers,
          payload: { claimId: claim.id, title: 'Bản nháp chưa duyệt', rating: 'false' },
        })
      ).json<{ id: string }>();
      assert.equal((await app.inject(`/api/v1/checks/${draft.id}`)).statusCode, 404);
      assert.equal((await app.inject(`/api/v1/checks/${draft.id}/versions`)).statusCode, 404);
      assert.equal(
        (await app.inject({ url: `/api/v1/checks/${draft.id}`, headers: editor.headers }))
          .statusCode,
        200,
      );
      const publicList = (await app.inject('/api/v1/checks?limit=100')).json<{
        items: Array<{ status: string }>;
      }>();
      assert.ok(publicList.items.every((c) => c.status === 'published'));
      const drafts = (await app.inject('/api/v1/checks?status=draft')).json<{ items: unknown[] }>();
      assert.equal(drafts.items.length, 0);
      const staffDrafts = (
        await app.inject({ url: '/api/v1/checks?status=draft', headers: editor.headers })
      ).json<{ items: unknown[] }>();
      assert.ok(staffDrafts.items.length >= 1);
      const press = await createTestUser(db.repos, 'press');
      const statement = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/statements',
          headers: press.headers,
          payload: { title: 'Dự thảo thông cáo', body: 'Chưa công bố' },
        })
      ).json<{ id: string }>();
      assert.equal((await app.inject(`/api/v1/statements/${statement.id}`)).statusCode, 404);
    });

    test('the database itself refuses a published check approved by its author', async () => {
      const claim = await db.repos.claims.insert({
        text: 'x',
        normalizedText: 'x',
        foldedText: 'x',
        language: 'vi',
        priority: 'normal',
        dueAt: null,
      });
      await assert.rejects(
        db.database.query(
          `insert into checks (claim_id, slug, title, rating, summary, status, author_id, reviewer_id, published_at)
           values ($1, 'tu-duyet', 'Tự duyệt', 'false', 'Tóm tắt', 'published', $2, $2, now())`,
          [claim.id, editor.user.id],
        ),
        /checks_published_has_independent_reviewer/,
      );
    });

    test('items are stored once; a repeat adds a sighting', async () => {
      const payload = {
        url: 'https://Tin.Example.vn/bai-viet?id=7&utm_source=zalo&fbclid=abc#binh-luan',
        title: 'Tin giả về học phí',
        text: 'Liên hệ 0912 345 678 để được miễn học phí',
      };
      const first = await app.inject({
        method: 'POST',
        url: '/api/v1/items',
        headers: contributor.headers,
        payload,
      });
      assert.equal(first.statusCode, 201, first.body);
      const item = first.json<{
        item: { id: string; canonicalUrl: string; text: string; sightingsCount: number };
      }>().item;
      assert.equal(item.canonicalUrl, 'https://tin.example.vn/bai-viet?id=7');
      assert.doesNotMatch(item.text, /0912/, 'phone numbers are redacted before storage');
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/items',
        headers: contributor.headers,
        payload: { ...payload, url: 'https://tin.example.vn/bai-viet?id=7' },
      });
      assert.equal(again.statusCode, 200);
      const repeated = again.json<{
        item: { id: string; sightingsCount: number };
        created: boolean;
      }>();
      assert.equal(repeated.created, false);
      assert.equal(repeated.item.id, item.id);
      assert.equal(repeated.item.sightingsCount, 2);
      // The same post typed without diacritics and pasted without its link: same fingerprint.
      const folded = await app.inject({
        method: 'POST',
        url: '/api/v1/items',
        headers: contributor.headers,
        payload: { title: 'Tin gia ve hoc phi', text: 'Lien he 0912 345 678 de duoc mien hoc phi' },
      });
      assert.equal(folded.statusCode, 200, folded.body);
      assert.equal(
        folded.json<{ item: { id: string; sightingsCount: number } }>().item.id,
        item.id,
      );
      assert.equal(folded.json<{ item: { sightingsCount: number } }>().item.sightingsCount, 3);
      const other = await app.inject({
        method: 'POST',
        url: '/api/v1/items',
        headers: contributor.headers,
        payload: { text: 'Một bài hoàn toàn khác' },
      });
      assert.equal(other.statusCode, 201);
    });

    test('errors never leak internals on 5xx', async () => {
      const broken = await buildTestApp(db, {}, { ready: false });
      broken.get('/boom', async () => {
        throw new Error('secret detail: password=hunter2');
      });
      const res = await broken.inject('/boom');
      assert.equal(res.statusCode, 500);
      assert.doesNotMatch(res.body, /hunter2|stack|at /);
      assert.equal(problemOf(res.body).code, 'internal_error');
      assert.equal(problemOf(res.body).requestId, res.headers['x-request-id']);
      await broken.close();
    });

    test('sources, categories and statements round-trip', async () => {
      const admin = await createTestUser(db.repos, 'admin');
      const category = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/categories',
          headers: admin.headers,
          payload: buildCategory(),
        })
      ).json<{ id: string }>();
      const source = await app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: admin.headers,
        payload: {
          name: 'Báo tỉnh',
          kind: 'feed',
          url: 'https://baotinh.example.vn/rss.xml',
          categoryId: category.id,
        },
      });
      assert.equal(source.statusCode, 201, source.body);
      const listed = await app.inject({
        url: `/api/v1/sources?category=${category.id}`,
        headers: editor.headers,
      });
      assert.equal(listed.json<{ items: unknown[] }>().items.length, 1);
      const press = await createTestUser(db.repos, 'press');
      const statement = await app.inject({
        method: 'POST',
        url: '/api/v1/statements',
        headers: press.headers,
        payload: { title: 'Thông cáo về nguồn nước', body: 'Nội dung', status: 'published' },
      });
      assert.equal(statement.statusCode, 201, statement.body);
      assert.ok(statement.json<{ publishedAt: string }>().publishedAt);
      const missing = await app.inject('/api/v1/statements/00000000-0000-4000-8000-000000000000');
      assert.equal(missing.statusCode, 404);
      assert.equal(problemOf(missing.body).code, 'not_found');
    });
  });
}
