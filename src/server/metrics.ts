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

export interface MetricsOptions {
  database: Database;
  checkIndex: CheckIndex;
  token: string | undefined;
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

async function rows<Row>(database: Database, text: string): Promise<Row[]> {
  try {
    return (await database.query<Row>(text)).rows;
  } catch {
    return [];
  }
}

/** Registers the metrics and the `/metrics` route. */
export const metricsPlugin = fp(async (app: FastifyInstance, options: MetricsOptions) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kiemchung_' });
  const { database } = options;

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
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const method = request.method;
    requests.inc({ route, method, status_class: `${Math.floor(reply.statusCode / 100)}xx` });
    durations.observe({ route, method }, reply.elapsedTime / 1000);
  });

  const matcher = new Histogram({
    name: 'kiemchung_matcher_duration_seconds',
    help: 'Time to match one text against the published checks.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  // Timed where every caller goes through: the tip line, the pipeline, the desk's suggestions.
  const index = options.checkIndex;
  const matchLoaded = index.matchLoaded.bind(index);
  index.matchLoaded = (text, matchOptions) => {
    const end = matcher.startTimer();
    try {
      return matchLoaded(text, matchOptions);
    } finally {
      end();
    }
  };

  new Gauge({
    name: 'kiemchung_queue_depth',
    help: 'Work waiting, per queue: items not yet through the pipeline, links whose page is not fetched, and job queues.',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      for (const q of await queueFigures(database)) this.set({ queue: q.queue }, q.depth);
    },
  });
  new Gauge({
    name: 'kiemchung_queue_oldest_age_seconds',
    help: 'Age of the oldest waiting piece of work, per queue (0 when none waits).',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      for (const q of await queueFigures(database)) this.set({ queue: q.queue }, q.age);
    },
  });
  new Gauge({
    name: 'kiemchung_job_failures',
    help: 'Jobs that failed all their attempts and are still kept, per queue; sources whose last poll failed.',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const failed = await rows<{ name: string; n: string }>(
        database,
        "select name, count(*)::text as n from pgboss.job where state = 'failed' group by name",
      );
      for (const row of failed) this.set({ queue: row.name }, Number(row.n));
      const sources = await rows<{ n: string }>(
        database,
        'select count(*)::text as n from sources where enabled and consecutive_failures > 0',
      );
      this.set({ queue: 'source_polling' }, Number(sources[0]?.n ?? 0));
    },
  });
  new Counter({
    name: 'kiemchung_items_ingested_total',
    help: 'Items taken in, per channel (rate() gives the ingestion rate).',
    labelNames: ['channel'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await rows<{ channel: string; n: string }>(
        database,
        'select channel::text as channel, count(*)::text as n from items group by channel',
      );
      for (const row of counts) this.inc({ channel: row.channel }, Number(row.n));
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
      this.set((await rows(database, 'select 1')).length === 1 ? 1 : 0);
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

interface QueueFigure {
  queue: string;
  depth: number;
  age: number;
}

async function queueFigures(database: Database): Promise<QueueFigure[]> {
  const local = await rows<{ queue: string; depth: string; age: string | null }>(
    database,
    `select 'pipeline' as queue, count(*)::text as depth,
            extract(epoch from now() - min(created_at))::text as age
       from items where processed_at is null
     union all
     select 'link_pages', count(*)::text, extract(epoch from now() - min(created_at))::text
       from items where url is not null and length(text) = 0 and page_fetched_at is null`,
  );
  const jobs = await rows<{ queue: string; depth: string; age: string | null }>(
    database,
    `select name as queue, count(*)::text as depth,
            extract(epoch from now() - min(created_on))::text as age
       from pgboss.job where state in ('created', 'retry') group by name`,
  );
  return [...local, ...jobs].map((r) => ({
    queue: r.queue,
    depth: Number(r.depth),
    age: Math.max(0, Number(r.age ?? 0)),
  }));
}
