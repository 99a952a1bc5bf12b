import type { ChoiceResult, MatchRound, StudentRoundResult } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { formatDateTime, plural } from '../../shared/format';
import { reserveGroupLabels, roundStatusLabels } from '../../shared/labels';
import { useApi } from '../../shared/api/ApiContext';
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
      {round.data && choices.data?.result ? (
        <>
          <RoundResult result={choices.data.result} round={round.data} />
          <ChoiceReasons result={choices.data.result} round={round.data} />
          <CheckRound round={round.data} />
        </>
      ) : null}
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

/** Why each choice above the student's result was not theirs, in words, with their lottery number. */
function ChoiceReasons({ result, round }: { result: StudentRoundResult; round: MatchRound }) {
  const missed = result.choices.filter((c) => c.outcome !== 'matched');
  if (result.lotteryNumber == null || missed.length === 0) return null;
  const title = (id: string) => round.opportunities.find((o) => o.opportunityId === id)?.title ?? 'An opportunity';
  return (
    <section className="card" aria-labelledby="choice-reasons-heading">
      <h2 id="choice-reasons-heading">{result.matched ? 'Why not a choice you ranked higher' : 'Why not your choices'}</h2>
      <p>
        Your lottery number was <strong>{result.lotteryNumber.toLocaleString('en-US')}</strong> of {(result.students ?? 0).toLocaleString('en-US')}. A lower number
        wins when an employer treats applicants alike.
      </p>
      <ol className="reasons">
        {missed.map((choice) => (
          <li key={choice.opportunityId}>
            <strong>{title(choice.opportunityId)}</strong>: {choiceReason(choice, result.lotteryNumber!)}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function choiceReason(choice: ChoiceResult, lotteryNumber: number): string {
  switch (choice.outcome) {
    case 'filledByLottery':
      return `filled by students with better lottery numbers: the last student admitted there had number ${(choice.lastAdmittedLotteryNumber ?? 0).toLocaleString('en-US')}; yours is ${lotteryNumber.toLocaleString('en-US')}.`;
    case 'rankedHigher':
      return 'the employer ranked the students it took above you.';
    case 'reservedSeats':
      return `you would have had a seat, but it was reserved for ${choice.reserveGroup ? reserveGroupLabels[choice.reserveGroup].toLowerCase() : 'a group of'} students, as the round reserves some seats for them.`;
    case 'notAcceptable':
      return 'the employer marked your application as not acceptable for this opportunity.';
    case 'noSeats':
      return 'it had no seats left in this round.';
    default:
      return 'this is your match.';
  }
}

/** How anyone can check the round: the commitment made when it opened, the seed published with the results, the input. */
function CheckRound({ round }: { round: MatchRound }) {
  const api = useApi();
  if (round.seed == null || !round.seedCommitment) return null;
  const download = async () => {
    const published = await api.getPublishedRound(round.id);
    const url = URL.createObjectURL(new Blob([JSON.stringify(published, null, 1)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `round-${round.id}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <details className="card">
      <summary>Check this round yourself</summary>
      <p>
        When the round opened, before anyone chose, LaunchPath published a fingerprint of its lottery. Anyone can check that the lottery used is the one
        promised, and re-run the match on the round’s published input (no student’s name is in it) to get the same results.
      </p>
      <dl className="facts">
        <dt>Fingerprint published at opening (SHA-256)</dt>
        <dd><code>{round.seedCommitment}</code></dd>
        <dt>Lottery seed</dt>
        <dd><code>{round.seed}</code></dd>
        <dt>Salt</dt>
        <dd><code>{round.seedSalt}</code></dd>
      </dl>
      <p className="muted">
        The fingerprint is the SHA-256 of <code>launchpath-round:{round.id}:{round.seed}:{round.seedSalt}</code>.
      </p>
      <button type="button" className="button button--secondary" onClick={() => void download()}>
        Download the round’s input and results
      </button>
    </details>
  );
}
