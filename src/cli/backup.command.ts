/**
 * `kiemchung backup`, `restore` and `verify-backup`: the whole database (attachments included)
 * in one file, optionally encrypted with a passphrase.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { BackupError, createBackup, restoreBackup, verifyBackup } from '../db/backup.js';
import { DataDirLockedError, openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { configFrom, withGlobalOptions, type GlobalOptions } from './options.js';

interface PassphraseOptions {
  passphraseFile?: string;
  encrypt?: boolean;
}

/** From a file (first line) or BACKUP_PASSPHRASE; never from the command line, where `ps` shows it. */
function passphraseOf(options: PassphraseOptions, config: Config): string | undefined {
  if (options.passphraseFile) {
    const text = readFileSync(options.passphraseFile, 'utf8').split(/\r?\n/)[0] ?? '';
    if (text.length < 8)
      throw new Error(`${options.passphraseFile}: the passphrase needs 8 characters at least`);
    return text;
  }
  return config.backup.passphrase;
}

async function open(config: Config) {
  try {
    return await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new Error(
        `${error.message}\nWhile the product runs on the embedded database, its worker makes the backups: set BACKUP_EVERY_HOURS (and BACKUP_DIR, BACKUP_KEEP). To restore, stop the product first.`,
      );
    }
    throw error;
  }
}

const describeTables = (tables: ReadonlyArray<{ name: string; rows: number }>) =>
  tables.map((t) => `  ${t.name.padEnd(24)} ${t.rows}`).join('\n');

/** Registers the backup commands. */
export function registerBackupCommands(program: Command): void {
  withGlobalOptions(
    program
      .command('backup')
      .description(
        'Write a consistent backup of the whole database (attachments included) to a file',
      )
      .requiredOption('--out <file>', 'the backup file to write')
      .option(
        '--passphrase-file <file>',
        'encrypt with the passphrase in this file (else BACKUP_PASSPHRASE, if set)',
      )
      .option('--no-encrypt', 'do not encrypt even when BACKUP_PASSPHRASE is set'),
  ).action(async (options: GlobalOptions & PassphraseOptions & { out: string }) => {
    const config = configFrom(options);
    const passphrase = options.encrypt === false ? undefined : passphraseOf(options, config);
    const database = await open(config);
    try {
      const manifest = await createBackup(database, options.out, { passphrase });
      console.log(
        `Backup written to ${options.out} (${manifest.bytes} bytes, ${manifest.encrypted ? 'encrypted' : 'not encrypted'}, ${manifest.database}, schema of ${manifest.migrations.length} migrations):\n${describeTables(manifest.tables)}`,
      );
    } finally {
      await database.close();
    }
  });

  withGlobalOptions(
    program
      .command('verify-backup')
      .description('Read a backup completely and check it, without touching any database')
      .argument('<file>', 'the backup file')
      .option('--passphrase-file <file>', 'its passphrase (else BACKUP_PASSPHRASE)'),
  ).action(async (file: string, options: GlobalOptions & PassphraseOptions) => {
    const config = configFrom(options);
    try {
      const manifest = await verifyBackup(file, passphraseOf(options, config));
      console.log(
        `${file}: intact. Made ${manifest.createdAt} by Kiểm Chứng ${manifest.appVersion} on ${manifest.database}; ${manifest.encrypted ? 'encrypted' : 'not encrypted'}.\n${describeTables(manifest.tables)}`,
      );
    } catch (error) {
      if (error instanceof BackupError) throw new Error(`${file}: ${error.message}`);
      throw error;
    }
  });

  withGlobalOptions(
    program
      .command('restore')
      .description(
        'Replace the whole database with a backup; the file is verified before anything is touched',
      )
      .argument('<file>', 'the backup file')
      .option('--passphrase-file <file>', 'its passphrase (else BACKUP_PASSPHRASE)')
      .option('--yes', 'confirm that the current data are to be replaced'),
  ).action(async (file: string, options: GlobalOptions & PassphraseOptions & { yes?: boolean }) => {
    const config = configFrom(options);
    const passphrase = passphraseOf(options, config);
    if (!options.yes) {
      const manifest = await verifyBackup(file, passphrase);
      console.log(
        `${file} is intact (made ${manifest.createdAt}). Restoring replaces ALL current data; run again with --yes to do it.`,
      );
      process.exitCode = 2;
      return;
    }
    const database = await open(config);
    try {
      await migrate(database);
      const manifest = await restoreBackup(database, file, { passphrase });
      console.log(
        `Restored ${file} (made ${manifest.createdAt}) into ${database.kind}:\n${describeTables(manifest.tables)}`,
      );
    } catch (error) {
      if (error instanceof BackupError) {
        throw new Error(`${error.message} The current data were not changed.`);
      }
      throw error;
    } finally {
      await database.close();
    }
  });
}
