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
