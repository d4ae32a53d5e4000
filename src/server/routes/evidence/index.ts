/**
 * Evidence capture: a pasted link is fetched and kept as a snapshot; a file is uploaded as
 * multipart/form-data (one part named `file`, optional `title` and `note` fields). Stored bytes
 * are served back only as downloads, never rendered by the browser as a page of this site.
 */
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ValidationError } from '../../../core/errors.js';
import type { EvidenceService } from '../../../core/evidence.service.js';
import { authorize } from '../../../core/policy.js';
import '../../route-permission.js';
import { sendProblem } from '../../plugins/problem.js';
import {
  EvidenceCaptureSchema,
  EvidenceSchema,
  EvidenceWithSnapshotSchema,
  SnapshotSchema,
} from '../claims/evidence.schema.js';
import { IdParams, errorResponses, plain } from '../common.js';

/** Types a browser may show inline-safe as themselves; anything else downloads as bytes. */
const SAFE_TO_LABEL = /^(image\/(png|jpeg|gif|webp|avif)|application\/pdf|text\/plain)$/;

function sendDownload(reply: FastifyReply, mime: string, fileName: string, data: Uint8Array) {
  const type = SAFE_TO_LABEL.test(mime)
    ? mime === 'text/plain'
      ? 'text/plain; charset=utf-8'
      : mime
    : 'application/octet-stream';
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return (
    reply
      .type(type)
      .header(
        'content-disposition',
        `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      )
      // Even if a browser were talked into rendering it, nothing in it may run.
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
  );
}

export async function evidenceRoutes(
  appBase: FastifyInstance,
  { evidence, uploadMaxBytes }: { evidence: EvidenceService; uploadMaxBytes: number },
) {
  await appBase.register(multipart, {
    limits: { fileSize: uploadMaxBytes, files: 1, fields: 4, fieldSize: 20_000, parts: 6 },
  });
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['claims'];

  app.post(
    '/claims/:id/evidence/capture',
    {
      config: { permission: 'evidence.write' },
      schema: {
        tags,
        summary:
          'Paste a link: the page is fetched and kept as a snapshot (text, bytes, hash, time)',
        params: IdParams,
        body: EvidenceCaptureSchema,
        response: { 201: EvidenceWithSnapshotSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(plain(await evidence.capture(request.principal, request.params.id, request.body))),
  );

  app.post(
    '/claims/:id/evidence/upload',
    {
      config: { permission: 'evidence.write' },
      schema: {
        tags,
        summary: 'Upload a file as evidence (multipart/form-data, part "file")',
        description: `The type is read from the content; images, PDF, plain text, office documents and common audio/video are accepted, and a name whose extension disagrees with the content is refused. Largest file: ${uploadMaxBytes} bytes.`,
        params: IdParams,
        response: { 201: EvidenceSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      // Refused before a byte of the file is read.
      authorize(request.principal, 'evidence.write');
      if (!request.isMultipart()) {
        throw new ValidationError([
          { field: 'body', message: 'must be multipart/form-data with a part named "file"' },
        ]);
      }
      const fields: Record<string, string> = {};
      let file: { name: string; data: Buffer } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || file) {
              part.file.resume();
              throw new ValidationError([
                { field: part.fieldname, message: 'send exactly one file, in the part "file"' },
              ]);
            }
            file = { name: part.filename, data: await part.toBuffer() };
          } else if (part.fieldname === 'title' || part.fieldname === 'note') {
            fields[part.fieldname] = String(part.value);
          } else {
            throw new ValidationError([{ field: part.fieldname, message: 'is not a known field' }]);
          }
        }
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') {
          return sendProblem(reply, request, {
            status: 413,
            code: 'file_too_large',
            detail: `The file is larger than the limit of ${uploadMaxBytes} bytes; nothing was stored.`,
          });
        }
        if (
          code === 'FST_FILES_LIMIT' ||
          code === 'FST_PARTS_LIMIT' ||
          code === 'FST_FIELDS_LIMIT'
        ) {
          throw new ValidationError([
            { field: 'body', message: 'send one file and at most the fields title and note' },
          ]);
        }
        throw error;
      }
      if (!file) {
        throw new ValidationError([{ field: 'file', message: 'is required' }]);
      }
      const created = await evidence.upload(request.principal, request.params.id, {
        fileName: file.name,
        data: file.data,
        title: fields.title,
        note: fields.note,
      });
      return reply.status(201).send(plain(created));
    },
  );

  app.get(
    '/evidence/:id/file',
    {
      config: { permission: 'evidence.read' },
      schema: {
        tags,
        summary: 'Download the file of a file evidence',
        params: IdParams,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const {
        evidence: item,
        mime,
        data,
      } = await evidence.file(request.principal, request.params.id);
      return sendDownload(reply, mime, item.fileName ?? `${item.fileSha256 ?? item.id}`, data);
    },
  );

  app.get(
    '/snapshots/:id',
    {
      config: { permission: 'evidence.read' },
      schema: {
        tags,
        summary: 'A snapshot: where and when it was fetched, its hash and its text',
        params: IdParams,
        response: { 200: SnapshotSchema, ...errorResponses },
      },
    },
    async (request) => plain(await evidence.snapshot(request.principal, request.params.id)),
  );

  app.get(
    '/snapshots/:id/body',
    {
      config: { permission: 'evidence.read' },
      schema: {
        tags,
        summary: 'The bytes fetched for a snapshot, as a download',
        params: IdParams,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const { snapshot, data } = await evidence.snapshotBody(request.principal, request.params.id);
      return sendDownload(
        reply,
        snapshot.contentType ?? 'application/octet-stream',
        `snapshot-${snapshot.sha256.slice(0, 16)}`,
        data,
      );
    },
  );
}
