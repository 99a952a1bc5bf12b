import { useState } from 'react';
import type { PlacementStatus } from '@launchpath/contracts';
import { useCursorList } from '../../shared/api/useCursorList';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { LoadMore } from '../../shared/components/LoadMore';
import { OptionSelect } from '../../shared/components/OptionSelect';
import { formatDate } from '../../shared/format';
import { PlacementDetail } from './PlacementDetail';
import { placementStatusLabels, placementStatuses } from './placements';
import { TableScroll } from '../../shared/components/TableScroll';

/** Placements the caller may see (the API scopes the list), filtered by status; one placement at #/placements/<id>. */
export function PlacementsPage({ path }: { path: readonly string[] }) {
  if (path[0]) return <PlacementDetail id={path[0]} />;
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
        <TableScroll>
          <table className="table">
            <caption className="visually-hidden">Placements</caption>
            <thead>
              <tr>
                <th scope="col">Opportunity</th>
                <th scope="col">Student</th>
                <th scope="col">Employer</th>
                <th scope="col">Status</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`#/placements/${p.id}`}>{p.opportunityTitle}</a>
                  </td>
                  <td>{p.studentName}</td>
                  <td>{p.employerName}</td>
                  <td>{placementStatusLabels[p.status]}</td>
                  <td>{p.expiresOn ? formatDate(p.expiresOn) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <LoadMore hasMore={list.hasMore} loading={list.status === 'loadingMore'} onLoadMore={list.loadMore} />
    </>
  );
}
