/**
 * One error handler for the whole API: domain errors, validation failures and framework errors
 * become RFC 9457 problem documents; anything unexpected is a 500 that says nothing internal.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError, type DomainErrorCode, type FieldProblem } from '../../core/errors.js';

const statusByCode: Readonly<Record<DomainErrorCode, number>> = {
  not_found: 404,
  validation_failed: 400,
  version_conflict: 409,
  already_exists: 409,
  reference_missing: 422,
  constraint_violated: 422,
  invalid_transition: 409,
  publish_blocked: 422,
  self_approval: 403,
  fetch_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  invalid_credentials: 401,
  totp_required: 401,
  totp_invalid: 401,
  totp_setup_required: 403,
  session_expired: 401,
  csrf: 403,
  token_invalid: 400,
  token_expired: 410,
  token_used: 410,
};

const titles: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** The body of an application/problem+json response. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** What a handler says about a problem; type, title, instance and request id are added. */
export interface ProblemInput {
  status: number;
  code: string;
  detail: string;
  title?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** Answers an unknown path outside the API (the portal sets it). */
export type PageNotFound = (request: FastifyRequest, reply: FastifyReply) => FastifyReply;

/** Sends a problem document. */
export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: ProblemInput,
): FastifyReply {
  const body: ProblemDocument = {
    type: `/problems/${problem.code.replace(/_/g, '-')}`,
    title: problem.title ?? titles[problem.status] ?? 'Error',
    ...problem,
    instance: request.url,
    requestId: request.id,
  };
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(body);
}

interface AjvErrorLike {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Names the field of each schema error: "/text", "body.unknownField", "querystring.limit". */
function fieldProblems(error: FastifyError): FieldProblem[] {
  const context =
    (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  const list = (error.validation ?? []) as AjvErrorLike[];
  const problems = list.map((e) => {
    const path = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const extra = e.params?.additionalProperty;
    const missing = e.params?.missingProperty;
    const name = [
      path,
      typeof extra === 'string' ? extra : typeof missing === 'string' ? missing : '',
    ]
      .filter(Boolean)
      .join('.');
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') message = 'is not a known field';
    if (e.keyword === 'required') message = 'is required';
    if (e.keyword === 'enum' && Array.isArray(e.params?.allowedValues)) {
      message = `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`;
    }
    return { field: name ? `${context}.${name}` : context, message };
  });
  // Unions report one error per branch; the same field once is enough.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const problemPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      const status = statusByCode[error.code];
      const { problems, ...details } = error.details as {
        problems?: FieldProblem[];
        retryAfterSeconds?: unknown;
      };
      const retryAfter = details.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendProblem(reply, request, {
        status,
        code: error.code,
        detail: error.message,
        ...details,
        ...(problems ? { errors: problems } : {}),
      });
    }
    if (error.validation) {
      const errors = fieldProblems(error);
      return sendProblem(reply, request, {
        status: 400,
        code: 'validation_failed',
        detail: `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}.`,
        errors,
      });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      // Internals (messages, stacks, SQL) never reach the client on a server error.
      return sendProblem(reply, request, {
        status: status === 503 ? 503 : 500,
        code: status === 503 ? 'unavailable' : 'internal_error',
        detail:
          'Something went wrong on our side. It has been logged; quote the request id if you report it.',
      });
    }
    const code =
      status === 413
        ? 'body_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : status === 429
            ? 'rate_limited'
            : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
                error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
              ? 'invalid_json'
              : 'bad_request';
    const detail =
      status === 413
        ? `The request body is larger than the limit of ${app.initialConfig.bodyLimit ?? 0} bytes.`
        : error.message;
    return sendProblem(reply, request, { status, code, detail });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Outside the API, a person is browsing: the portal's 404 page.
    if (!path.startsWith('/api/') && app.hasDecorator('pageNotFound')) {
      return (app as FastifyInstance & { pageNotFound: PageNotFound }).pageNotFound(request, reply);
    }
    return sendProblem(reply, request, {
      status: 404,
      code: 'not_found',
      detail: `No route ${request.method} ${path}.`,
    });
  });
});
