/**
 * Domain errors with stable codes. The HTTP layer maps them to problem documents; core never
 * knows about status codes.
 */
export type DomainErrorCode =
  | 'not_found'
  | 'validation_failed'
  | 'version_conflict'
  | 'already_exists'
  | 'reference_missing'
  | 'constraint_violated'
  | 'invalid_transition'
  | 'publish_blocked'
  | 'self_approval'
  | 'fetch_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited';

/** One problem with one field of the input. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Base class of every error the domain raises on purpose. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} does not exist.`, { entity, id });
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly problems: readonly FieldProblem[],
    message = 'The request has invalid fields.',
  ) {
    super('validation_failed', message, { problems });
  }
}

/** Optimistic concurrency: somebody else saved first. */
export class VersionConflictError extends DomainError {
  constructor(entity: string, id: string, expected: number, actual: number | undefined) {
    super(
      'version_conflict',
      `${entity} ${id} was changed by someone else (you edited version ${expected}, it is now ${actual ?? 'unknown'}). Reload and apply your change again.`,
      { entity, id, expectedVersion: expected, currentVersion: actual },
    );
  }
}

/**
 * Somebody else acted first on what this request wanted to change (an item already triaged, a
 * claim already merged): the same code as a stale version, so clients handle both alike.
 */
export class StaleStateError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('version_conflict', message, details);
  }
}

export class AlreadyExistsError extends DomainError {
  constructor(what: string, constraint?: string) {
    super('already_exists', `${what} already exists.`, constraint ? { constraint } : {});
  }
}

export class ReferenceMissingError extends DomainError {
  constructor(what: string, constraint?: string) {
    super(
      'reference_missing',
      `${what} refers to something that does not exist.`,
      constraint ? { constraint } : {},
    );
  }
}

export class ConstraintViolationError extends DomainError {
  constructor(message: string, constraint?: string) {
    super('constraint_violated', message, constraint ? { constraint } : {});
  }
}

export class InvalidTransitionError extends DomainError {
  constructor(entity: string, from: string, to: string) {
    super('invalid_transition', `A ${entity} cannot go from "${from}" to "${to}".`, { from, to });
  }
}

/** A check cannot be published yet; `reasons` says everything that is missing. */
export class PublishBlockedError extends DomainError {
  constructor(readonly reasons: readonly string[]) {
    super('publish_blocked', `This check cannot be published: ${reasons.join('; ')}.`, { reasons });
  }
}

/** A second person must approve: the author of a check cannot. */
export class SelfApprovalError extends DomainError {
  constructor() {
    super(
      'self_approval',
      'You wrote this check, so you cannot approve it: a second person must review and approve it.',
    );
  }
}

/** A page asked for as evidence could not be fetched; `reason` is the fetcher's stable code. */
export class FetchFailedError extends DomainError {
  constructor(reason: string, message: string) {
    super('fetch_failed', `The page could not be captured: ${message}`, { reason });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in or send an API token to do this.') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this.') {
    super('forbidden', message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(message = 'Too many requests; please wait a moment and try again.') {
    super('rate_limited', message);
  }
}
