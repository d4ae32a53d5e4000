/**
 * The in-process implementation of core's change feed: services publish committed changes, the
 * server-sent events route subscribes one listener per open stream. One web process only; with
 * several, each sees the changes made through it (see the README).
 */
import type { ChangeEvent, ChangeFeed } from '../core/events.js';

export type ChangeListener = (event: ChangeEvent) => void;

export interface EventBus extends ChangeFeed {
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: ChangeListener): () => void;
  /** Listeners currently subscribed (open streams). */
  readonly listenerCount: number;
}

export function createEventBus(): EventBus {
  const listeners = new Set<ChangeListener>();
  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // One broken stream must not stop the others, nor the request that made the change.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}
