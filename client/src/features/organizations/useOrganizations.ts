import { useCallback, useEffect, useRef, useState } from 'react';
import type { Organization, OrganizationType } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { toUiError, type UiError } from '../../shared/api/problems';

export const pageSize = 25;

export interface OrganizationList {
  items: Organization[];
  /** 'loading' is the first page (after a filter change too); 'loadingMore' is a further page. */
  status: 'loading' | 'ready' | 'loadingMore' | 'error';
  error?: UiError;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Shows a just-created organization at the top if it matches the filter. */
  add: (organization: Organization) => void;
}

interface State {
  items: Organization[];
  cursor: string | null;
  status: OrganizationList['status'];
  error?: UiError;
}

/** One filtered, cursor-paged list of organizations. A filter change starts over and cancels the request in flight. */
export function useOrganizations(type: OrganizationType | undefined): OrganizationList {
  const api = useApi();
  const [state, setState] = useState<State>({ items: [], cursor: null, status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const inFlight = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (cursor: string | undefined) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setState((s) => ({ ...s, status: cursor ? 'loadingMore' : 'loading', error: undefined, ...(cursor ? {} : { items: [], cursor: null }) }));
      api.listOrganizations(type, undefined, undefined, pageSize, cursor, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          setState((s) => {
            const known = new Set(s.items.map((o) => o.id));
            const items = cursor ? [...s.items, ...page.items.filter((o) => !known.has(o.id))] : page.items;
            return { items, cursor: page.nextCursor ?? null, status: 'ready' };
          });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState((s) => ({ ...s, status: 'error', error: toUiError(error) }));
        },
      );
    },
    [api, type],
  );

  useEffect(() => {
    fetchPage(undefined);
    return () => inFlight.current?.abort();
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => {
    if (state.cursor) fetchPage(state.cursor);
  }, [fetchPage, state.cursor]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const add = useCallback(
    (organization: Organization) => {
      if (type && organization.type !== type) return;
      setState((s) => ({ ...s, items: [organization, ...s.items.filter((o) => o.id !== organization.id)] }));
    },
    [type],
  );

  return {
    items: state.items,
    status: state.status,
    error: state.error,
    hasMore: state.cursor !== null,
    loadMore,
    reload,
    add,
  };
}
