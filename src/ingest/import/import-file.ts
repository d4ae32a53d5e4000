/**
 * `kiemchung import FILE`: reads a CSV or JSONL file of items and hands its rows to the
 * pipeline in one transaction. Nothing is stored from a file with errors unless `skipBad`; then
 * only its valid rows are. Re-importing the same file adds no sightings (each row's sighting is
 * keyed by the file's hash and the row's line).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SYSTEM_ACTOR } from '../../core/audit.js';
import { ValidationError } from '../../core/errors.js';
import { prepareItem, type PreparedItem } from '../../core/intake.js';
import { storeItems } from '../../core/intake.service.js';
import type { Clock, Repositories } from '../../core/ports.js';
import {
  formatImportReport,
  parseImport,
  rowsToStore,
  type ImportProblem,
} from './import-reader.js';

export interface ImportSummary {
  file: string;
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  /** Whether anything was (or, in a dry run, would be) stored. */
  accepted: boolean;
  dryRun: boolean;
  stored: number;
  duplicates: number;
  report: string;
}

export async function importFile(
  repos: Repositories,
  clock: Clock,
  path: string,
  options: { dryRun?: boolean; skipBad?: boolean } = {},
): Promise<ImportSummary> {
  const bytes = await readFile(path);
  const result = parseImport(bytes, { fileName: path });
  const fileHash = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  const now = clock();
  // The pipeline's own checks (URL shape, limits) run here too, so a row it would refuse is a
  // row error before anything is stored.
  const prepared: PreparedItem[] = [];
  for (const row of rowsToStore(result, options.skipBad ?? false)) {
    try {
      prepared.push(
        prepareItem(
          {
            channel: 'import',
            url: row.input.url,
            title: row.input.title,
            text: row.input.text,
            language: row.input.language,
            publishedAt: row.input.publishedAt,
            sightingKey: `import:${fileHash}:${row.line}`,
          },
          now,
        ),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const problem of error.problems) {
        result.errors.push({
          scope: 'row',
          line: row.line,
          message: `${problem.field}: ${problem.message}`,
        });
      }
      result.rowsRejected += 1;
    }
  }
  const rowErrors = result.errors.length > 0;
  const accepted =
    !result.errors.some((e) => e.scope === 'file') && (!rowErrors || (options.skipBad ?? false));
  let stored = 0;
  let duplicates = 0;
  if (accepted && !options.dryRun && prepared.length > 0) {
    const outcomes = await repos.transaction((tx) => storeItems(tx, SYSTEM_ACTOR, now, prepared));
    stored = outcomes.filter((o) => o.created).length;
    duplicates = outcomes.length - stored;
  }
  return {
    file: basename(path),
    rowsRead: result.rowsRead,
    rowsValid: accepted ? prepared.length : result.rows.length,
    rowsRejected: result.rowsRejected,
    errors: result.errors,
    warnings: result.warnings,
    accepted,
    dryRun: options.dryRun ?? false,
    stored,
    duplicates,
    report: formatImportReport(result, basename(path)),
  };
}
