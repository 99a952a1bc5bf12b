import { useState } from 'react';
import type { PlacementStatus } from '@launchpath/contracts';
import { useCursorList } from '../../shared/api/useCursorList';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { LoadMore } from '../../shared/components/LoadMore';
import { OptionSelect } from '../../shared/components/OptionSelect';
import { formatDate } from '../../shared/format';
import { MyPlacementsPage } from './MyPlacementsPage';
import { PlacementDetail } from './PlacementDetail';
import { placementStatusLabels, placementStatuses } from './placements';
import { DataTable } from '../../shared/components/DataTable';

/**
 * Placements the caller may see (the API scopes the list), filtered by status; one placement at #/placements/<id>.
 * A student sees their own applications and placements, a guardian their children's, as cards (`mine`).
 */
export function PlacementsPage({ path, mine }: { path: readonly string[]; mine?: 'student' | 'guardian' }) {
  if (path[0]) return <PlacementDetail id={path[0]} />;
  if (mine) return <MyPlacementsPage guardian={mine === 'guardian'} />;
  return <PlacementList />;
}

function PlacementList() {
  const [status, setStatus] = useState<PlacementStatus | ''>('');
  const list = useCursorList(`placements:${status}`, (api, cursor, signal) =>
    api.listPlacements(undefined, undefined, status || undefined, 25, cursor, signal),
  );
  return (
    <>
      <h1>Placements</h1>
      <div className="card">
        <Field label="Status">
          <OptionSelect options={placementStatuses} labels={placementStatusLabels} value={status} blank="Any status" onChange={(value) => setStatus(value ?? '')} />
        </Field>
      </div>
      {list.error ? <ErrorBanner error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'loading' ? (
        <p className="muted" role="status">
          Loading placements…
        </p>
      ) : list.items.length === 0 && list.status === 'ready' ? (
        <p>No placements.</p>
      ) : (
        <DataTable
          caption="Placements"
          rows={list.items}
          rowKey={(p) => p.id}
          columns={[
            { header: 'Opportunity', cell: (p) => <a href={`#/placements/${p.id}`}>{p.opportunityTitle}</a> },
            { header: 'Student', cell: (p) => p.studentName },
            { header: 'Employer', cell: (p) => p.employerName },
            { header: 'Status', cell: (p) => placementStatusLabels[p.status] },
            { header: 'Expires', cell: (p) => (p.expiresOn ? formatDate(p.expiresOn) : '—') },
          ]}
        />
      )}
      <LoadMore hasMore={list.hasMore} loading={list.status === 'loadingMore'} onLoadMore={list.loadMore} />
    </>
  );
}
