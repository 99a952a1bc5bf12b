import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from './client';
import { useApi } from './ApiContext';
import { toUiError, type UiError } from './problems';

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface CursorList<T> {
  items: T[];
  /** 'loading' is the first page (after a filter change too); 'loadingMore' a further page. */
  status: 'idle' | 'loading' | 'ready' | 'loadingMore' | 'error';
  error?: UiError;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Changes the items shown (after a write), without another request. */
  update: (change: (items: T[]) => T[]) => void;
}

interface State<T> {
  items: T[];
  cursor: string | null;
  status: CursorList<T>['status'];
  error?: UiError;
}

/**
 * A cursor-paged list: the first page whenever `key` (the filters) changes, further pages with loadMore ("Load more"),
 * items already shown skipped by id. A null key loads nothing. The request in flight is cancelled by the next.
 */
export function useCursorList<T extends { id?: string }>(
  key: string | null,
  fetchPage: (api: Api, cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
  idOf: (item: T) => string = (item) => item.id ?? JSON.stringify(item),
): CursorList<T> {
  const api = useApi();
  const [state, setState] = useState<State<T>>({ items: [], cursor: null, status: key === null ? 'idle' : 'loading' });
  const [generation, setGeneration] = useState(0);
  const inFlight = useRef<AbortController | null>(null);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;
  const identify = useRef(idOf);
  identify.current = idOf;

  const fetchFrom = useCallback(
    (cursor: string | undefined) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setState((s) => (cursor ? { ...s, status: 'loadingMore', error: undefined } : { items: [], cursor: null, status: 'loading' }));
      fetcher.current(api, cursor, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          setState((s) => {
            const known = new Set(s.items.map(identify.current));
            const items = cursor ? [...s.items, ...page.items.filter((item) => !known.has(identify.current(item)))] : page.items;
            return { items, cursor: page.nextCursor ?? null, status: 'ready' };
          });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState((s) => ({ ...s, status: 'error', error: toUiError(error) }));
        },
      );
    },
    [api],
  );

  useEffect(() => {
    if (key === null) {
      inFlight.current?.abort();
      setState({ items: [], cursor: null, status: 'idle' });
      return;
    }
    fetchFrom(undefined);
    return () => inFlight.current?.abort();
  }, [fetchFrom, key, generation]);

  const loadMore = useCallback(() => {
    if (state.cursor) fetchFrom(state.cursor);
  }, [fetchFrom, state.cursor]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const update = useCallback((change: (items: T[]) => T[]) => setState((s) => ({ ...s, items: change(s.items) })), []);

  return { items: state.items, status: state.status, error: state.error, hasMore: state.cursor !== null, loadMore, reload, update };
}
