import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Database } from '../../../db/client.js';
import { migrationStatus } from '../../../db/migrate.js';

/** Liveness and readiness, for process managers and load balancers. */
export async function healthRoutes(app: FastifyInstance, { database }: { database: Database }) {
  app.get(
    '/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Readiness: database reachable and every migration applied',
        response: {
          200: Type.Object({
            status: Type.String(),
            database: Type.String(),
            migrations: Type.Object({ applied: Type.Integer(), pending: Type.Integer() }),
          }),
          503: Type.Object({ status: Type.String(), reason: Type.String() }),
        },
      },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      try {
        await database.query('select 1');
      } catch {
        return reply.status(503).send({ status: 'unavailable', reason: 'database unreachable' });
      }
      const status = await migrationStatus(database);
      if (status.pending > 0) {
        return reply
          .status(503)
          .send({ status: 'unavailable', reason: `${status.pending} migration(s) not applied` });
      }
      return {
        status: 'ready',
        database: database.kind,
        migrations: { applied: status.applied, pending: 0 },
      };
    },
  );
}
