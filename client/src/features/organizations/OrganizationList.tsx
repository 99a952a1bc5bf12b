import { useId } from 'react';
import type { OrganizationType } from '@launchpath/contracts';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { isOrganizationType, organizationTypeLabels, organizationTypes } from '../../shared/organizationLabels';
import { OrganizationTable } from './OrganizationTable';
import type { OrganizationList as ListState } from './useOrganizations';

interface Props {
  list: ListState;
  type: OrganizationType | undefined;
  onTypeChange: (type: OrganizationType | undefined) => void;
}

/** The filter, the table and the paging of the organizations list. */
export function OrganizationList({ list, type, onTypeChange }: Props) {
  const filterId = useId();
  const busy = list.status === 'loading' || list.status === 'loadingMore';
  return (
    <section className="card" aria-labelledby="organizations-heading" aria-busy={busy}>
      <div className="card__header">
        <h2 id="organizations-heading">Organizations</h2>
        <div className="filter">
          <label htmlFor={filterId}>Show</label>
          <select
            id={filterId}
            value={type ?? ''}
            onChange={(e) => onTypeChange(isOrganizationType(e.target.value) ? e.target.value : undefined)}
          >
            <option value="">All types</option>
            {organizationTypes.map((t) => (
              <option key={t} value={t}>
                {organizationTypeLabels[t]}s
              </option>
            ))}
          </select>
        </div>
      </div>

      {list.status === 'error' && list.error ? <ErrorBanner error={list.error} onRetry={list.items.length ? list.loadMore : list.reload} /> : null}

      {list.status === 'loading' ? (
        <p className="muted" role="status">
          Loading organizations…
        </p>
      ) : list.items.length === 0 && list.status !== 'error' ? (
        <p className="muted">{type ? `No ${type}s yet.` : 'No organizations yet. Add the first one with the form.'}</p>
      ) : list.items.length > 0 ? (
        <OrganizationTable items={list.items} />
      ) : null}

      {list.hasMore && list.status !== 'loading' ? (
        <div className="card__footer">
          <button type="button" className="button button--secondary" onClick={list.loadMore} disabled={list.status === 'loadingMore'}>
            {list.status === 'loadingMore' ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
