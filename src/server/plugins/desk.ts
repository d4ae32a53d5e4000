/**
 * Serves the desk web app (built by Vite into dist/desk) at /desk/: hashed assets cached for a
 * year, index.html revalidated on every load, and index.html for the app's own routes
 * (/desk/claims/…) so a reload or a shared link works.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from './problem.js';

/** dist/desk of this checkout, from src/server/plugins and from dist/server/plugins alike. */
export const DEFAULT_DESK_DIR = fileURLToPath(new URL('../../../dist/desk/', import.meta.url));

const YEAR_SECONDS = 365 * 24 * 3600;

export const deskPlugin = fp(async (app: FastifyInstance, options: { deskDir?: string }) => {
  const root = options.deskDir ?? DEFAULT_DESK_DIR;
  const assets = join(root, 'assets');
  app.get('/desk', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/desk/'));

  if (!existsSync(join(root, 'index.html'))) {
    // A checkout started without `npm run build` (or `npm start`, which builds it).
    app.get('/desk/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          '<!doctype html><html lang="en"><meta charset="utf-8"><title>Desk not built</title>' +
            '<p>The desk is not built. Run <code>npm run build</code> (or <code>npm start</code>).</p></html>',
        ),
    );
    return;
  }

  await app.register(
    async (desk) => {
      await desk.register(fastifyStatic, {
        root,
        prefix: '/',
        index: ['index.html'],
        serveDotFiles: false,
        cacheControl: false,
        setHeaders: (res, path) => {
          // File names under assets/ carry a content hash: they never change.
          res.setHeader(
            'cache-control',
            path.startsWith(assets) ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache',
          );
        },
      });
      desk.setNotFoundHandler((request, reply) => {
        const path = request.url.split('?')[0] ?? '';
        if (
          (request.method === 'GET' || request.method === 'HEAD') &&
          !path.startsWith('/desk/assets/')
        ) {
          return reply.header('cache-control', 'no-cache').sendFile('index.html');
        }
        return sendProblem(reply, request, {
          status: 404,
          code: 'not_found',
          detail: `No file ${path}.`,
        });
      });
    },
    { prefix: '/desk' },
  );
});
