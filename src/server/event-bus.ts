/**
 * Core's change feed for the server: services publish committed changes, the server-sent events
 * route (and the portal's page cache) subscribe. `createEventBus` is one process's bus;
 * `createSharedEventBus` also carries every change to the other processes on the same database
 * through PostgreSQL's NOTIFY, so a desk connected to one web process sees a change made through
 * another (no sticky sessions needed).
 */
import { randomUUID } from 'node:crypto';
import type { ChangeEvent, ChangeFeed } from '../core/events.js';
import type { Database } from '../db/client.js';

export type ChangeListener = (event: ChangeEvent) => void;

export interface EventBus extends ChangeFeed {
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: ChangeListener): () => void;
  /** Listeners currently subscribed (open streams). */
  readonly listenerCount: number;
  /** Stops listening to other processes (a no-op for a one-process bus). */
  close(): Promise<void>;
}

/** The channel changes travel on between processes. */
export const CHANGE_CHANNEL = 'kiemchung_changes';
/** NOTIFY refuses payloads of 8,000 bytes or more; a change is far smaller. */
const MAX_PAYLOAD_BYTES = 7900;

export function createEventBus(): EventBus {
  const listeners = new Set<ChangeListener>();
  return {
    publish(event) {
      deliver(listeners, event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get listenerCount() {
      return listeners.size;
    },
    close: () => Promise.resolve(),
  };
}

/** Logs what could not be sent to the other processes. */
export interface BusLogger {
  warn(obj: object, msg?: string): void;
}

/**
 * A bus shared by every process on `database`: a change is delivered here at once and sent to
 * the others with NOTIFY; what arrives from the others is delivered here. Each process tags what
 * it sends so that it ignores its own echo.
 */
export async function createSharedEventBus(
  database: Database,
  logger?: BusLogger,
): Promise<EventBus> {
  const listeners = new Set<ChangeListener>();
  const origin = randomUUID();
  const stop = await database.listen(CHANGE_CHANNEL, (payload) => {
    const message = parseMessage(payload);
    if (message && message.origin !== origin) deliver(listeners, message.event);
  });
  return {
    publish(event) {
      deliver(listeners, event);
      const payload = JSON.stringify({ origin, event });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        logger?.warn({ entity: event.entity, id: event.id }, 'change too large to share');
        return;
      }
      database
        .query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, payload])
        .catch((error: unknown) => {
          logger?.warn({ err: error }, 'could not share a change with the other processes');
        });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get listenerCount() {
      return listeners.size;
    },
    close: stop,
  };
}

function deliver(listeners: ReadonlySet<ChangeListener>, event: ChangeEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // One broken stream must not stop the others, nor the request that made the change.
    }
  }
}

/** A message from another process, or null when it is not one of ours. */
function parseMessage(payload: string): { origin: string; event: ChangeEvent } | null {
  try {
    const value = JSON.parse(payload) as { origin?: unknown; event?: unknown };
    if (typeof value.origin !== 'string' || typeof value.event !== 'object' || !value.event)
      return null;
    const event = value.event as ChangeEvent;
    if (typeof event.entity !== 'string' || typeof event.id !== 'string') return null;
    return { origin: value.origin, event };
  } catch {
    return null;
  }
}
