/**
 * The activity report as the API, the CLI and the worker use it: figures for a period, the
 * rendered file in any format, and the stored weekly and monthly reports.
 */
import { NotFoundError } from '../core/errors.js';
import { decodeCursor, toPage, type Page } from '../core/pagination.js';
import { authorize } from '../core/policy.js';
import type { Clock, Principal } from '../core/ports.js';
import {
  EXPORT_KINDS,
  REPORT_KINDS,
  duePeriod,
  parseReportPeriod,
  validateExportFilter,
  type ActivityReport,
  type ExportFilter,
  type ExportKind,
  type OrganisationSettings,
  type ReportFormat,
  type ReportKind,
  type ReportPeriod,
  type ReportSchedule,
} from '../core/report.js';
import { ValidationError } from '../core/errors.js';
import type { Db } from '../db/client.js';
import { exportRepository, type ExportRows } from '../db/export.repo.js';
import {
  generatedReportRepository,
  type GeneratedReportInfo,
} from '../db/generated-report.repo.js';
import { reportRepository } from '../db/report.repo.js';
import { renderReportDocx } from './docx.js';
import { renderCsv, renderXlsx } from './exports.js';
import { sendReportEmail, type ReportEmailSettings } from './mail.js';
import { convertDocxToPdf } from './pdf.js';

/** What rendering needs beyond the data: the organisation, the schedule, delivery. */
export interface ReportSettings {
  organisation: OrganisationSettings;
  schedule: ReportSchedule;
  /** E-mail delivery of scheduled reports; off when undefined. */
  email?: ReportEmailSettings | undefined;
  /** Longest a LibreOffice conversion may take. */
  pdfTimeoutMs?: number | undefined;
}

/** A file ready to send or save. */
export interface RenderedFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
}

/** Which file to make for a period. */
export interface RenderInput {
  from: string;
  to: string;
  format: ReportFormat;
  /** For XLSX: one sheet of these (all three when absent); for CSV: required. */
  what?: ExportKind | undefined;
  filter?: ExportFilter | undefined;
}

export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const FILE_STEMS: Readonly<Record<ExportKind, string>> = {
  claims: 'nhan-dinh',
  checks: 'ket-qua-kiem-chung',
  items: 'tin-bai',
};

function fileName(stem: string, period: ReportPeriod, format: ReportFormat): string {
  return `${stem}-${period.firstDay}-den-${period.lastDay}.${format}`;
}

async function exportRows(
  db: Db,
  period: ReportPeriod,
  kinds: readonly ExportKind[],
  filter: ExportFilter,
): Promise<Partial<ExportRows>> {
  const repo = exportRepository(db);
  const rows: Partial<ExportRows> = {};
  for (const kind of kinds) {
    if (kind === 'claims') rows.claims = await repo.claims(period, filter);
    if (kind === 'checks') rows.checks = await repo.checks(period, filter);
    if (kind === 'items') rows.items = await repo.items(period, filter);
  }
  return rows;
}

/** The activity report's figures for a period given as two days (YYYY-MM-DD). */
export function activityReport(db: Db, period: ReportPeriod, now: Date): Promise<ActivityReport> {
  return reportRepository(db).activityReport(period, now);
}

/**
 * Makes the file for a period: the administrative document (docx, pdf) or an export (xlsx,
 * csv). No permission check: callers (the API, the CLI, the worker) decide who may.
 */
export async function renderReportFile(
  db: Db,
  settings: ReportSettings,
  input: RenderInput,
  now: Date,
): Promise<RenderedFile> {
  const period = parseReportPeriod(input.from, input.to);
  const filter = input.filter ?? {};
  switch (input.format) {
    case 'docx':
    case 'pdf': {
      if (input.what || Object.values(filter).some((v) => v !== undefined)) {
        throw new ValidationError(
          [
            {
              field: 'what',
              message: 'the report document takes no export filters; use xlsx or csv',
            },
          ],
          'The report request is invalid.',
        );
      }
      const report = await activityReport(db, period, now);
      const docx = await renderReportDocx(report, settings.organisation, now);
      const bytes =
        input.format === 'pdf'
          ? await convertDocxToPdf(docx, { timeoutMs: settings.pdfTimeoutMs })
          : docx;
      return {
        bytes,
        contentType: CONTENT_TYPES[input.format],
        filename: fileName('bao-cao', period, input.format),
      };
    }
    case 'xlsx': {
      if (input.what) validateExportFilter(input.what, filter);
      else if (Object.entries(filter).some(([field, v]) => field !== 'q' && v !== undefined)) {
        // Each table has its own states and fields; only the text search applies to all three.
        throw new ValidationError(
          [
            {
              field: 'what',
              message: 'choose claims, checks or items to filter by more than text',
            },
          ],
          'The report request is invalid.',
        );
      }
      const kinds = input.what ? [input.what] : EXPORT_KINDS;
      const rows = await exportRows(db, period, kinds, filter);
      return {
        bytes: await renderXlsx(rows),
        contentType: CONTENT_TYPES.xlsx,
        filename: fileName(input.what ? FILE_STEMS[input.what] : 'du-lieu', period, 'xlsx'),
      };
    }
    case 'csv': {
      if (!input.what) {
        throw new ValidationError(
          [
            {
              field: 'what',
              message: 'a CSV file holds one table: choose claims, checks or items',
            },
          ],
          'The report request is invalid.',
        );
      }
      validateExportFilter(input.what, filter);
      const rows = await exportRows(db, period, [input.what], filter);
      const csv =
        input.what === 'claims'
          ? renderCsv('claims', rows.claims ?? [])
          : input.what === 'checks'
            ? renderCsv('checks', rows.checks ?? [])
            : renderCsv('items', rows.items ?? []);
      return {
        bytes: csv,
        contentType: CONTENT_TYPES.csv,
        filename: fileName(FILE_STEMS[input.what], period, 'csv'),
      };
    }
  }
}

/** The report operations behind the API, each checking the caller may read reports. */
export function createReportService(db: Db, clock: Clock, settings: ReportSettings) {
  const stored = generatedReportRepository(db);
  return {
    async activity(principal: Principal, from: string, to: string): Promise<ActivityReport> {
      authorize(principal, 'reports.read');
      return activityReport(db, parseReportPeriod(from, to), clock());
    },
    async render(principal: Principal, input: RenderInput): Promise<RenderedFile> {
      authorize(principal, 'reports.read');
      return renderReportFile(db, settings, input, clock());
    },
    async listGenerated(
      principal: Principal,
      input: { limit: number; cursor?: string | undefined },
    ): Promise<Page<GeneratedReportInfo>> {
      authorize(principal, 'reports.read');
      const after = input.cursor ? decodeCursor(input.cursor) : undefined;
      return toPage(await stored.list(input.limit + 1, after), input.limit);
    },
    async getGenerated(principal: Principal, id: string): Promise<RenderedFile> {
      authorize(principal, 'reports.read');
      const row = await stored.get(id);
      if (!row) throw new NotFoundError('Report', id);
      return {
        bytes: row.bytes,
        contentType: CONTENT_TYPES[row.format],
        filename: `bao-cao-${row.kind === 'weekly' ? 'tuan' : 'thang'}-${row.firstDay}-den-${row.lastDay}.${row.format}`,
      };
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;

/**
 * Makes the weekly and monthly reports that are due and not made yet (each once: the database
 * refuses a second copy), then e-mails what was not sent. Returns the reports it made.
 */
export async function runReportSchedule(
  db: Db,
  clock: Clock,
  settings: ReportSettings,
): Promise<GeneratedReportInfo[]> {
  const stored = generatedReportRepository(db);
  const made: GeneratedReportInfo[] = [];
  const now = clock();
  for (const kind of REPORT_KINDS as readonly ReportKind[]) {
    const period = duePeriod(kind, settings.schedule, now);
    if (!period || (await stored.exists(kind, period, 'docx'))) continue;
    const report = await activityReport(db, period, now);
    const bytes = await renderReportDocx(report, settings.organisation, now);
    const row = await stored.insert({ kind, period, format: 'docx', bytes, createdAt: now });
    if (row) made.push(row);
  }
  if (settings.email) {
    for (const row of await stored.unsent()) {
      const full = await stored.get(row.id);
      if (!full) continue;
      try {
        await sendReportEmail(settings.email, full);
        await stored.markEmailed(row.id, clock(), null);
      } catch (error) {
        // Recorded, not retried forever: the report stays downloadable from the desk.
        await stored.markEmailed(
          row.id,
          null,
          (error instanceof Error ? error.message : String(error)).slice(0, 500),
        );
      }
    }
  }
  return made;
}
