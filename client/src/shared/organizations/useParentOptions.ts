import { useEffect, useState } from 'react';
import type { Organization, OrganizationType } from '@launchpath/contracts';
import { useApi } from '../api/ApiContext';
import { toUiError, type UiError } from '../api/problems';

/** Most parents a select offers; beyond this the form needs a search box. */
export const maxParentOptions = 1000;

export interface ParentOptions {
  options: Organization[];
  loading: boolean;
  error?: UiError;
  truncated: boolean;
}

/** All organizations of the parent type (for the parent select), reloaded when `refreshKey` changes. */
export function useParentOptions(parentType: OrganizationType | undefined, refreshKey: number): ParentOptions {
  const api = useApi();
  const [state, setState] = useState<ParentOptions>({ options: [], loading: false, truncated: false });

  useEffect(() => {
    if (!parentType) {
      setState({ options: [], loading: false, truncated: false });
      return;
    }
    const controller = new AbortController();
    setState({ options: [], loading: true, truncated: false });
    (async () => {
      const options: Organization[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.listOrganizations(parentType, undefined, undefined, 200, cursor, controller.signal);
        options.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && options.length < maxParentOptions);
      return { options, truncated: cursor !== undefined };
    })().then(
      ({ options, truncated }) => {
        if (controller.signal.aborted) return;
        options.sort((a, b) => a.name.localeCompare(b.name));
        setState({ options, loading: false, truncated });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ options: [], loading: false, truncated: false, error: toUiError(error) });
      },
    );
    return () => controller.abort();
  }, [api, parentType, refreshKey]);

  return state;
}
