import type { Command } from 'commander';
import { ensureSecretKey } from '../config.js';
import { Option } from 'commander';
import { createLogger, openAndMigrate, startProcess, type ProcessRole } from '../server/server.js';
import { seedDemo } from '../db/demo/seed-demo.js';
import { configFrom, withGlobalOptions, type GlobalOptions } from './options.js';

/** Runs until SIGINT/SIGTERM, then shuts down gracefully. */
async function runUntilSignal(
  role: ProcessRole,
  options: GlobalOptions & { port?: string; host?: string },
) {
  const running = await startProcess(configFrom(options), role);
  if (running.url) {
    running.logger.info(
      { url: running.url, database: running.database.kind, role },
      'Kiểm Chứng is running',
    );
    console.log(
      `Kiểm Chứng is running at ${running.url} (database: ${running.database.kind}; API docs: ${running.url}/api/docs)`,
    );
    if (running.demo) {
      console.log(`Demo accounts (demo mode only), password "${running.demo.password}":`);
      for (const account of running.demo.accounts) {
        const note = account.role === 'admin' ? ' (sets up two-factor sign-in first)' : '';
        console.log(`  ${account.role.padEnd(12)} ${account.email}${note}`);
      }
    }
  } else {
    running.logger.info({ database: running.database.kind }, 'Kiểm Chứng workers are running');
  }
  const onSignal = (signal: NodeJS.Signals) => {
    void running.shutdown(signal).then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

export function registerServerCommands(program: Command): void {
  withGlobalOptions(
    program
      .command('start')
      .description(
        'Start the web server and the job workers (embedded database unless DATABASE_URL is set)',
      )
      .addOption(
        new Option('--role <role>', 'what this process runs')
          .choices(['all', 'web', 'worker'])
          .default('all'),
      )
      .option('--port <port>', 'port to listen on (PORT)')
      .option('--host <host>', 'address to listen on (HOST)'),
  ).action(async (options: GlobalOptions & { role: ProcessRole; port?: string; host?: string }) => {
    await runUntilSignal(options.role, options);
  });

  withGlobalOptions(program.command('worker').description('Run job workers only')).action(
    async (options: GlobalOptions) => {
      await runUntilSignal('worker', options);
    },
  );

  withGlobalOptions(
    program.command('migrate').description('Apply pending database migrations'),
  ).action(async (options: GlobalOptions) => {
    const config = configFrom(options);
    const database = await openAndMigrate(config, createLogger(config));
    console.log(`Database (${database.kind}) is up to date.`);
    await database.close();
  });

  withGlobalOptions(
    program.command('seed-demo').description('Load the demo content (only into an empty database)'),
  ).action(async (options: GlobalOptions) => {
    const config = ensureSecretKey(configFrom(options));
    const database = await openAndMigrate(config, createLogger(config));
    try {
      const result = await seedDemo(database, { secretKey: config.secretKey! });
      console.log(
        result.seeded
          ? `Demo content loaded: ${JSON.stringify(result.counts)}`
          : 'The database already has content; nothing loaded.',
      );
    } finally {
      await database.close();
    }
  });
}
