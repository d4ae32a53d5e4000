import { Option, type Command } from 'commander';
import { loadConfig, type Config, type ConfigOverrides } from '../config.js';

/** Options every command shares. */
export interface GlobalOptions {
  dataDir?: string;
  databaseUrl?: string;
}

/** Config from the environment with the command line's overrides; exits 1 listing every problem. */
export function configFrom(options: GlobalOptions & { port?: string; host?: string }): Config {
  const overrides: ConfigOverrides = {};
  if (options.dataDir) overrides.DATA_DIR = options.dataDir;
  if (options.databaseUrl) overrides.DATABASE_URL = options.databaseUrl;
  if (options.port) overrides.PORT = options.port;
  if (options.host) overrides.HOST = options.host;
  return loadConfig(process.env, overrides);
}

/** Adds the shared options to a command. */
export function withGlobalOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--data-dir <dir>', 'data directory (embedded database, secret key, files)').env(
        'DATA_DIR',
      ),
    )
    .addOption(
      new Option('--database-url <url>', 'PostgreSQL URL; embedded database when absent').env(
        'DATABASE_URL',
      ),
    );
}
