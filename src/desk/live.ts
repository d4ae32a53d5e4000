/** One EventSource per tab, shared by every page that wants to hear about changes. */
import { useEffect, useRef } from 'react';
import { subscribeChanges } from './api.js';
import type { ChangeEvent } from './types.js';

const listeners = new Set<(event: ChangeEvent) => void>();
let unsubscribe: (() => void) | null = null;

/** Opens the stream (after sign-in). */
export function startLive(): void {
  if (unsubscribe) return;
  unsubscribe = subscribeChanges((event) => {
    for (const listener of listeners) listener(event);
  });
}

/** Closes the stream (at sign-out). */
export function stopLive(): void {
  unsubscribe?.();
  unsubscribe = null;
}

/** Calls `onChange` for every change announced while the component is mounted. */
export function useLiveChanges(onChange: (event: ChangeEvent) => void): void {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    const listener = (event: ChangeEvent) => latest.current(event);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
}
