/** Loads something from the API for a page, with reload and "endpoint not on this server". */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.js';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | Error | null;
  /** The server has no such endpoint: the page hides the feature instead of failing. */
  missing: boolean;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replaces the data with what a write returned. */
  set(value: T): void;
}

export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [loading, setLoading] = useState(true);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await run());
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return {
    data,
    error,
    missing: error instanceof ApiError && error.isMissingEndpoint,
    loading,
    reload,
    set: setData,
  };
}
