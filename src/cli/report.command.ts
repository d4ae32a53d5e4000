import { rename, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { ValidationError } from '../core/errors.js';
import {
  EXPORT_KINDS,
  REPORT_FORMATS,
  type ExportKind,
  type ReportFormat,
} from '../core/report.js';
import {
  CHANNELS,
  PRIORITIES,
  RATINGS,
  type Channel,
  type Priority,
  type Rating,
} from '../core/types.js';
import { runReportSchedule, renderReportFile } from '../reports/report.service.js';
import { createLogger, openAndMigrate } from '../server/server.js';
import { configFrom, withGlobalOptions, type GlobalOptions } from './options.js';

interface ReportOptions extends GlobalOptions {
  from: string;
  to: string;
  format?: ReportFormat;
  what?: ExportKind;
  out?: string;
  status?: string;
  category?: string;
  priority?: Priority;
  rating?: Rating;
  channel?: Channel;
  q?: string;
}

/** One line per problem, so a wrong period or filter is clear at the prompt. */
function explain(error: unknown): never {
  if (error instanceof ValidationError) {
    throw new Error(
      `${error.message} ${error.problems.map((p) => `--${p.field}: ${p.message}`).join('; ')}`,
    );
  }
  throw error;
}

/** `report` and `report-schedule`: the activity report and the exports, from the command line. */
export function registerReportCommands(program: Command): void {
  withGlobalOptions(
    program
      .command('report')
      .description(
        'Write the activity report for a period (docx, pdf) or an export of claims, checks or items (xlsx, csv)',
      )
      .requiredOption('--from <date>', 'first day, YYYY-MM-DD (Vietnam time)')
      .requiredOption('--to <date>', 'last day, YYYY-MM-DD (included)')
      .addOption(
        new Option('--format <format>', 'file format').choices(REPORT_FORMATS).default('docx'),
      )
      .addOption(
        new Option(
          '--what <what>',
          'for xlsx/csv: which table (xlsx: all three when absent)',
        ).choices(EXPORT_KINDS),
      )
      .option('--out <file>', 'where to write the file (default: a name made of the period)')
      .option('--status <status>', 'export filter: state of the claim, check or item')
      .option('--category <slug>', 'export filter: category of claims or checks')
      .addOption(new Option('--priority <priority>', 'export filter: claims').choices(PRIORITIES))
      .addOption(new Option('--rating <rating>', 'export filter: checks').choices(RATINGS))
      .addOption(new Option('--channel <channel>', 'export filter: items').choices(CHANNELS))
      .option('--q <text>', 'export filter: text contained, without regard to diacritics'),
  ).action(async (options: ReportOptions) => {
    const config = configFrom(options);
    const database = await openAndMigrate(config, createLogger({ ...config, logLevel: 'warn' }));
    try {
      const file = await renderReportFile(
        database.db,
        { ...config.reports },
        {
          from: options.from,
          to: options.to,
          format: options.format ?? 'docx',
          what: options.what,
          filter: {
            status: options.status,
            category: options.category,
            priority: options.priority,
            rating: options.rating,
            channel: options.channel,
            q: options.q,
          },
        },
        new Date(),
      ).catch(explain);
      const out = options.out ?? file.filename;
      // Written beside the target and renamed: a failed run leaves no half-written file.
      const partial = `${out}.${process.pid}.partial`;
      await writeFile(partial, file.bytes);
      await rename(partial, out);
      console.log(`${out} (${file.bytes.length} bytes)`);
    } finally {
      await database.close();
    }
  });

  withGlobalOptions(
    program
      .command('report-schedule')
      .description(
        'Make the weekly and monthly reports that are due now (the worker does this on its own)',
      ),
  ).action(async (options: GlobalOptions) => {
    const config = configFrom(options);
    const database = await openAndMigrate(config, createLogger({ ...config, logLevel: 'warn' }));
    try {
      const made = await runReportSchedule(database.db, () => new Date(), config.reports);
      if (made.length === 0) console.log('No report due: the latest ones are already made.');
      for (const r of made) console.log(`${r.kind} ${r.firstDay} – ${r.lastDay}: ${r.id}`);
    } finally {
      await database.close();
    }
  });
}
