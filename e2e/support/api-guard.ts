/**
 * Fails a browser test when the desk meets an API answer that means the desk and the server
 * disagree: 400 (arguments refused), 404 (no such endpoint or object), 405 (wrong method) or any
 * 5xx. A desk that quietly falls back on such an answer hides a broken feature; this guard makes
 * it loud. Answers a test provokes on purpose are declared with `expect` (an allow-list per test).
 */
import type { BrowserContext, Response } from 'playwright-core';

/** Statuses that mean a mismatch between the desk and the API. */
export function isGuardedStatus(status: number): boolean {
  return status === 400 || status === 403 || status === 404 || status === 405 || status >= 500;
}

/** An answer a test provokes on purpose. */
export interface ExpectedApiFailure {
  status: number;
  method?: string;
  /** Matched against the path and query, e.g. /^\/api\/v1\/checks\/[^/]+$/. */
  path?: RegExp;
}

/** One failing answer the desk received. */
export interface ApiFailure {
  status: number;
  method: string;
  path: string;
}

const describeFailure = (f: ApiFailure) => `${f.status} ${f.method} ${f.path}`;

/** Records the API failures of every watched browser context, test by test. */
export class ApiGuard {
  private failures: ApiFailure[] = [];
  private expected: ExpectedApiFailure[] = [];
  private readonly watched = new WeakSet<BrowserContext>();

  /** Records the /api/ answers of the context's pages. */
  watch(context: BrowserContext): void {
    if (this.watched.has(context)) return;
    this.watched.add(context);
    context.on('response', (response) => this.record(response));
  }

  /** Declares answers the current test provokes on purpose. */
  expect(...failures: ExpectedApiFailure[]): void {
    this.expected.push(...failures);
  }

  /** Starts a new test: forgets what was recorded and expected. */
  reset(): void {
    this.failures = [];
    this.expected = [];
  }

  /** Every guarded failure recorded since the last reset, expected or not. */
  recorded(): ApiFailure[] {
    return [...this.failures];
  }

  /** The guarded failures no test declared, as "404 GET /api/v1/…". */
  unexpected(): string[] {
    return this.failures
      .filter(
        (f) =>
          !this.expected.some(
            (e) =>
              e.status === f.status &&
              (e.method === undefined || e.method === f.method) &&
              (e.path === undefined || e.path.test(f.path)),
          ),
      )
      .map(describeFailure);
  }

  /** Throws when an unexpected guarded failure was recorded. */
  assertClean(): void {
    const unexpected = this.unexpected();
    if (unexpected.length > 0) {
      throw new Error(`the desk met API failures it should not: ${unexpected.join('; ')}`);
    }
  }

  private record(response: Response): void {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/') || !isGuardedStatus(response.status())) return;
    this.failures.push({
      status: response.status(),
      method: response.request().method(),
      path: url.pathname + url.search,
    });
  }
}

/** The guard of this test process (browser tests of one file run one after another). */
export const apiGuard = new ApiGuard();
