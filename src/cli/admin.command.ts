import type { Command } from 'commander';
import { createAccountTokenService } from '../core/account-token.service.js';
import { SYSTEM_ACTOR } from '../core/audit.js';
import { generateApiToken } from '../core/tokens.js';
import { createRepositories } from '../db/repositories.js';
import { createSmtpMailer } from '../server/mailer.js';
import { createLogger, openAndMigrate } from '../server/server.js';
import { configFrom, withGlobalOptions, type GlobalOptions } from './options.js';

export function registerAdminCommands(program: Command): void {
  withGlobalOptions(
    program
      .command('create-admin')
      .description(
        'Create an administrator; print an API token (shown once) and a link to choose a desk password',
      )
      .requiredOption('--email <email>', "the administrator's e-mail")
      .option('--name <name>', 'display name', 'Quản trị viên'),
  ).action(async (options: GlobalOptions & { email: string; name: string }) => {
    const config = configFrom(options);
    const database = await openAndMigrate(config, createLogger(config));
    try {
      const repos = createRepositories(database.db);
      const { token, hash } = generateApiToken();
      const user = await repos.transaction(async (tx) => {
        const created = await tx.users.insert({
          email: options.email,
          displayName: options.name,
          role: 'admin',
        });
        await tx.users.createApiToken({
          userId: created.id,
          name: 'create-admin',
          tokenHash: hash,
          scopes: ['*'],
        });
        await tx.audit.append({
          actor: SYSTEM_ACTOR,
          action: 'user.created',
          entityType: 'user',
          entityId: created.id,
          data: { role: 'admin', via: 'cli' },
          occurredAt: new Date(),
        });
        return created;
      });
      console.log(`Administrator ${user.email} created (id ${user.id}).`);
      console.log(`API token (shown once; send as "Authorization: Bearer <token>"):\n${token}`);
      const invitation = await createAccountTokenService(repos, () => new Date(), {
        baseUrl: config.baseUrl,
        mailer: createSmtpMailer(config.smtpUrl, config.smtpFrom),
      }).systemInvitation(user.id);
      console.log(
        invitation.link
          ? `Desk sign-in: choose a password within 7 days at\n${invitation.link}`
          : `Desk sign-in: an invitation was e-mailed to ${user.email}.`,
      );
    } finally {
      await database.close();
    }
  });
}
