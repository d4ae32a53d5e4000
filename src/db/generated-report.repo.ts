/** Stored activity reports: made once per kind, period and format, listed newest first. */
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { ReportFormat, ReportKind, ReportPeriod } from '../core/report.js';
import type { Db } from './client.js';
import { guarded } from './repo-support.js';
import { generatedReports } from './schema.js';

/** A stored report without its bytes. */
export interface GeneratedReportInfo {
  id: string;
  kind: ReportKind;
  firstDay: string;
  lastDay: string;
  format: ReportFormat;
  sizeBytes: number;
  createdAt: Date;
  emailedAt: Date | null;
  emailError: string | null;
}

const info = {
  id: generatedReports.id,
  kind: generatedReports.kind,
  firstDay: generatedReports.firstDay,
  lastDay: generatedReports.lastDay,
  format: generatedReports.format,
  sizeBytes: generatedReports.sizeBytes,
  createdAt: generatedReports.createdAt,
  emailedAt: generatedReports.emailedAt,
  emailError: generatedReports.emailError,
};

export function generatedReportRepository(db: Db) {
  return {
    /** Whether the report of this kind, period and format exists. */
    async exists(kind: ReportKind, period: ReportPeriod, format: ReportFormat): Promise<boolean> {
      const rows = await db
        .select({ id: generatedReports.id })
        .from(generatedReports)
        .where(
          and(
            eq(generatedReports.kind, kind),
            eq(generatedReports.periodFrom, period.from),
            eq(generatedReports.periodTo, period.to),
            eq(generatedReports.format, format),
          ),
        );
      return rows.length > 0;
    },
    /** Stores a report; undefined when another process stored the same one first. */
    async insert(values: {
      kind: ReportKind;
      period: ReportPeriod;
      format: ReportFormat;
      bytes: Buffer;
      createdAt: Date;
    }): Promise<GeneratedReportInfo | undefined> {
      const [row] = await guarded(
        db
          .insert(generatedReports)
          .values({
            kind: values.kind,
            periodFrom: values.period.from,
            periodTo: values.period.to,
            firstDay: values.period.firstDay,
            lastDay: values.period.lastDay,
            format: values.format,
            bytes: values.bytes,
            sizeBytes: values.bytes.length,
            createdAt: values.createdAt,
          })
          .onConflictDoNothing()
          .returning(info),
      );
      return row;
    },
    /** Newest first, keyset-paged on (created_at, id). */
    list(limit: number, after?: { createdAt: Date; id: string }): Promise<GeneratedReportInfo[]> {
      return db
        .select(info)
        .from(generatedReports)
        .where(
          after
            ? or(
                lt(generatedReports.createdAt, after.createdAt),
                and(
                  eq(generatedReports.createdAt, after.createdAt),
                  sql`${generatedReports.id} < ${after.id}::uuid`,
                ),
              )
            : undefined,
        )
        .orderBy(desc(generatedReports.createdAt), desc(generatedReports.id))
        .limit(limit);
    },
    async get(id: string): Promise<(GeneratedReportInfo & { bytes: Buffer }) | undefined> {
      const [row] = await db
        .select({ ...info, bytes: generatedReports.bytes })
        .from(generatedReports)
        .where(eq(generatedReports.id, id));
      return row ? { ...row, bytes: Buffer.from(row.bytes) } : undefined;
    },
    /** Reports not yet e-mailed (nor failed), oldest first. */
    unsent(): Promise<GeneratedReportInfo[]> {
      return db
        .select(info)
        .from(generatedReports)
        .where(and(isNull(generatedReports.emailedAt), isNull(generatedReports.emailError)))
        .orderBy(generatedReports.createdAt);
    },
    async markEmailed(id: string, at: Date | null, error: string | null): Promise<void> {
      await db
        .update(generatedReports)
        .set({ emailedAt: at, emailError: error })
        .where(eq(generatedReports.id, id));
    },
  };
}

export type GeneratedReportRepository = ReturnType<typeof generatedReportRepository>;
