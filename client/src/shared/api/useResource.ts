import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from './client';
import { useApi } from './ApiContext';
import { toUiError, type UiError } from './problems';

export interface Resource<T> {
  /** 'idle' while there is no key (nothing to load yet). A reload keeps the data it had while 'loading'. */
  status: 'idle' | 'loading' | 'ready' | 'error';
  data?: T;
  error?: UiError;
  reload: () => void;
  /** Replaces the data with what a write returned, without another request. */
  set: (data: T) => void;
}

interface State<T> {
  status: Resource<T>['status'];
  data?: T;
  error?: UiError;
}

/**
 * Loads one thing from the API, again whenever `key` changes (null: nothing to load), cancelling the request in
 * flight. `load` is read when the key changes or on reload, so it may close over anything the key stands for.
 */
export function useResource<T>(key: string | null, load: (api: Api, signal: AbortSignal) => Promise<T>): Resource<T> {
  const api = useApi();
  const [state, setState] = useState<State<T>>({ status: key === null ? 'idle' : 'loading' });
  const [generation, setGeneration] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data }));
    loader.current(api, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ status: 'error', data: s.data, error: toUiError(error) }));
      },
    );
    return () => controller.abort();
  }, [api, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { ...state, reload, set };
}
