import { useId, useState } from 'react';
import type { MembershipInfo, Opportunity, OpportunityStatus } from '@launchpath/contracts';
import { useCursorList } from '../../shared/api/useCursorList';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { LoadMore } from '../../shared/components/LoadMore';
import { Loading } from '../../shared/components/Loading';
import { OptionSelect } from '../../shared/components/OptionSelect';
import { formatDateRange, formatDateTime } from '../../shared/format';
import { opportunityStatuses, opportunityStatusLabels, opportunityTypeLabels } from '../../shared/labels';
import { searchOpportunities } from '../../shared/opportunities/search';
import { StatusTag } from '../../shared/opportunities/StatusTag';
import { OpportunityEditor, ourOpportunitiesHref } from './OpportunityEditor';
import { DataTable } from '../../shared/components/DataTable';

interface Props {
  /** The employers whose opportunities the caller sees. */
  employers: readonly MembershipInfo[];
  /** The ones the caller may write (employer admins); empty for supervisors. */
  writable: readonly MembershipInfo[];
  /** The rest of the route: [] for the list, ["new"] or [id] for one opportunity. */
  path: readonly string[];
}

export function OurOpportunitiesPage({ employers, writable, path }: Props) {
  if (path[0]) return <OpportunityEditor opportunityId={path[0]} employers={writable} />;
  return <OpportunityList employers={employers} canWrite={writable.length > 0} />;
}

function OpportunityList({ employers, canWrite }: { employers: readonly MembershipInfo[]; canWrite: boolean }) {
  const employerFilterId = useId();
  const statusFilterId = useId();
  const [employerId, setEmployerId] = useState(employers[0]?.organizationId ?? '');
  const [status, setStatus] = useState<OpportunityStatus | ''>('');
  const list = useCursorList<Opportunity>(employerId ? `${employerId}:${status}` : null, (api, cursor, signal) =>
    searchOpportunities(api, { employerId, status }, { limit: 25, cursor, signal }),
  );

  return (
    <>
      <div className="page-header page-header--actions">
        <div>
          <h1>Our opportunities</h1>
          <p className="muted">Draft opportunities, submit them for curation, and see which are published.</p>
        </div>
        {canWrite ? (
          <a className="button" href={`${ourOpportunitiesHref}/new`}>
            New opportunity
          </a>
        ) : null}
      </div>
      <section className="card" aria-labelledby="our-list-heading" aria-busy={list.status === 'loading'}>
        <div className="card__header">
          <h2 id="our-list-heading">Opportunities</h2>
          <div className="filters">
            {employers.length > 1 ? (
              <div className="filter">
                <label htmlFor={employerFilterId}>Employer</label>
                <select id={employerFilterId} value={employerId} onChange={(e) => setEmployerId(e.target.value)}>
                  {employers.map((m) => (
                    <option key={m.organizationId} value={m.organizationId}>
                      {m.organizationName}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div className="filter">
              <label htmlFor={statusFilterId}>Status</label>
              <OptionSelect id={statusFilterId} options={opportunityStatuses} labels={opportunityStatusLabels} value={status} blank="All" onChange={(value) => setStatus(value ?? '')} />
            </div>
          </div>
        </div>
        {list.status === 'error' && list.error ? <ErrorBanner error={list.error} onRetry={list.items.length ? list.loadMore : list.reload} /> : null}
        {list.status === 'loading' ? <Loading>Loading opportunities…</Loading> : null}
        {list.status === 'ready' && list.items.length === 0 ? (
          <p className="muted">{status ? 'None with this status.' : 'No opportunities yet. Start with “New opportunity”.'}</p>
        ) : null}
        {list.items.length > 0 ? (
          <DataTable
            caption="Our opportunities"
            columns={[
              { header: 'Title', rowHeader: true, cell: (o) => (
                <>
                  <a href={`${ourOpportunitiesHref}/${o.id}`}>{o.fields.title}</a>
                  {o.status === 'rejected' && o.rejectionReason ? <p className="table__note">Not approved: {o.rejectionReason}</p> : null}
                </>
              ) },
              { header: 'Status', cell: (o) => <><StatusTag status={o.status} /></> },
              { header: 'Kind', cell: (o) => opportunityTypeLabels[o.fields.type] },
              { header: 'Dates', cell: (o) => formatDateRange(o.fields.startDate, o.fields.endDate) },
              { header: 'Seats', cell: (o) => o.fields.seats },
              { header: 'Last changed', cell: (o) => formatDateTime(o.updatedAt) },
            ]}
            rows={list.items}
            rowKey={(o) => o.id}
          />
        ) : null}
        <LoadMore hasMore={list.hasMore && list.status !== 'loading'} loading={list.status === 'loadingMore'} onLoadMore={list.loadMore} />
      </section>
    </>
  );
}
