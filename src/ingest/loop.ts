/**
 * A background loop of a worker process: runs `tick` again and again, waits `idleMs` when a tick
 * found nothing to do (or failed, longer), wakes early on `wake()`, and stops cleanly: `stop()`
 * resolves once the running tick has finished. Each tick runs as a job named after the loop with
 * an id of its own, so the lines it logs can be told apart and followed.
 */
import { randomUUID } from 'node:crypto';
import { runAsJob } from '../db/job-context.js';

export interface LoopLogger {
  error(obj: object, msg?: string): void;
}

export interface Loop {
  wake(): void;
  stop(): Promise<void>;
}

/** `tick` returns true when it did work (run again at once) and false when idle. */
export function startLoop(
  name: string,
  tick: (signal: AbortSignal) => Promise<boolean>,
  options: { idleMs: number; errorBackoffMs?: number; logger?: LoopLogger },
): Loop {
  const controller = new AbortController();
  let wakeUp: (() => void) | undefined;
  let failures = 0;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  const running = (async () => {
    while (!controller.signal.aborted) {
      let busy = false;
      await runAsJob({ jobId: randomUUID(), jobName: name }, async () => {
        try {
          busy = await tick(controller.signal);
          failures = 0;
        } catch (error) {
          failures += 1;
          options.logger?.error({ err: error, jobName: name }, `${name} failed; retrying`);
        }
      });
      if (controller.signal.aborted) break;
      if (failures > 0) {
        const backoff = options.errorBackoffMs ?? 5_000;
        await sleep(Math.min(backoff * 2 ** (failures - 1), 5 * 60_000));
      } else if (!busy) {
        await sleep(options.idleMs);
      }
    }
  })();
  return {
    wake: () => wakeUp?.(),
    async stop() {
      controller.abort();
      wakeUp?.();
      await running;
    },
  };
}
