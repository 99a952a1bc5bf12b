import type { CurrentCaller } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { roundOrganizations } from '../../shared/auth/roles';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { formatDateTime } from '../../shared/format';
import { roundStatusLabels } from '../../shared/labels';
import { CreateRoundForm } from './CreateRoundForm';
import { RoundDetail, roundsHref } from './RoundDetail';
import { DataTable } from '../../shared/components/DataTable';

/** Match rounds for the staff who run them: the list, opening a round (path "new"), and one round (path [id]). */
export function RoundsPage({ me, path }: { me: CurrentCaller; path: readonly string[] }) {
  if (path[0] === 'new') return <CreateRoundForm me={me} />;
  if (path[0]) return <RoundDetail roundId={path[0]} />;
  return <RoundList canOpen={me.isPlatformAdmin || roundOrganizations(me).length > 0} />;
}

function RoundList({ canOpen }: { canOpen: boolean }) {
  const rounds = useResource('rounds', (api, signal) => api.listMatchRounds(signal));
  const items = rounds.data ?? [];
  return (
    <>
      <div className="page-header page-header--actions">
        <div>
          <h1>Match rounds</h1>
          <p className="muted">Open a round over published opportunities, let students rank them, run the match, and publish the placements.</p>
        </div>
        {canOpen ? (
          <a className="button" href={`${roundsHref}/new`}>
            Open a round
          </a>
        ) : null}
      </div>
      <section className="card" aria-labelledby="rounds-heading" aria-busy={rounds.status === 'loading'}>
        <h2 id="rounds-heading" className="visually-hidden">
          Rounds
        </h2>
        {rounds.status === 'error' && rounds.error ? <ErrorBanner error={rounds.error} onRetry={rounds.reload} /> : null}
        {rounds.status === 'loading' ? <Loading>Loading match rounds…</Loading> : null}
        {rounds.status === 'ready' && items.length === 0 ? <p className="muted">No match rounds yet.</p> : null}
        {items.length > 0 ? (
          <DataTable
            caption="Match rounds, newest first"
            rows={items}
            rowKey={(r) => r.id}
            columns={[
              { header: 'Round', rowHeader: true, cell: (r) => <a href={`${roundsHref}/${r.id}`}>{r.name}</a> },
              { header: 'Status', cell: (r) => <span className={`tag tag--round-${r.status}`}>{roundStatusLabels[r.status]}</span> },
              { header: 'Opportunities', cell: (r) => r.opportunities.length },
              { header: 'Students with choices', cell: (r) => r.studentsWithChoices },
              { header: 'Matched', cell: (r) => (r.statistics ? `${r.statistics.matched} of ${r.statistics.students}` : '—') },
              { header: 'Opened', cell: (r) => formatDateTime(r.createdAt) },
            ]}
          />
        ) : null}
      </section>
    </>
  );
}
