import type { MatchRound, StudentRoundResult } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { formatDateTime, plural } from '../../shared/format';
import { roundStatusLabels } from '../../shared/labels';
import { ChoicesEditor, takesChoices } from './ChoicesEditor';

/** The match rounds a student can rank choices in; with a round id, that round's choices. */
export function StudentRoundsPage({ studentId, roundId }: { studentId: string; roundId?: string }) {
  return roundId ? <StudentRound studentId={studentId} roundId={roundId} /> : <RoundList />;
}

function RoundList() {
  const rounds = useResource('rounds', (api, signal) => api.listMatchRounds(signal));
  const items = [...(rounds.data ?? [])].sort((a, b) => Number(takesChoices(b)) - Number(takesChoices(a)));
  return (
    <>
      <div className="page-header">
        <h1>Match rounds</h1>
        <p className="muted">In an open round, rank the opportunities you want most. LaunchPath then matches students to seats fairly.</p>
      </div>
      {rounds.status === 'error' && rounds.error ? <ErrorBanner error={rounds.error} onRetry={rounds.reload} /> : null}
      {rounds.status === 'loading' ? <Loading>Loading match rounds…</Loading> : null}
      {rounds.status === 'ready' && items.length === 0 ? <p className="card muted">There are no match rounds for you yet.</p> : null}
      <ul className="cards" aria-label="Match rounds">
        {items.map((round) => (
          <RoundCard key={round.id} round={round} />
        ))}
      </ul>
    </>
  );
}

function RoundCard({ round }: { round: MatchRound }) {
  return (
    <li className="card">
      <div className="card__header">
        <h2>{round.name}</h2>
        <span className={`tag tag--round-${round.status}`}>{roundStatusLabels[round.status]}</span>
      </div>
      <p>
        Rank up to {round.maxChoices} of {plural(round.opportunities.length, 'opportunity', 'opportunities')}. Opened {formatDateTime(round.createdAt)}.
      </p>
      <a className="button button--secondary" href={`#/my-rounds/${round.id}`}>
        {takesChoices(round) ? 'Rank my choices' : 'See my choices'}
        <span className="visually-hidden"> in {round.name}</span>
      </a>
    </li>
  );
}

function StudentRound({ studentId, roundId }: { studentId: string; roundId: string }) {
  const round = useResource(`round:${roundId}`, (api, signal) => api.getMatchRound(roundId, signal));
  const choices = useResource(`choices:${roundId}:${studentId}`, (api, signal) => api.getChoices(roundId, studentId, signal));
  // Only a hint beside each opportunity: a failure here leaves the page as it is.
  const recommendations = useResource(`recommendations:${studentId}:100`, (api, signal) => api.getRecommendations(studentId, 100, signal));
  const scores = new Map((recommendations.data ?? []).map((r) => [r.opportunity.id, r.score]));
  const error = round.error ?? choices.error;

  return (
    <>
      <p>
        <a href="#/my-rounds">← All match rounds</a>
      </p>
      <div className="page-header">
        <h1>{round.data ? round.data.name : 'Match round'}</h1>
        {round.data ? (
          <p className="muted">
            {roundStatusLabels[round.data.status]} · rank up to {round.data.maxChoices} choices
          </p>
        ) : null}
      </div>
      {error ? (
        <ErrorBanner
          error={error}
          onRetry={() => {
            round.reload();
            choices.reload();
          }}
        />
      ) : null}
      {round.status === 'loading' || choices.status === 'loading' ? <Loading>Loading the round…</Loading> : null}
      {round.data && choices.data?.result ? <RoundResult result={choices.data.result} round={round.data} /> : null}
      {round.data && choices.data ? (
        <ChoicesEditor
          round={round.data}
          studentId={studentId}
          saved={choices.data.opportunityIds}
          scores={scores}
          unavailable={new Map((choices.data.unavailable ?? []).map((u) => [u.opportunityId, u.reason]))}
          onSaved={(opportunityIds) => choices.set({ ...choices.data!, opportunityIds })}
        />
      ) : null}
    </>
  );
}

/** A published round's result for the student: where they were matched, or what to do next. */
function RoundResult({ result, round }: { result: StudentRoundResult; round: MatchRound }) {
  const title = round.opportunities.find((o) => o.opportunityId === result.opportunityId)?.title;
  return (
    <section className="card" aria-labelledby="round-result-heading">
      <h2 id="round-result-heading">Your result</h2>
      {result.matched ? (
        <p className="banner banner--success">
          You were matched to <strong>{title ?? 'an opportunity'}</strong>. <a href={`#/placements/${result.placementId}`}>See your placement</a>: the training
          agreement comes next.
        </p>
      ) : (
        <>
          <p className="banner banner--warning">This round did not match you to any of your choices.</p>
          <p>What you can do now:</p>
          <ul>
            <li>
              <a href="#/search">Search opportunities</a> and apply to one that still has seats: each shows the seats left and whether you can apply.
            </li>
            <li>
              <a href="#/recommended">See what is recommended for you</a> now.
            </li>
            <li>Your school’s work-based learning coordinator can help you find another opportunity.</li>
          </ul>
        </>
      )}
    </section>
  );
}
