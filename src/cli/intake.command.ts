import type { Command } from 'commander';
import { CheckIndex } from '../core/check-index.js';
import { createRepositories } from '../db/repositories.js';
import { fetchArticle } from '../ingest/net/extract.js';
import { importFile } from '../ingest/import/import-file.js';
import { ingestFiles, listFiles } from '../ingest/offline-ingest.js';
import { createProductFetcher } from '../ingest/workers.js';
import { loadConfig } from '../config.js';
import { createLogger, openAndMigrate } from '../server/server.js';
import { configFrom, withGlobalOptions, type GlobalOptions } from './options.js';

/** `ingest`, `import` and `fetch`: intake from files and single URLs. */
export function registerIntakeCommands(program: Command): void {
  withGlobalOptions(
    program
      .command('ingest')
      .description(
        'Run feed files (RSS, Atom, JSON Feed, sitemaps) through the parser and pipeline',
      )
      .option('--dir <dir>', 'every file under this folder')
      .option('--file <file...>', 'these files')
      .option('--json', 'print the figures as JSON')
      .option('--progress', 'print progress lines on stderr'),
  ).action(
    async (
      options: GlobalOptions & {
        dir?: string;
        file?: string[];
        json?: boolean;
        progress?: boolean;
      },
    ) => {
      if (!options.dir && !options.file) throw new Error('give --dir DIR or --file FILE');
      const paths = [...(options.dir ? await listFiles(options.dir) : []), ...(options.file ?? [])];
      const config = configFrom(options);
      const database = await openAndMigrate(config, createLogger({ ...config, logLevel: 'warn' }));
      try {
        const repos = createRepositories(database.db);
        const report = await ingestFiles(
          repos,
          new CheckIndex(repos.pipeline),
          () => new Date(),
          paths,
          {
            homeProvinceCodes: config.homeProvinces,
            ...(options.progress
              ? {
                  onProgress: (read: number, stored: number) =>
                    console.error(`progress ${read} ${stored}`),
                }
              : {}),
          },
        );
        if (options.json) console.log(JSON.stringify(report));
        else {
          console.log(
            `${report.files} files: ${report.parsed} parsed, ${report.rejected} rejected ${JSON.stringify(report.rejectReasons)}`,
          );
          console.log(
            `${report.items} entries: ${report.stored} stored, ${report.duplicates} already known, ${report.unusable} unusable, ${report.matched} matched to published checks`,
          );
          console.log(`${report.elapsedMs} ms, ${report.itemsPerSecond} entries/s`);
        }
      } finally {
        await database.close();
      }
    },
  );

  withGlobalOptions(
    program
      .command('import')
      .argument(
        '<file>',
        'a .csv or .jsonl file of items (url, title, text, published_at, language)',
      )
      .description(
        'Import items from a file; nothing is stored from a file with errors unless --skip-bad',
      )
      .option('--dry-run', 'check the file and report, store nothing')
      .option('--skip-bad', 'store the valid rows even when other rows have errors')
      .option('--json', 'print the summary as JSON'),
  ).action(
    async (
      file: string,
      options: GlobalOptions & { dryRun?: boolean; skipBad?: boolean; json?: boolean },
    ) => {
      const config = configFrom(options);
      const database = await openAndMigrate(config, createLogger({ ...config, logLevel: 'warn' }));
      try {
        const summary = await importFile(createRepositories(database.db), () => new Date(), file, {
          dryRun: options.dryRun ?? false,
          skipBad: options.skipBad ?? false,
        });
        if (options.json) {
          const { report, ...figures } = summary;
          void report;
          console.log(JSON.stringify(figures));
        } else {
          console.log(summary.report);
          console.log(
            !summary.accepted
              ? 'Nothing stored: fix the errors above, or use --skip-bad to store the valid rows.'
              : summary.dryRun
                ? `Dry run: ${summary.rowsValid} rows would be imported.`
                : `Imported: ${summary.stored} new items, ${summary.duplicates} already known.`,
          );
        }
        if (!summary.accepted) process.exitCode = 1;
      } finally {
        await database.close();
      }
    },
  );

  program
    .command('fetch')
    .argument('<url>', 'an http(s) URL')
    .description('Fetch one page through the guarded fetcher and extract its article')
    .option('--json', 'print the result as JSON')
    .action(async (url: string, options: { json?: boolean }) => {
      // Only the fetch settings matter here: no database is opened.
      const config = loadConfig();
      const fetcher = createProductFetcher({
        baseUrl: config.baseUrl,
        allowHosts: config.fetchAllowHosts,
        maxBytes: config.fetchMaxBytes,
        timeoutMs: config.fetchTimeoutMs,
      });
      const result = await fetchArticle(fetcher, url);
      if (options.json) console.log(JSON.stringify(result));
      else if (result.ok) console.log(`${result.title}\n${result.finalUrl}\n\n${result.text}`);
      else console.error(`refused (${result.reason}): ${result.message}`);
      if (!result.ok) process.exitCode = 2;
    });
}
