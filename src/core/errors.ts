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
  | 'rate_limited'
  | 'invalid_credentials'
  | 'totp_required'
  | 'totp_invalid'
  | 'totp_setup_required'
  | 'session_expired'
  | 'csrf'
  | 'token_invalid'
  | 'token_expired'
  | 'token_used';

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
  constructor(
    message = 'Too many requests; please wait a moment and try again.',
    retryAfterSeconds?: number,
  ) {
    super('rate_limited', message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  }
}

/** Sign-in refused. The same for an unknown e-mail, a wrong password and a disabled account. */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('invalid_credentials', 'The e-mail or the password is wrong.');
  }
}

/** Sign-in needs (or got a wrong) second factor. */
export class TotpError extends DomainError {
  constructor(code: 'totp_required' | 'totp_invalid') {
    super(
      code,
      code === 'totp_required'
        ? 'Enter the 6-digit code from your authenticator app, or a recovery code.'
        : 'The code is wrong, expired or was already used.',
    );
  }
}

/** An administrator signed in without two-factor sign-in may only set it up. */
export class TotpSetupRequiredError extends DomainError {
  constructor() {
    super(
      'totp_setup_required',
      'Administrators must set up two-factor sign-in before doing anything else.',
    );
  }
}

export class SessionExpiredError extends DomainError {
  constructor() {
    super('session_expired', 'Your session has expired or was signed out; please sign in again.');
  }
}

/** A state-changing request with a session cookie but without the session's CSRF token. */
export class CsrfError extends DomainError {
  constructor(
    message = 'The request lacks a valid x-csrf-token header or comes from another site.',
  ) {
    super('csrf', message);
  }
}

/** An invitation or password-reset link that cannot be used. */
export class AccountTokenError extends DomainError {
  constructor(code: 'token_invalid' | 'token_expired' | 'token_used') {
    super(
      code,
      code === 'token_invalid'
        ? 'This link is not valid. Check that it was copied whole.'
        : code === 'token_expired'
          ? 'This link has expired. Ask for a new one.'
          : 'This link was already used. Ask for a new one if you still need it.',
    );
  }
}
