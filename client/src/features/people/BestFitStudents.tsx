import { useState, type FormEvent } from 'react';
import type { Opportunity } from '@launchpath/contracts';
import { useCursorList } from '../../shared/api/useCursorList';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { LoadMore } from '../../shared/components/LoadMore';
import { Loading } from '../../shared/components/Loading';
import { formatDateRange, gradeLabel } from '../../shared/format';
import { opportunityTypeLabels } from '../../shared/labels';
import { ReasonList } from '../../shared/opportunities/ReasonList';
import { searchOpportunities } from '../../shared/opportunities/search';
import { DataTable } from '../../shared/components/DataTable';

const candidatesHref = '#/students/best-fit';

/** Pick a published opportunity, then see the eligible students it suits best, with the reasons. */
export function BestFitStudents({ opportunityId }: { opportunityId?: string }) {
  return (
    <>
      <div className="page-header">
        <h1>Best-fit students</h1>
        <p className="muted">The eligible students an opportunity suits best, from their interests, schedule, travel and pathway.</p>
      </div>
      <div className="page-grid">
        <OpportunityChooser selectedId={opportunityId} />
        {opportunityId ? <Candidates opportunityId={opportunityId} /> : <p className="card muted">Choose an opportunity to see its best-fit students.</p>}
      </div>
    </>
  );
}

function OpportunityChooser({ selectedId }: { selectedId?: string }) {
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState('');
  const list = useCursorList<Opportunity>(`published:${applied}`, (api, cursor, signal) =>
    searchOpportunities(api, { status: 'published', q: applied }, { limit: 15, cursor, signal }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(q);
  };
  return (
    <section className="card" aria-labelledby="chooser-heading">
      <h2 id="chooser-heading">Published opportunities</h2>
      <form className="form form--inline" role="search" aria-label="Find an opportunity" onSubmit={submit}>
        <Field label="Words">
          <input name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </Field>
        <button type="submit" className="button button--secondary">
          Find
        </button>
      </form>
      {list.status === 'error' && list.error ? <ErrorBanner error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'loading' ? <Loading>Loading opportunities…</Loading> : null}
      {list.status === 'ready' && list.items.length === 0 ? <p className="muted">No published opportunities match.</p> : null}
      <ul className="link-list">
        {list.items.map((o) => (
          <li key={o.id}>
            <a href={`${candidatesHref}/${o.id}`} aria-current={o.id === selectedId ? 'true' : undefined}>
              {o.fields.title}
            </a>
            <span className="muted">
              {' '}
              · {o.employerName} · {opportunityTypeLabels[o.fields.type]} · {formatDateRange(o.fields.startDate, o.fields.endDate)}
            </span>
          </li>
        ))}
      </ul>
      <LoadMore hasMore={list.hasMore && list.status !== 'loading'} loading={list.status === 'loadingMore'} onLoadMore={list.loadMore} />
    </section>
  );
}

function Candidates({ opportunityId }: { opportunityId: string }) {
  const opportunity = useResource(`opportunity:${opportunityId}`, (api, signal) => api.getOpportunity(opportunityId, signal));
  const candidates = useResource(`candidates:${opportunityId}`, (api, signal) => api.getCandidates(opportunityId, 25, signal));
  const items = candidates.data ?? [];
  return (
    <section className="card" aria-labelledby="candidates-heading">
      <h2 id="candidates-heading">Best fit for {opportunity.data ? `“${opportunity.data.fields.title}”` : 'this opportunity'}</h2>
      {candidates.status === 'error' && candidates.error ? <ErrorBanner error={candidates.error} onRetry={candidates.reload} /> : null}
      {candidates.status === 'loading' ? <Loading>Finding students…</Loading> : null}
      {candidates.status === 'ready' && items.length === 0 ? <p className="muted">No eligible students found for it.</p> : null}
      {items.length > 0 ? (
        <DataTable
          caption="Best-fit students, best first"
          columns={[
            { header: 'Student', rowHeader: true, cell: (c) => (
              <>
                <a href={`#/students/${c.studentId}`}>{c.name}</a>
                <p className="table__sub">
                  {c.schoolName}, {gradeLabel(c.grade).toLowerCase()}
                </p>
              </>
            ) },
            { header: 'Score', cell: (c) => c.score.toFixed(1) },
            { header: 'Why', cell: (c) => <><ReasonList reasons={c.reasons} compact /></> },
          ]}
          rows={items}
          rowKey={(c) => c.studentId}
        />
      ) : null}
    </section>
  );
}
