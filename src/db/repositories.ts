import type { Repositories } from '../core/ports.js';
import { appendAudit } from './audit.repo.js';
import type { Db } from './client.js';
import { checkRepository, claimRepository, evidenceRepository } from './claim.repo.js';
import { categoryRepository, sourceRepository, statementRepository } from './content.repo.js';
import { itemRepository } from './item.repo.js';
import { userRepository } from './user.repo.js';

/** Every repository bound to `db`, which may be a connection pool or a transaction. */
export function createRepositories(db: Db): Repositories {
  return {
    categories: categoryRepository(db),
    sources: sourceRepository(db),
    items: itemRepository(db),
    claims: claimRepository(db),
    checks: checkRepository(db),
    statements: statementRepository(db),
    evidence: evidenceRepository(db),
    users: userRepository(db),
    audit: { append: (event) => appendAudit(db, event) },
    transaction: (work) => db.transaction((tx) => work(createRepositories(tx as unknown as Db))),
  };
}
