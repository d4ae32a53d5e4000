/**
 * Worker threads that do the per-item text work of bulk intake ahead of the main thread: read
 * and parse a feed file, prepare its entries, and assess each entry's text (matcher, MinHash,
 * relevance) under the check and watch-term revision the main thread last sent. The main thread
 * keeps everything that depends on order or on the store (duplicates, near-duplicate window,
 * writes), and recomputes any assessment made under a revision it no longer has, so results are
 * the same as without workers.
 */
import { Worker } from 'node:worker_threads';
import type { PublishedCheckSummary } from '../../core/check-index.js';
import type { PreparedItem } from '../../core/intake.js';
import type { TextAssessment } from './text-assessment.js';

/** A feed file's result, with each item's text assessment (by position). */
export type AssessedFeedFile =
  | { ok: false; reason: string }
  | { ok: true; items: PreparedItem[]; rejected: number; texts: TextAssessment[] };

/** What the workers need to assess texts as the main thread would. */
export interface TextPoolState {
  checkRevision: string | undefined;
  checks: readonly PublishedCheckSummary[];
  watchRevision: string;
  watchTerms: readonly string[];
  homeProvinceCodes: readonly string[];
}

/** Messages to a worker. */
export type TextWorkerRequest =
  { type: 'state'; state: TextPoolState } | { type: 'file'; id: number; path: string; now: Date };

/** Messages from a worker. */
export type TextWorkerResponse =
  | { type: 'file'; id: number; result: AssessedFeedFile }
  | { type: 'error'; id: number; message: string };

function workerEntry(): { url: URL; options: ConstructorParameters<typeof Worker>[1] } {
  const own = import.meta.url;
  if (own.endsWith('.ts')) {
    // Running from sources: the worker registers the TypeScript loader, then loads the entry.
    const entry = new URL('./text-worker.ts', own).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    return {
      url: new URL(`data:text/javascript,${encodeURIComponent(boot)}`),
      options: { execArgv: [] },
    };
  }
  return { url: new URL('./text-worker.js', own), options: {} };
}

/** A fixed set of worker threads reading and assessing feed files in submission order. */
export class TextPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<
    number,
    { resolve: (r: AssessedFeedFile) => void; reject: (e: Error) => void }
  >();
  private nextId = 0;
  private sentRevision: string | undefined;
  private failure: Error | undefined;

  constructor(size: number) {
    const { url, options } = workerEntry();
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url, options);
      worker.on('message', (message: TextWorkerResponse) => this.settle(message));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`text worker exited with code ${code}`));
      });
      this.workers.push(worker);
    }
  }

  /** Sends the checks and watch terms to every worker when their revision has changed. */
  update(state: TextPoolState): void {
    const revision = `${state.checkRevision ?? '-'} ${state.watchRevision}`;
    if (revision === this.sentRevision) return;
    for (const worker of this.workers) worker.postMessage({ type: 'state', state });
    this.sentRevision = revision;
  }

  /** Reads, parses, prepares and assesses one feed file on a worker. */
  readFile(path: string, now: Date): Promise<AssessedFeedFile> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ type: 'file', id, path, now } satisfies TextWorkerRequest);
    });
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(message: TextWorkerResponse): void {
    const waiter = this.waiting.get(message.id);
    if (!waiter) return;
    this.waiting.delete(message.id);
    if (message.type === 'file') waiter.resolve(message.result);
    else waiter.reject(new Error(message.message));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
