/**
 * GET /api/v1/events: the desk's live updates as server-sent events. Each committed change is
 * sent as `event: change` with `{ entity, id, version, action, actorId, claimId? }`; a comment
 * line every few seconds keeps proxies from closing the stream. Only signed-in staff may listen;
 * a mention goes only to the people mentioned, and a change only some roles may see (an
 * inquiry) only to them. Listeners are removed when the client goes away
 * and every stream is ended when the server shuts down.
 */
import type { FastifyInstance } from 'fastify';
import { authorize, can } from '../../../core/policy.js';
import type { EventBus } from '../../event-bus.js';
import '../../route-permission.js';
import { errorResponses } from '../common.js';

export async function eventRoutes(
  app: FastifyInstance,
  { bus, heartbeatMs }: { bus: EventBus; heartbeatMs: number },
) {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    '/events',
    {
      // A HEAD of an endless stream would never end either.
      exposeHeadRoute: false,
      config: { permission: 'events.read' },
      schema: {
        tags: ['events'],
        summary: 'Live changes (server-sent events)',
        description:
          'text/event-stream. Each change: `event: change` and `data: {"entity","id","version","action","actorId","claimId"?}`. Comment lines (`: heartbeat`) keep the connection open. After a reconnect, reload what is shown: events are not replayed.',
        response: errorResponses,
      },
    },
    async (request, reply) => {
      authorize(request.principal, 'events.read');
      const principal = request.principal;
      const userId = principal.user.id;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // nginx would otherwise buffer the stream.
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        'x-request-id': request.id,
      });
      res.write(`retry: 3000\n: connected\n\n`);
      const unsubscribe = bus.subscribe((event) => {
        if (event.audience && !event.audience.includes(userId)) return;
        if (event.permission && !can(principal, event.permission)) return;
        const { audience: _audience, permission: _permission, ...data } = event;
        res.write(`event: change\ndata: ${JSON.stringify(data)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        if (!res.writableEnded) res.end();
      };
      open.add(end);
      request.raw.once('close', end);
      res.once('close', end);
      res.once('error', end);
    },
  );
}
