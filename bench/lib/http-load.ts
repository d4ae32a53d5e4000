/**
 * HTTP load measurement for the benchmarks: autocannon against a URL for N seconds with C
 * connections, reduced to requests/s and latency percentiles; a route that serves one file
 * from memory (the ceiling any page of the same server can reach); and a helper that runs the
 * server in a child process, so the load generator does not share its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { printTable } from './match-report.js';

export interface HttpLoadOptions {
  url: string;
  /** Measured seconds. Default 10. */
  seconds?: number;
  /** Concurrent connections. Default 50. */
  connections?: number;
  /** Requests in flight per connection. Default 1 (as browsers do). */
  pipelining?: number;
  /** Unmeasured seconds first, to warm caches and the JIT. Default 2. */
  warmupSeconds?: number;
  headers?: Record<string, string>;
  /**
   * Paths asked for in turn, one per request across all connections, instead of the URL's own
   * path: many distinct pages rather than one.
   */
  paths?: readonly string[];
}

export interface HttpLoadResult {
  url: string;
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Mean response bytes per second, in MB/s. */
  throughputMBps: number;
  /** Responses by status class, e.g. { "2xx": 31000 }. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error: unknown, result) =>
      error
        ? reject(error instanceof Error ? error : new Error(JSON.stringify(error)))
        : resolve(result),
    );
  });
}

/** Loads `url` and reports what it sustained. Keep the server out of this process. */
export async function measureHttpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const connections = options.connections ?? 50;
  const seconds = options.seconds ?? 10;
  const paths = options.paths;
  let next = 0;
  const base = {
    url: options.url,
    connections,
    pipelining: options.pipelining ?? 1,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(paths && paths.length > 0
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                path: paths[next++ % paths.length]!,
              }),
            },
          ],
        }
      : {}),
  };
  const warmup = options.warmupSeconds ?? 2;
  if (warmup > 0) await run({ ...base, duration: warmup });
  const result = await run({ ...base, duration: seconds });
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    url: options.url,
    seconds,
    connections,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: round(result.latency.mean),
    },
    throughputMBps: round(result.throughput.average / 1e6),
    statuses: {
      '1xx': result['1xx'],
      '2xx': result['2xx'],
      '3xx': result['3xx'],
      '4xx': result['4xx'],
      '5xx': result['5xx'],
    },
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * Registers GET `urlPath` on `app` answering with the bytes of `filePath`, read once, with an
 * ETag and a day of caching: a static file served by the same server, for comparison with the
 * dynamic pages. Call before `app.listen()`.
 */
export function serveStaticFile(
  app: FastifyInstance,
  urlPath: string,
  filePath: string,
  contentType = 'text/html; charset=utf-8',
): void {
  const body = readFileSync(filePath);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  app.get(urlPath, { config: { permission: 'public' } }, async (request, reply) => {
    void reply.header('etag', etag).header('cache-control', 'public, max-age=86400');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type(contentType).send(body);
  });
}

/** A benchmark server running in a child process. */
export interface ServerProcess<Info> {
  /** What the child printed as its ready line (JSON), e.g. its origin and ids of test data. */
  info: Info;
  stop(): Promise<void>;
}

/**
 * Runs `node --import tsx script ...args` and waits for a line `READY {json}` on its stdout.
 * The child should exit on SIGTERM.
 */
export function startServerProcess<Info>(
  script: string,
  args: string[] = [],
  timeoutMs = 120_000,
): Promise<ServerProcess<Info>> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^READY (.+)$/m.exec(output)?.[1];
      if (!line) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        info: JSON.parse(line) as Info,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Prints results as a table: path, requests/s, latency percentiles, errors. */
export function printLoadTable(results: ReadonlyArray<HttpLoadResult & { name: string }>): void {
  printTable(
    results.map((r) => ({
      what: r.name,
      'req/s': r.requestsPerSecond,
      'p50 ms': r.latencyMs.p50,
      'p99 ms': r.latencyMs.p99,
      'max ms': r.latencyMs.max,
      'MB/s': r.throughputMBps,
      '2xx': r.statuses['2xx'] ?? 0,
      'non-2xx': r.requests - (r.statuses['2xx'] ?? 0),
      errors: r.errors,
    })),
  );
}
