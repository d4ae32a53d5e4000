import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { DEFAULT_ORGANISATION, DEFAULT_REPORT_SCHEDULE } from '../../../core/report.js';
import { runReportSchedule } from '../../../reports/report.service.js';
import { buildTestApp } from '../../../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../../../test/db.js';
import { readDocx } from '../../../../test/docx-xml.js';
import { createTestUser, type TestUser } from '../../../../test/factories.js';
import { buildReportFixture, vn } from '../../../../test/report-fixture.js';

interface Mail {
  to: string[];
  raw: string;
}

/** A tiny SMTP server on a local port that keeps what it receives. */
async function startSmtp(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

for (const target of databaseTargets()) {
  describe(`/api/v1/reports/activity and /generated on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let lead: TestUser;
    let editor: TestUser;

    before(async () => {
      db = await target.open();
      app = await buildTestApp(db);
      lead = await createTestUser(db.repos, 'lead');
      editor = await createTestUser(db.repos, 'editor');
      await buildReportFixture(db);
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    test('figures for a period, for leads and admins only', async () => {
      const res = await app.inject({
        url: '/api/v1/reports/activity?from=2026-03-01&to=2026-03-31',
        headers: lead.headers,
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ items: { sightings: number }; claims: { created: number } }>();
      assert.equal(body.items.sightings, 5);
      assert.equal(body.claims.created, 4);
      const denied = await app.inject({
        url: '/api/v1/reports/activity?from=2026-03-01&to=2026-03-31',
        headers: editor.headers,
      });
      assert.equal(denied.statusCode, 403);
      const bad = await app.inject({
        url: '/api/v1/reports/activity?from=2026-03-31&to=2026-03-01',
        headers: lead.headers,
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /after it ends/);
    });

    test('the dashboard of a period shows exactly the report’s figures for it', async () => {
      const period = 'from=2026-03-01&to=2026-03-31';
      const reportRes = await app.inject({
        url: `/api/v1/reports/activity?${period}`,
        headers: lead.headers,
      });
      const dashboardRes = await app.inject({
        url: `/api/v1/dashboard?${period}`,
        headers: lead.headers,
      });
      assert.equal(reportRes.statusCode, 200, reportRes.body);
      assert.equal(dashboardRes.statusCode, 200, dashboardRes.body);
      const report = reportRes.json<Record<string, unknown>>();
      const dashboard = dashboardRes.json<{
        days: number;
        medianFirstResponseSeconds: number | null;
        medianTimeToPublicationSeconds: number | null;
        verdicts: Record<string, number>;
        itemsPerDay: Array<{ day: string; count: number }>;
        period: Record<string, unknown>;
      }>();
      // Every figure of the period, one by one, as the document prints them.
      for (const key of ['period', 'intake', 'items', 'claims', 'checks', 'responseTimes']) {
        assert.deepEqual(dashboard.period[key], report[key], key);
      }
      const { examples: _examples, ...overdue } = report.overdue as Record<string, unknown>;
      assert.deepEqual(dashboard.period.overdue, overdue);
      // The dashboard's own fields agree with the report too, and the month is not empty.
      const r = report as {
        items: { newItems: number; sightings: number };
        claims: { created: number };
        checks: { byVerdict: Array<{ rating: string; count: number }> };
        responseTimes: Record<'firstResponse' | 'publication', { medianHours: number }>;
      };
      assert.deepEqual([r.items.sightings, r.claims.created], [5, 4]);
      assert.equal(dashboard.days, 31);
      assert.equal(dashboard.itemsPerDay.length, 31);
      assert.equal(dashboard.itemsPerDay[0]!.day, '2026-03-01');
      assert.equal(
        dashboard.itemsPerDay.reduce((sum, d) => sum + d.count, 0),
        r.items.newItems,
      );
      assert.deepEqual(
        dashboard.verdicts,
        Object.fromEntries(r.checks.byVerdict.map((v) => [v.rating, v.count])),
      );
      assert.equal(dashboard.verdicts.false, 1);
      assert.equal(dashboard.medianFirstResponseSeconds, 2 * 3600);
      assert.equal(
        dashboard.medianTimeToPublicationSeconds,
        Math.round(r.responseTimes.publication.medianHours * 3600),
      );

      const half = await app.inject({
        url: '/api/v1/dashboard?from=2026-03-01',
        headers: lead.headers,
      });
      assert.equal(half.statusCode, 400);
      assert.match(half.body, /required with from/);
    });

    test('the document and exports for a period are returned as files', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/reports/activity',
        headers: lead.headers,
        payload: { from: '2026-03-01', to: '2026-03-31', format: 'docx' },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.headers['content-type'] as string, /wordprocessingml/);
      assert.match(
        res.headers['content-disposition'] as string,
        /attachment; filename="bao-cao-2026-03-01-den-2026-03-31\.docx"/,
      );
      const doc = await readDocx(res.rawPayload);
      assert.ok(doc.paragraphs.includes('BÁO CÁO'));
      const csv = await app.inject({
        method: 'POST',
        url: '/api/v1/reports/activity',
        headers: lead.headers,
        payload: {
          from: '2026-03-01',
          to: '2026-03-31',
          format: 'csv',
          what: 'items',
          channel: 'tip',
        },
      });
      assert.equal(csv.statusCode, 200, csv.body);
      assert.equal(csv.body.split('\r\n').filter(Boolean).length, 2);
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/v1/reports/activity',
        headers: lead.headers,
        payload: { from: '2026-03-01', to: '2026-03-31', format: 'odt' },
      });
      assert.equal(unknown.statusCode, 400);
    });

    test('weekly and monthly reports are made once, listed, downloadable and e-mailed', async () => {
      const smtp = await startSmtp();
      try {
        const settings = {
          organisation: DEFAULT_ORGANISATION,
          schedule: DEFAULT_REPORT_SCHEDULE,
          email: {
            smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
            from: 'kiemchung@test.invalid',
            to: ['lanh-dao@test.invalid', 'van-thu@test.invalid'],
          },
        };
        const clock = () => vn('2026-04-06T08:00:00');
        const made = await runReportSchedule(db.database.db, clock, settings);
        assert.deepEqual(
          made.map((r) => [r.kind, r.firstDay, r.lastDay]),
          [
            ['weekly', '2026-03-30', '2026-04-05'],
            ['monthly', '2026-03-01', '2026-03-31'],
          ],
        );
        // A second worker, or the next minute: nothing new.
        assert.deepEqual(await runReportSchedule(db.database.db, clock, settings), []);
        assert.equal(smtp.mails.length, 2);
        assert.deepEqual(smtp.mails[0]!.to, ['lanh-dao@test.invalid', 'van-thu@test.invalid']);
        assert.match(smtp.mails[1]!.raw, /bao-cao-thang-2026-03-01-den-2026-03-31\.docx/);

        const list = await app.inject({ url: '/api/v1/reports/generated', headers: lead.headers });
        assert.equal(list.statusCode, 200, list.body);
        const page = list.json<{
          items: Array<{ id: string; kind: string; emailedAt: string | null; sizeBytes: number }>;
        }>();
        assert.equal(page.items.length, 2);
        assert.ok(page.items.every((r) => r.emailedAt !== null));
        const monthly = page.items.find((r) => r.kind === 'monthly')!;
        const file = await app.inject({
          url: `/api/v1/reports/generated/${monthly.id}`,
          headers: lead.headers,
        });
        assert.equal(file.statusCode, 200);
        assert.equal(file.rawPayload.length, monthly.sizeBytes);
        const doc = await readDocx(file.rawPayload);
        assert.ok(doc.paragraphs.some((p) => p.includes('từ ngày 01/03/2026 đến ngày 31/03/2026')));
        const missing = await app.inject({
          url: '/api/v1/reports/generated/00000000-0000-4000-8000-000000000000',
          headers: lead.headers,
        });
        assert.equal(missing.statusCode, 404);
        const forbidden = await app.inject({
          url: '/api/v1/reports/generated',
          headers: editor.headers,
        });
        assert.equal(forbidden.statusCode, 403);
      } finally {
        await smtp.close();
      }
    });
  });
}
