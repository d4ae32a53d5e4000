/**
 * A small client-side router over the History API: the desk has a handful of routes and does
 * not need a routing library in its first load.
 */
import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** Where the desk is mounted (Vite's base). */
export const BASE_PATH = '/desk';

const listeners = new Set<() => void>();

/** The current path inside the desk, e.g. `/claims/123`. */
export function currentPath(): string {
  const path = window.location.pathname;
  const inner = path.startsWith(BASE_PATH) ? path.slice(BASE_PATH.length) : path;
  return inner === '' ? '/' : inner;
}

/** Goes to a desk path and tells every router hook. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = BASE_PATH + to;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  for (const listener of listeners) listener();
}

/** The current path and query string; re-renders on navigation. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((n) => n + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return { path: currentPath(), search: new URLSearchParams(window.location.search) };
}

/** Matches `/claims/:id` style patterns; returns the parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}

/** An anchor that navigates inside the desk without reloading (modified clicks still work). */
export function Link({
  to,
  onClick,
  ...rest
}: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={BASE_PATH + to} onClick={handle} {...rest} />;
}
