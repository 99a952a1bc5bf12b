import { useState } from 'react';
import type { MatchRound } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { ordinal } from '../../shared/components/ranking';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { DataTable } from '../../shared/components/DataTable';

const firstRows = 50;

/** The round's proposed (or, once published, approved) placements. */
export function RoundPlacements({ round }: { round: MatchRound }) {
  const placements = useResource(`placements:${round.id}:${round.runs}:${round.status}`, (api, signal) => api.listRoundPlacements(round.id, signal));
  const [showAll, setShowAll] = useState(false);
  const items = placements.data ?? [];
  const shown = showAll ? items : items.slice(0, firstRows);
  return (
    <section className="card" aria-labelledby="placements-heading">
      <h2 id="placements-heading">{round.status === 'published' ? 'Placements' : 'Proposed placements'}</h2>
      {placements.status === 'error' && placements.error ? <ErrorBanner error={placements.error} onRetry={placements.reload} /> : null}
      {placements.status === 'loading' && !placements.data ? <Loading>Loading placements…</Loading> : null}
      {placements.status === 'ready' && items.length === 0 ? <p className="muted">No placements: no student was matched.</p> : null}
      {items.length > 0 ? (
        <DataTable
          caption={round.status === 'published' ? 'Placements' : 'Proposed placements'}
          rows={shown}
          rowKey={(p) => p.placementId}
          columns={[
            { header: 'Student', rowHeader: true, cell: (p) => p.studentName },
            { header: 'Opportunity', cell: (p) => p.opportunityTitle },
            { header: 'Student’s choice', cell: (p) => ordinal(p.choiceRank) },
            { header: 'Status', cell: (p) => p.status.charAt(0).toUpperCase() + p.status.slice(1) },
          ]}
        />
      ) : null}
      {items.length > shown.length ? (
        <div className="card__footer">
          <button type="button" className="button button--secondary" onClick={() => setShowAll(true)}>
            Show all {items.length} placements
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** After publication: the students the round did not match that the caller may see, to follow up with. */
export function UnmatchedStudents({ round }: { round: MatchRound }) {
  const unmatched = useResource(`unmatched:${round.id}`, (api, signal) => api.listUnmatched(round.id, signal));
  // Staff without access to students' records (403) see nothing here.
  if (unmatched.error?.status === 403) return null;
  const items = unmatched.data ?? [];
  return (
    <section className="card" aria-labelledby="unmatched-heading">
      <h2 id="unmatched-heading">Students to follow up</h2>
      <p className="muted">
        Students who ranked choices and were not matched. Each sees the opportunities that still have seats for them; a coordinator can help them apply,
        or open another round.
      </p>
      {unmatched.error ? <ErrorBanner error={unmatched.error} onRetry={unmatched.reload} /> : null}
      {unmatched.status === 'loading' && !unmatched.data ? <Loading>Loading the students to follow up…</Loading> : null}
      {unmatched.status === 'ready' && items.length === 0 ? <p className="muted">Every student you can see who ranked choices was matched.</p> : null}
      {items.length > 0 ? (
        <DataTable
          caption={`Not matched (${items.length.toLocaleString('en-US')})`}
          rows={items}
          rowKey={(s) => s.studentId}
          columns={[
            { header: 'Student', rowHeader: true, cell: (s) => <a href={`#/students/${s.studentId}`}>{s.name}</a> },
            { header: 'School', cell: (s) => s.schoolName },
            { header: 'Grade', cell: (s) => (s.grade == null ? '—' : s.grade === 13 ? 'Postsecondary' : String(s.grade)) },
          ]}
        />
      ) : null}
    </section>
  );
}
