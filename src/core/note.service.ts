/**
 * Staff-internal notes on a claim. Mentions (`@handle` or `@e-mail`) resolve to colleagues who
 * may read notes; each mentioned person gets a live notification. Notes never reach the public.
 */
import type { ChangeFeed } from './events.js';
import { SILENT_FEED } from './events.js';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.js';
import { extractMentions } from './mentions.js';
import { authorize, can } from './policy.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { applied, found, record } from './service-support.js';
import type { ClaimNote } from './types.js';

/** A note with what its mentions resolved to. */
export interface NoteResult {
  note: ClaimNote;
  /** Handles that named nobody who may read notes (mistyped, ambiguous or not staff). */
  unresolvedMentions: string[];
}

function noteBody(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) throw new ValidationError([{ field: 'body', message: 'must not be blank' }]);
  return trimmed;
}

export function createNoteService(
  repos: Repositories,
  clock: Clock,
  feed: ChangeFeed = SILENT_FEED,
) {
  /** The users a body mentions who may read notes, and the handles that named nobody. */
  async function resolveMentions(tx: Repositories, body: string) {
    const handles = extractMentions(body);
    const users = await tx.users.findByHandles(handles);
    const readers = users.filter((user) =>
      can({ actor: { kind: 'user', id: user.id }, user }, 'notes.read'),
    );
    return {
      mentionIds: [...new Set(readers.map((user) => user.id))],
      unresolvedMentions: handles.filter((h) => !readers.some((user) => user.handle === h)),
    };
  }

  function announce(note: ClaimNote, action: string, principal: Principal, newMentions: string[]) {
    const actorId = principal.user?.id ?? null;
    feed.publish({
      entity: 'note',
      id: note.id,
      version: note.version,
      action,
      actorId,
      claimId: note.claimId,
    });
    const audience = newMentions.filter((id) => id !== actorId);
    if (audience.length > 0) {
      feed.publish({
        entity: 'mention',
        id: note.id,
        version: note.version,
        action: 'note.mentioned',
        actorId,
        claimId: note.claimId,
        audience,
      });
    }
  }

  return {
    async list(principal: Principal, claimId: string): Promise<ClaimNote[]> {
      authorize(principal, 'notes.read');
      await found(repos.claims.findById(claimId), 'Claim', claimId);
      return repos.notes.listForClaim(claimId);
    },
    async create(
      principal: Principal,
      claimId: string,
      input: { body: string },
    ): Promise<NoteResult> {
      authorize(principal, 'notes.write');
      const body = noteBody(input.body);
      const result = await repos.transaction(async (tx) => {
        await found(tx.claims.findById(claimId), 'Claim', claimId);
        const { mentionIds, unresolvedMentions } = await resolveMentions(tx, body);
        const note = await tx.notes.insert({
          claimId,
          authorId: principal.user.id,
          body,
          mentionIds,
        });
        await record(tx, principal.actor, clock(), 'note.created', 'claim', claimId, {
          noteId: note.id,
          mentionIds,
        });
        return { note, unresolvedMentions };
      });
      announce(result.note, 'note.created', principal, result.note.mentionIds);
      return result;
    },
    /** Edits a note; only its author may. Newly mentioned people are notified. */
    async update(
      principal: Principal,
      claimId: string,
      noteId: string,
      version: number,
      input: { body: string },
    ): Promise<NoteResult> {
      authorize(principal, 'notes.write');
      const body = noteBody(input.body);
      const { result, before } = await repos.transaction(async (tx) => {
        const current = await tx.notes.findById(noteId);
        if (!current || current.claimId !== claimId) throw new NotFoundError('Note', noteId);
        if (current.authorId !== principal.user.id) {
          throw new ForbiddenError('Only the author of a note may edit it.');
        }
        const { mentionIds, unresolvedMentions } = await resolveMentions(tx, body);
        const note = applied(
          await tx.notes.updateVersioned(noteId, version, { body, mentionIds }),
          'Note',
          noteId,
          version,
        );
        await record(tx, principal.actor, clock(), 'note.updated', 'claim', claimId, {
          noteId,
          mentionIds,
          version: note.version,
        });
        return { result: { note, unresolvedMentions }, before: current.mentionIds };
      });
      announce(
        result.note,
        'note.updated',
        principal,
        result.note.mentionIds.filter((id) => !before.includes(id)),
      );
      return result;
    },
  };
}
export type NoteService = ReturnType<typeof createNoteService>;
