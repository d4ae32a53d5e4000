import type { Repositories } from '../core/ports.js';
import { appendAudit, appendAuditEvents } from './audit.repo.js';
import type { Db } from './client.js';
import { checkRepository, claimRepository, evidenceRepository } from './claim.repo.js';
import { categoryRepository, sourceRepository, statementRepository } from './content.repo.js';
import { itemRepository } from './item.repo.js';
import { pipelineRepository } from './pipeline.repo.js';
import {
  integrationRepository,
  nonceRepository,
  tipRepository,
  watchTermRepository,
} from './intake.repo.js';
import { accountTokenRepository } from './account-token.repo.js';
import { loginThrottleRepository } from './login-throttle.repo.js';
import { rateCounterRepository } from './rate-counter.repo.js';
import { sessionRepository } from './session.repo.js';
import { userRepository } from './user.repo.js';
import { deskRepository } from './desk.repo.js';
import { settingsRepository } from './settings.repo.js';
import { inquiryRepository } from './inquiry.repo.js';
import { checklistRepository, fileRepository, noteRepository } from './workflow.repo.js';

/** Deadlock and serialization failures: the transaction did nothing and may simply run again. */
const RETRYABLE_CODES = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

function isRetryable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

async function withRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}

/** Every repository bound to `db`, which may be a connection pool or a transaction. */
export function createRepositories(db: Db, nested = false): Repositories {
  return {
    categories: categoryRepository(db),
    sources: sourceRepository(db),
    items: itemRepository(db),
    claims: claimRepository(db),
    checks: checkRepository(db),
    statements: statementRepository(db),
    evidence: evidenceRepository(db),
    users: userRepository(db),
    sessions: sessionRepository(db),
    accountTokens: accountTokenRepository(db),
    loginThrottle: loginThrottleRepository(db),
    pipeline: pipelineRepository(db),
    tips: tipRepository(db),
    nonces: nonceRepository(db),
    rateCounters: rateCounterRepository(db),
    integrations: integrationRepository(db),
    watchTerms: watchTermRepository(db),
    files: fileRepository(db),
    checklists: checklistRepository(db),
    notes: noteRepository(db),
    desk: deskRepository(db),
    settings: settingsRepository(db),
    inquiries: inquiryRepository(db),
    audit: {
      append: (event) => appendAudit(db, event),
      appendMany: async (events) => {
        if (events.length > 0) await appendAuditEvents(db, events);
      },
    },
    // Only the outermost transaction retries: an inner one cannot re-run on its own.
    transaction: (work) => {
      const run = () => db.transaction((tx) => work(createRepositories(tx as unknown as Db, true)));
      return nested ? run() : withRetry(run);
    },
  };
}
