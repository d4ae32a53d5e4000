/**
 * Worker for the feed robustness run: parses one file per message so that the parent can
 * enforce a time limit (by terminating the worker) and a heap limit (resourceLimits).
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { parseFeed } from './feed-parse.js';
import type { FeedFileJob, FeedFileOutcome } from './feed-eval.js';

parentPort?.on('message', (job: FeedFileJob) => {
  const bytes = readFileSync(job.path);
  const start = performance.now();
  const result = parseFeed(bytes, { url: job.url });
  const ms = performance.now() - start;
  const outcome: FeedFileOutcome = result.ok
    ? {
        id: job.id,
        status: 'ok',
        format: result.format,
        entries: result.entries.length,
        bytes: bytes.length,
        ms,
        ...(job.wantEntries
          ? {
              sample: result.entries.map((e) => ({
                title: e.title,
                ...(e.link !== undefined ? { link: e.link } : {}),
                ...(e.publishedAt ? { publishedAt: e.publishedAt.getTime() } : {}),
                ...(e.updatedAt ? { updatedAt: e.updatedAt.getTime() } : {}),
              })),
            }
          : {}),
      }
    : {
        id: job.id,
        status: 'rejected',
        reason: result.reason,
        message: result.message,
        entries: 0,
        bytes: bytes.length,
        ms,
      };
  parentPort?.postMessage(outcome);
});
