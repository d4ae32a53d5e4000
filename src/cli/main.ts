/**
 * The `kiemchung` command. Every command honours DATABASE_URL and accepts --data-dir.
 */
import { Command } from 'commander';
import { ConfigError } from '../config.js';
import { DataDirLockedError } from '../db/client.js';
import { registerAdminCommands } from './admin.command.js';
import { registerBackupCommands } from './backup.command.js';
import { registerEvalCommands } from './eval.command.js';
import { registerIntakeCommands } from './intake.command.js';
import { registerPrivacyCommands } from './privacy.command.js';
import { registerReportCommands } from './report.command.js';
import { registerServerCommands } from './server.command.js';

const program = new Command('kiemchung')
  .description('Kiểm Chứng — answer rumours and misinformation quickly, in public, with evidence.')
  .showHelpAfterError();

registerServerCommands(program);
registerAdminCommands(program);
registerEvalCommands(program);
registerIntakeCommands(program);
registerReportCommands(program);
registerBackupCommands(program);
registerPrivacyCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  // A command's failure is reported as one line; the stack only when asked for.
  console.error(`kiemchung: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
  process.exit(1);
}
