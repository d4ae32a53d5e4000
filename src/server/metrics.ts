/**
 * `/metrics` in the Prometheus text format: HTTP requests and latencies (by route pattern,
 * never raw URLs, which carry ids), queue depth and age (the items waiting for the pipeline and
 * for their page, and pg-boss queues), failed jobs, items taken in per channel, the matcher's
 * latency, and the database connections. Queue figures are read from the database at scrape
 * time, so every web process reports the same, whoever did the work.
 *
 * Never public: answered to loopback callers that did not come through a proxy, or to a caller
 * with `Authorization: Bearer <METRICS_TOKEN>`.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import ipaddr from 'ipaddr.js';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CheckIndex } from '../core/check-index.js';
import type { Database } from '../db/client.js';
import {
  databaseAnswers,
  readIntakeFigures,
  readJobFailures,
  readQueueFigures,
  readSourceHealth,
  type QueueFigure,
} from '../db/health.repo.js';
import { RecentWindow } from './recent-window.js';

const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const MATCHER_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
/** Routes left out of the recent latencies: an event stream's "latency" is its lifetime. */
const STREAM_ROUTES = new Set(['/api/v1/events']);

/** This process's requests and matches over the last minutes, for the admin health page. */
export interface ProcessActivity {
  requests: RecentWindow;
  matcher: RecentWindow;
}

export function createProcessActivity(now?: () => number): ProcessActivity {
  return {
    requests: new RecentWindow(REQUEST_BUCKETS, 5, now),
    matcher: new RecentWindow(MATCHER_BUCKETS, 5, now),
  };
}

export interface MetricsOptions {
  database: Database;
  checkIndex: CheckIndex;
  token: string | undefined;
  /** Where requests and matches are also recorded (the health page reads it). */
  activity: ProcessActivity;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  try {
    return ipaddr.process(address).range() === 'loopback';
  } catch {
    return false;
  }
}

/** True for a direct loopback caller, or one presenting the metrics token. */
function mayScrape(request: FastifyRequest, token: string | undefined): boolean {
  const header = request.headers.authorization;
  if (token && typeof header === 'string' && header.startsWith('Bearer ')) {
    return timingSafeEqual(digest(header.slice(7)), digest(token));
  }
  // A request relayed by a proxy came from elsewhere, whatever the socket says.
  const relayed =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !relayed && isLoopback(request.socket.remoteAddress);
}

/** A figure read from the database, or nothing when the database did not answer. */
async function tolerant<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

/** Registers the metrics and the `/metrics` route. */
export const metricsPlugin = fp(async (app: FastifyInstance, options: MetricsOptions) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kiemchung_' });
  const { database, activity } = options;

  const requests = new Counter({
    name: 'kiemchung_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status class.',
    labelNames: ['route', 'method', 'status_class'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'kiemchung_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route pattern and method.',
    labelNames: ['route', 'method'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const method = request.method;
    const seconds = reply.elapsedTime / 1000;
    requests.inc({ route, method, status_class: `${Math.floor(reply.statusCode / 100)}xx` });
    durations.observe({ route, method }, seconds);
    if (!STREAM_ROUTES.has(route)) activity.requests.record(seconds, reply.statusCode);
  });

  const matcher = new Histogram({
    name: 'kiemchung_matcher_duration_seconds',
    help: 'Time to match one text against the published checks.',
    buckets: MATCHER_BUCKETS,
    registers: [registry],
  });
  // Timed where every caller goes through: the tip line, the pipeline, the desk's suggestions.
  const index = options.checkIndex;
  const matchLoaded = index.matchLoaded.bind(index);
  index.matchLoaded = (text, matchOptions) => {
    const started = performance.now();
    try {
      return matchLoaded(text, matchOptions);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      matcher.observe(seconds);
      activity.matcher.record(seconds);
    }
  };

  // Both queue gauges come from one read per scrape.
  let queueRead: { at: number; figures: Promise<QueueFigure[] | undefined> } | undefined;
  const queueFigures = async () => {
    if (!queueRead || performance.now() - queueRead.at > 1000) {
      queueRead = { at: performance.now(), figures: tolerant(() => readQueueFigures(database)) };
    }
    return (await queueRead.figures) ?? [];
  };
  new Gauge({
    name: 'kiemchung_queue_depth',
    help: 'Work waiting, per queue: items not yet through the pipeline, links whose page is not fetched, and job queues.',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      for (const q of await queueFigures()) this.set({ queue: q.queue }, q.depth);
    },
  });
  new Gauge({
    name: 'kiemchung_queue_oldest_age_seconds',
    help: 'Age of the oldest waiting piece of work, per queue (0 when none waits).',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      for (const q of await queueFigures()) this.set({ queue: q.queue }, q.oldestAgeSeconds);
    },
  });
  new Gauge({
    name: 'kiemchung_job_failures',
    help: 'Jobs that failed all their attempts and are still kept, per queue; sources whose last poll failed.',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const failed = (await tolerant(() => readJobFailures(database))) ?? [];
      for (const row of failed) this.set({ queue: row.queue }, row.failed);
      const sources = await tolerant(() => readSourceHealth(database, 0));
      this.set({ queue: 'source_polling' }, sources?.failing ?? 0);
    },
  });
  new Counter({
    name: 'kiemchung_items_ingested_total',
    help: 'Items taken in, per channel (rate() gives the ingestion rate).',
    labelNames: ['channel'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // From the intake counters, never a count over the items table.
      const counts = (await tolerant(() => readIntakeFigures(database))) ?? [];
      for (const row of counts) this.inc({ channel: row.channel }, row.total);
    },
  });
  new Gauge({
    name: 'kiemchung_db_connections',
    help: 'Database connections by state (PostgreSQL pool: total, idle, waiting clients; PGlite: one connection).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = database.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  new Gauge({
    name: 'kiemchung_db_up',
    help: '1 when the database answered the scrape.',
    registers: [registry],
    async collect() {
      this.set((await databaseAnswers(database)) ? 1 : 0);
    },
  });

  app.get(
    '/metrics',
    { config: { permission: 'public' }, schema: { hide: true }, logLevel: 'warn' },
    async (request, reply) => {
      if (!mayScrape(request, options.token)) {
        return reply.status(403).type('application/problem+json').send({
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          detail: 'Metrics are served to loopback callers or with the metrics token.',
        });
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
});
