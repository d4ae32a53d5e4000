import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, caller } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { buildClaim, createTestUser, type TestUser } from '../../test/factories.js';
import { verifyAuditEvents, type StoredAuditEvent } from '../core/audit.js';

interface Check {
  id: string;
  version: number;
  status: string;
  reviewerId: string | null;
  unpublishReason: string | null;
  explanation: string;
  explanationHtml: string;
  title: string;
  summary: string;
}
interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string }>;
}

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

for (const target of databaseTargets()) {
  describe(`review and publication on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let author: TestUser;
    let colleague: TestUser;
    let lead: TestUser;
    let contributor: TestUser;

    before(async () => {
      db = await target.open();
      app = await buildTestApp(db);
      author = await createTestUser(db.repos, 'editor');
      colleague = await createTestUser(db.repos, 'editor');
      lead = await createTestUser(db.repos, 'lead');
      contributor = await createTestUser(db.repos, 'contributor');
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    async function draft() {
      const asAuthor = caller(app, author.headers);
      const claim = (await asAuthor('POST', '/api/v1/claims', buildClaim())).json<{ id: string }>();
      const check = (
        await asAuthor('POST', '/api/v1/checks', {
          claimId: claim.id,
          title: 'Nước máy không nhiễm độc',
        })
      ).json<Check>();
      return { claimId: claim.id, check };
    }
    const claimStatus = async (id: string) =>
      (await caller(app, lead.headers)('GET', `/api/v1/claims/${id}`)).json<{ status: string }>()
        .status;

    test('submit, request changes, approve by a second person, publish, unpublish, correct', async () => {
      const asAuthor = caller(app, author.headers);
      const asColleague = caller(app, colleague.headers);
      const asLead = caller(app, lead.headers);
      const { claimId, check } = await draft();
      let version = check.version;
      const submit = await asAuthor('POST', `/api/v1/checks/${check.id}/submit`, { version });
      assert.equal(submit.statusCode, 200, submit.body);
      version = submit.json<Check>().version;
      assert.equal(await claimStatus(claimId), 'in_review');

      const noComment = await asColleague('POST', `/api/v1/checks/${check.id}/request-changes`, {
        version,
      });
      assert.equal(noComment.statusCode, 400);
      const changes = await asColleague('POST', `/api/v1/checks/${check.id}/request-changes`, {
        version,
        comment: 'Thiếu nguồn chính thức',
      });
      assert.equal(changes.statusCode, 200, changes.body);
      assert.equal(changes.json<Check>().status, 'draft');
      assert.equal(await claimStatus(claimId), 'researching');
      version = changes.json<Check>().version;

      await asAuthor('POST', `/api/v1/claims/${claimId}/evidence`, {
        kind: 'document',
        title: 'Kết quả xét nghiệm của Trung tâm Kiểm soát bệnh tật',
      });
      const filled = await asAuthor('PATCH', `/api/v1/checks/${check.id}`, {
        version,
        rating: 'false',
        summary: 'Mẫu nước đạt chuẩn.',
        explanation:
          '## Kết quả\n\nMẫu nước **đạt** chuẩn, xem [công văn](https://so-yt.example.vn/cv).',
      });
      assert.equal(filled.statusCode, 200, filled.body);
      assert.match(filled.json<Check>().explanationHtml, /<h2>Kết quả<\/h2>/);
      version = filled.json<Check>().version;
      version = (
        await asAuthor('POST', `/api/v1/checks/${check.id}/submit`, { version })
      ).json<Check>().version;

      // The author cannot approve their own check, whatever their role.
      const self = await asAuthor('POST', `/api/v1/checks/${check.id}/approve`, { version });
      assert.equal(self.statusCode, 403);
      const problem = self.json<Problem>();
      assert.equal(problem.code, 'self_approval');
      assert.match(problem.detail, /second person/);
      // A contributor may not review, nor publish.
      const asContributor = caller(app, contributor.headers);
      assert.equal(
        (await asContributor('POST', `/api/v1/checks/${check.id}/approve`, { version })).statusCode,
        403,
      );

      const approved = await asColleague('POST', `/api/v1/checks/${check.id}/approve`, {
        version,
      });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json<Check>().reviewerId, colleague.user.id);
      assert.equal(await claimStatus(claimId), 'approved');
      version = approved.json<Check>().version;

      // Editors review; publishing is the lead's.
      const editorPublish = await asColleague('POST', `/api/v1/checks/${check.id}/publish`, {
        version,
      });
      assert.equal(editorPublish.statusCode, 403);
      const published = await asLead('POST', `/api/v1/checks/${check.id}/publish`, { version });
      assert.equal(published.statusCode, 200, published.body);
      assert.equal(published.json<Check>().status, 'published');
      assert.equal(await claimStatus(claimId), 'published');
      version = published.json<Check>().version;

      const noReason = await asLead('POST', `/api/v1/checks/${check.id}/unpublish`, { version });
      assert.equal(noReason.statusCode, 400);
      const down = await asLead('POST', `/api/v1/checks/${check.id}/unpublish`, {
        version,
        reason: 'Cần xác minh lại số liệu',
      });
      assert.equal(down.statusCode, 200, down.body);
      assert.equal(down.json<Check>().unpublishReason, 'Cần xác minh lại số liệu');
      assert.equal((await app.inject(`/api/v1/checks/${check.id}`)).statusCode, 404);
      version = down.json<Check>().version;

      const again = await asLead('POST', `/api/v1/checks/${check.id}/publish`, { version });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json<Check>().unpublishReason, null);
      version = again.json<Check>().version;
      const corrected = await asLead('PATCH', `/api/v1/checks/${check.id}`, {
        version,
        summary: 'Mẫu nước đạt chuẩn QCVN 01-1:2018/BYT.',
        correctionReason: 'Bổ sung quy chuẩn',
      });
      assert.equal(corrected.statusCode, 200, corrected.body);
      assert.equal(await claimStatus(claimId), 'corrected');
      const publicHistory = (await app.inject(`/api/v1/checks/${check.id}/versions`)).json<{
        corrections: Array<{ reason: string }>;
      }>();
      assert.deepEqual(
        publicHistory.corrections.map((c) => c.reason),
        ['Bổ sung quy chuẩn'],
      );

      const reviews = (await asLead('GET', `/api/v1/checks/${check.id}/reviews`)).json<{
        items: Array<{ decision: string; comment: string; reviewerId: string }>;
      }>();
      assert.deepEqual(
        reviews.items.map((r) => [r.decision, r.comment, r.reviewerId]),
        [
          ['changes_requested', 'Thiếu nguồn chính thức', colleague.user.id],
          ['approved', '', colleague.user.id],
        ],
      );

      // Every step is in the audit chain, and the chain holds.
      const { rows } = await db.database.query<{ action: string }>(
        `select action from audit_events where entity_type = 'check' and entity_id = $1 order by id`,
        [check.id],
      );
      assert.deepEqual(
        rows.map((r) => r.action),
        [
          'check.created',
          'check.in_review',
          'check.changes_requested',
          'check.updated',
          'check.in_review',
          'check.approved',
          'check.published',
          'check.unpublished',
          'check.published',
          'check.corrected',
        ],
      );
      const all = await db.database.query<{
        id: string;
        occurred_at: Date;
        actor_kind: StoredAuditEvent['actor']['kind'];
        actor_id: string | null;
        action: string;
        entity_type: string;
        entity_id: string | null;
        data: Record<string, unknown>;
        prev_hash: string;
        hash: string;
      }>('select * from audit_events order by id');
      const verdict = verifyAuditEvents(
        all.rows.map((r) => ({
          id: Number(r.id),
          occurredAt: new Date(r.occurred_at),
          actor: { kind: r.actor_kind, id: r.actor_id },
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          data: r.data,
          prevHash: r.prev_hash,
          hash: r.hash,
        })),
      );
      assert.equal(verdict.ok, true, JSON.stringify(verdict));
    });

    test('publishing is refused until rating, summary and evidence exist', async () => {
      const asAuthor = caller(app, author.headers);
      const { check } = await draft();
      const submitted = (
        await asAuthor('POST', `/api/v1/checks/${check.id}/submit`, { version: 1 })
      ).json<Check>();
      const res = await caller(app, lead.headers)('POST', `/api/v1/checks/${check.id}/approve`, {
        version: submitted.version,
      });
      assert.equal(res.statusCode, 422);
      assert.deepEqual(res.json<{ reasons: string[] }>().reasons, [
        'it has no rating',
        'it has no summary',
        'its claim has no evidence',
      ]);
    });

    test('a stale edit of a check gets 409 and overwrites nothing', async () => {
      const asAuthor = caller(app, author.headers);
      const { check } = await draft();
      const first = await asAuthor('PATCH', `/api/v1/checks/${check.id}`, {
        version: 1,
        summary: 'Bản của người thứ nhất',
      });
      assert.equal(first.statusCode, 200);
      const second = await caller(app, colleague.headers)('PATCH', `/api/v1/checks/${check.id}`, {
        version: 1,
        summary: 'Bản của người thứ hai',
      });
      assert.equal(second.statusCode, 409);
      const problem = second.json<Problem & { currentVersion: number }>();
      assert.equal(problem.code, 'version_conflict');
      assert.equal(problem.currentVersion, 2);
      assert.match(problem.detail, /changed by someone else/);
      const now = (await asAuthor('GET', `/api/v1/checks/${check.id}`)).json<Check>();
      assert.equal(now.summary, 'Bản của người thứ nhất');
    });

    test('the diff between two versions is structured, word by word and line by line', async () => {
      const asAuthor = caller(app, author.headers);
      const { check } = await draft();
      await asAuthor('PATCH', `/api/v1/checks/${check.id}`, {
        version: 1,
        title: 'Nước máy hoàn toàn không nhiễm độc',
        explanation: 'Dòng một\nDòng hai\n',
        rating: 'false',
      });
      await asAuthor('PATCH', `/api/v1/checks/${check.id}`, {
        version: 2,
        explanation: 'Dòng một\nDòng ba\n',
      });
      const res = await asAuthor('GET', `/api/v1/checks/${check.id}/diff?from=1&to=3`);
      assert.equal(res.statusCode, 200, res.body);
      const diff = res.json<{
        fields: Array<{
          field: string;
          before: unknown;
          after: unknown;
          words?: Array<{ op: string; text: string }>;
          lines?: Array<{ op: string; text: string }>;
        }>;
      }>();
      assert.deepEqual(
        diff.fields.map((f) => f.field),
        ['title', 'rating', 'explanation'],
      );
      const title = diff.fields[0]!;
      assert.deepEqual(
        title.words!.filter((p) => p.op !== 'equal'),
        [{ op: 'insert', text: 'hoàn toàn ' }],
      );
      assert.deepEqual(diff.fields[1]!.before, null);
      assert.deepEqual(diff.fields[1]!.after, 'false');
      assert.deepEqual(diff.fields[2]!.lines, [{ op: 'insert', text: 'Dòng một\nDòng ba\n' }]);
      const missing = await asAuthor('GET', `/api/v1/checks/${check.id}/diff?from=1&to=9`);
      assert.equal(missing.statusCode, 404);
      assert.equal(
        (await app.inject(`/api/v1/checks/${check.id}/diff?from=1&to=3`)).statusCode,
        401,
      );
    });

    test('HTML and script in every text field are stored as text and never rendered raw', async () => {
      const asAuthor = caller(app, author.headers);
      const claim = (await asAuthor('POST', '/api/v1/claims', { text: `Tin đồn ${XSS}` })).json<{
        id: string;
        text: string;
      }>();
      assert.equal(claim.text, `Tin đồn ${XSS}`);
      const check = (
        await asAuthor('POST', '/api/v1/checks', {
          claimId: claim.id,
          title: `Tiêu đề ${XSS}`,
          summary: `Tóm tắt ${XSS}`,
          explanation: `Giải thích ${XSS} [bấm](javascript:alert(1)) <a href="javascript:alert(2)">x</a>`,
        })
      ).json<Check>();
      assert.equal(check.title, `Tiêu đề ${XSS}`);
      assert.equal(check.summary, `Tóm tắt ${XSS}`);
      // Only the allowed tags are markup; everything else is text.
      const tags = [...check.explanationHtml.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]);
      assert.deepEqual([...new Set(tags)], ['p']);
      assert.doesNotMatch(check.explanationHtml, /<a\s/);
      assert.match(check.explanationHtml, /&lt;script&gt;/);
      const evidence = (
        await asAuthor('POST', `/api/v1/claims/${claim.id}/evidence`, {
          kind: 'expert_statement',
          title: `Chuyên gia ${XSS}`,
          note: XSS,
        })
      ).json<{ title: string; note: string }>();
      assert.equal(evidence.title, `Chuyên gia ${XSS}`);
      assert.equal(evidence.note, XSS);
      const note = (
        await asAuthor('POST', `/api/v1/claims/${claim.id}/notes`, { body: `Ghi chú ${XSS}` })
      ).json<{ note: { body: string } }>();
      assert.equal(note.note.body, `Ghi chú ${XSS}`);
      const step = (
        await asAuthor('POST', `/api/v1/claims/${claim.id}/checklist`, { labels: [XSS] })
      ).json<{ items: Array<{ label: string }> }>();
      assert.ok(step.items.some((s) => s.label === XSS));
      const template = await caller(app, lead.headers)('POST', '/api/v1/checklist-templates', {
        name: XSS,
        items: [XSS],
      });
      assert.equal(template.json<{ name: string }>().name, XSS);
      // Every response is JSON, never a page a browser would render.
      for (const url of [`/api/v1/claims/${claim.id}`, `/api/v1/checks/${check.id}`]) {
        const res = await asAuthor('GET', url);
        assert.match(res.headers['content-type'] as string, /^application\/json/);
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
      }
    });
  });
}
