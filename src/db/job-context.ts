/**
 * Which job is running: kept in async-local storage while a queued job's handler or a worker
 * loop's round runs, so that every log line written meanwhile carries the job's id and name —
 * whichever module writes it, through the process's logger (see `createLogger`'s mixin).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The job a log line was written for. */
export interface RunningJob {
  /** A queued job's id, or a fresh id per round of a worker loop. */
  jobId: string;
  /** The queue's or the loop's name, e.g. `feeds.poll`, `pipeline`. */
  jobName: string;
}

const storage = new AsyncLocalStorage<RunningJob>();

/** Runs `work` as the job: everything it starts, awaited or not, sees the job. */
export function runAsJob<T>(job: RunningJob, work: () => T): T {
  return storage.run({ jobId: job.jobId, jobName: job.jobName }, work);
}

/** The job being run here, or undefined outside one (a request, start-up). */
export function currentJob(): RunningJob | undefined {
  return storage.getStore();
}

/** Fields for a log line: the running job's id and name, a fresh object each time. */
export function jobLogFields(): Partial<RunningJob> {
  const job = storage.getStore();
  return job ? { jobId: job.jobId, jobName: job.jobName } : {};
}
