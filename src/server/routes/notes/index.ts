import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { NoteService } from '../../../core/note.service.js';
import '../../route-permission.js';
import {
  IdParams,
  Nullable,
  Uuid,
  Version,
  errorResponses,
  plain,
  versionedProperties,
} from '../common.js';

export const NoteSchema = Type.Object(
  {
    ...versionedProperties,
    claimId: Uuid,
    authorId: Nullable(Uuid),
    body: Type.String({ description: 'Plain text; shown as text, never as HTML' }),
    mentionIds: Type.Array(Uuid),
  },
  { $id: 'Note', description: 'A staff-internal note on a claim' },
);
const NoteResultSchema = Type.Object({
  note: NoteSchema,
  unresolvedMentions: Type.Array(Type.String(), {
    description: 'Mentions that named nobody who may read notes',
  }),
});
const NoteBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 20_000 }) },
  { additionalProperties: false },
);
const NoteUpdateBody = Type.Object(
  { version: Version, body: Type.String({ minLength: 1, maxLength: 20_000 }) },
  { additionalProperties: false },
);
const NoteParams = Type.Object({ id: Uuid, noteId: Uuid }, { additionalProperties: false });

/** /api/v1/claims/{id}/notes: staff-internal notes with @mentions. */
export async function noteRoutes(appBase: FastifyInstance, { notes }: { notes: NoteService }) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notes'];

  app.get(
    '/claims/:id/notes',
    {
      config: { permission: 'notes.read' },
      schema: {
        tags,
        summary: "A claim's notes, oldest first",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(NoteSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await notes.list(request.principal, request.params.id)).map(plain),
    }),
  );

  app.post(
    '/claims/:id/notes',
    {
      config: { permission: 'notes.write' },
      schema: {
        tags,
        summary: 'Add a note; @handle or @e-mail mentions notify colleagues',
        params: IdParams,
        body: NoteBody,
        response: { 201: NoteResultSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(plain(await notes.create(request.principal, request.params.id, request.body))),
  );

  app.patch(
    '/claims/:id/notes/:noteId',
    {
      config: { permission: 'notes.write' },
      schema: {
        tags,
        summary: 'Edit your note',
        params: NoteParams,
        body: NoteUpdateBody,
        response: { 200: NoteResultSchema, ...errorResponses },
      },
    },
    async (request) =>
      plain(
        await notes.update(
          request.principal,
          request.params.id,
          request.params.noteId,
          request.body.version,
          { body: request.body.body },
        ),
      ),
  );
}
