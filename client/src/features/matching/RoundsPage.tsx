import type { CurrentCaller } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { roundOrganizations } from '../../shared/auth/roles';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { formatDateTime } from '../../shared/format';
import { roundStatusLabels } from '../../shared/labels';
import { CreateRoundForm } from './CreateRoundForm';
import { RoundDetail, roundsHref } from './RoundDetail';
import { TableScroll } from '../../shared/components/TableScroll';

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
          <TableScroll>
            <table className="table">
              <caption className="visually-hidden">Match rounds, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Round</th>
                  <th scope="col">Status</th>
                  <th scope="col">Opportunities</th>
                  <th scope="col">Students with choices</th>
                  <th scope="col">Matched</th>
                  <th scope="col">Opened</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <a href={`${roundsHref}/${r.id}`}>{r.name}</a>
                    </th>
                    <td>
                      <span className={`tag tag--round-${r.status}`}>{roundStatusLabels[r.status]}</span>
                    </td>
                    <td>{r.opportunities.length}</td>
                    <td>{r.studentsWithChoices}</td>
                    <td>{r.statistics ? `${r.statistics.matched} of ${r.statistics.students}` : '—'}</td>
                    <td>{formatDateTime(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </section>
    </>
  );
}
