/**
 * Live updates: services announce each committed change so that open desks can refresh what
 * they show. Core states the port; the server implements it (an in-process bus feeding the
 * server-sent events stream).
 */
import type { Permission } from './policy.js';

/** What changed, as the desk's event stream sends it. */
export interface ChangeEvent {
  entity:
    | 'claim'
    | 'item'
    | 'check'
    | 'evidence'
    | 'checklist'
    | 'checklist-template'
    | 'note'
    | 'mention'
    | 'statement'
    | 'inquiry';
  id: string;
  /** The entity's version after the change, when it has one. */
  version: number | null;
  /** What happened, as in the audit chain ("claim.updated", "check.published", …). */
  action: string;
  actorId: string | null;
  /** The claim a sub-entity (evidence, checklist step, note) belongs to. */
  claimId?: string | undefined;
  /** Only these users receive the event (a mention); everyone signed in when absent. */
  audience?: readonly string[] | undefined;
  /** Only users whose role (and token scopes) grant this permission receive the event. */
  permission?: Permission | undefined;
}

/** Where services announce changes, after they are committed. */
export interface ChangeFeed {
  publish(event: ChangeEvent): void;
}

/** A feed nobody listens to (CLI commands, workers, tests that do not care). */
export const SILENT_FEED: ChangeFeed = Object.freeze({ publish: () => undefined });
