import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { EXPORT_KINDS, REPORT_FORMATS, REPORT_KINDS } from '../../../core/report.js';
import { CHANNELS, PRIORITIES, RATINGS } from '../../../core/types.js';
import type { RenderedFile, ReportService } from '../../../reports/report.service.js';
import { DateTime, IdParams, Nullable, Uuid, errorResponses, pageOf, plain } from '../common.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../core/pagination.js';

const Day = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD, Vietnam time',
});
const PeriodQuery = Type.Object(
  {
    from: Day,
    to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'last day, included' }),
  },
  { additionalProperties: false },
);
const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

const RenderSchema = Type.Object(
  {
    from: Day,
    to: Day,
    format: literals(REPORT_FORMATS),
    what: Type.Optional(literals(EXPORT_KINDS)),
    status: Type.Optional(Type.String({ maxLength: 30 })),
    category: Type.Optional(Type.String({ maxLength: 100 })),
    priority: Type.Optional(literals(PRIORITIES)),
    rating: Type.Optional(literals(RATINGS)),
    channel: Type.Optional(literals(CHANNELS)),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const GeneratedSchema = Type.Object({
  id: Uuid,
  kind: Type.String({ enum: [...REPORT_KINDS] }),
  firstDay: Type.String(),
  lastDay: Type.String(),
  format: Type.String({ enum: [...REPORT_FORMATS] }),
  sizeBytes: Type.Integer(),
  createdAt: DateTime,
  emailedAt: Nullable(DateTime),
  emailError: Nullable(Type.String()),
});

function sendFile(reply: FastifyReply, file: RenderedFile) {
  // RFC 6266: an ASCII name for old clients (the names are ASCII already) and filename*.
  return reply
    .header('content-type', file.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .header('cache-control', 'no-store')
    .send(file.bytes);
}

const config = { permission: 'reports.read' as const };

/**
 * /api/v1/reports/activity and /api/v1/reports/generated: the activity report's figures, the
 * document or an export for any period, and the weekly and monthly reports made on schedule.
 */
export async function activityReportRoutes(
  appBase: FastifyInstance,
  { reports }: { reports: ReportService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reports'];
  app.get(
    '/reports/activity',
    {
      config,
      schema: {
        tags,
        summary: 'Figures of the activity report for a period (the dashboard shows the same)',
        security: [{ bearer: [] }],
        querystring: PeriodQuery,
        response: {
          200: Type.Object({}, { additionalProperties: true }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      plain(await reports.activity(request.principal, request.query.from, request.query.to)),
  );
  app.post(
    '/reports/activity',
    {
      config,
      schema: {
        tags,
        summary: 'Make the report document (docx, pdf) or an export (xlsx, csv) for a period',
        description:
          'Returns the file. Exports take the desk filters; CSV needs `what`. PDF needs LibreOffice on the server.',
        security: [{ bearer: [] }],
        body: RenderSchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const { from, to, format, what, ...filter } = request.body;
      return sendFile(
        reply,
        await reports.render(request.principal, { from, to, format, what, filter }),
      );
    },
  );
  app.get(
    '/reports/generated',
    {
      config,
      schema: {
        tags,
        summary: 'Weekly and monthly reports made on schedule, newest first',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            limit: Type.Optional(
              Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
            ),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(GeneratedSchema), ...errorResponses },
      },
    },
    async (request) =>
      plain(
        await reports.listGenerated(request.principal, {
          limit: request.query.limit ?? DEFAULT_PAGE_SIZE,
          cursor: request.query.cursor,
        }),
      ),
  );
  app.get(
    '/reports/generated/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Download a report made on schedule',
        security: [{ bearer: [] }],
        params: IdParams,
        response: errorResponses,
      },
    },
    async (request, reply) =>
      sendFile(reply, await reports.getGenerated(request.principal, request.params.id)),
  );
}
