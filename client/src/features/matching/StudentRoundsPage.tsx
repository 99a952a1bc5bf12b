import i18next from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/i18n/i18n';
import type { ChoiceResult, MatchRound, StudentRoundResult } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { formatDateTime } from '../../shared/format';
import { reserveGroupLabels, roundStatusLabels } from '../../shared/labels';
import { useApi } from '../../shared/api/ApiContext';
import { ChoicesEditor, takesChoices } from './ChoicesEditor';
import { reasonText } from '../../shared/opportunities/reasons';

/** The match rounds a student can rank choices in; with a round id, that round's choices. */
export function StudentRoundsPage({ studentId, roundId }: { studentId: string; roundId?: string }) {
  return roundId ? <StudentRound studentId={studentId} roundId={roundId} /> : <RoundList />;
}

function RoundList() {
  const { t } = useTranslation();
  const rounds = useResource('rounds', (api, signal) => api.listMatchRounds(signal));
  const items = [...(rounds.data ?? [])].sort((a, b) => Number(takesChoices(b)) - Number(takesChoices(a)));
  return (
    <>
      <div className="page-header">
        <h1>{t('nav.myRounds')}</h1>
        <p className="muted">{t('student.rounds.intro')}</p>
      </div>
      {rounds.status === 'error' && rounds.error ? <ErrorBanner error={rounds.error} onRetry={rounds.reload} /> : null}
      {rounds.status === 'loading' ? <Loading>{t('student.rounds.loading')}</Loading> : null}
      {rounds.status === 'ready' && items.length === 0 ? <p className="card muted">{t('student.rounds.none')}</p> : null}
      <ul className="cards" aria-label={t('nav.myRounds')}>
        {items.map((round) => (
          <RoundCard key={round.id} round={round} />
        ))}
      </ul>
    </>
  );
}

function RoundCard({ round }: { round: MatchRound }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <div className="card__header">
        <h2>{round.name}</h2>
        <span className={`tag tag--round-${round.status}`}>{roundStatusLabels[round.status]}</span>
      </div>
      <p>
        {t('student.rounds.card', { count: round.maxChoices, opportunities: t('student.choices.count', { count: round.opportunities.length }), opened: formatDateTime(round.createdAt) })}
      </p>
      <a className="button button--secondary" href={`#/my-rounds/${round.id}`}>
        {takesChoices(round) ? t('student.rounds.rank') : t('student.rounds.see')}
        <span className="visually-hidden"> {t('student.rounds.inRound', { round: round.name })}</span>
      </a>
    </li>
  );
}

function StudentRound({ studentId, roundId }: { studentId: string; roundId: string }) {
  const { t } = useTranslation();
  const round = useResource(`round:${roundId}`, (api, signal) => api.getMatchRound(roundId, signal));
  const choices = useResource(`choices:${roundId}:${studentId}`, (api, signal) => api.getChoices(roundId, studentId, signal));
  // Only a hint beside each opportunity: a failure here leaves the page as it is.
  const recommendations = useResource(`recommendations:${studentId}:100`, (api, signal) => api.getRecommendations(studentId, 100, signal));
  const scores = new Map((recommendations.data ?? []).map((r) => [r.opportunity.id, r.score]));
  const error = round.error ?? choices.error;

  return (
    <>
      <p>
        <a href="#/my-rounds">← {t('student.rounds.all')}</a>
      </p>
      <div className="page-header">
        <h1>{round.data ? round.data.name : t('student.rounds.round')}</h1>
        {round.data ? (
          <p className="muted">
            {roundStatusLabels[round.data.status]} · {t('student.rounds.upTo', { count: round.data.maxChoices })}
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
      {round.status === 'loading' || choices.status === 'loading' ? <Loading>{t('student.rounds.loadingOne')}</Loading> : null}
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
          unavailable={new Map((choices.data.unavailable ?? []).map((u) => [u.opportunityId, u.why ? reasonText(u.why) : u.reason]))}
          onSaved={(opportunityIds) => choices.set({ ...choices.data!, opportunityIds })}
        />
      ) : null}
    </>
  );
}

/** A published round's result for the student: where they were matched, or what to do next. */
function RoundResult({ result, round }: { result: StudentRoundResult; round: MatchRound }) {
  const { t } = useTranslation();
  const title = round.opportunities.find((o) => o.opportunityId === result.opportunityId)?.title;
  return (
    <section className="card" aria-labelledby="round-result-heading">
      <h2 id="round-result-heading">{t('student.result.title')}</h2>
      {result.matched ? (
        <p className="banner banner--success">
          <Trans
            i18nKey="student.result.matched"
            values={{ title: title ?? t('student.result.anOpportunity') }}
            components={{ strong: <strong />, placement: <a href={`#/placements/${result.placementId}`} /> }}
          />
        </p>
      ) : (
        <>
          <p className="banner banner--warning">{t('student.result.unmatched')}</p>
          <p>{t('student.result.now')}</p>
          <ul>
            <li>
              <Trans i18nKey="student.result.search" components={{ search: <a href="#/search" /> }} />
            </li>
            <li>
              <Trans i18nKey="student.result.recommended" components={{ recommended: <a href="#/recommended" /> }} />
            </li>
            <li>{t('student.result.coordinator')}</li>
          </ul>
        </>
      )}
    </section>
  );
}

/** Why each choice above the student's result was not theirs, in words, with their lottery number. */
function ChoiceReasons({ result, round }: { result: StudentRoundResult; round: MatchRound }) {
  const { t } = useTranslation();
  const missed = result.choices.filter((c) => c.outcome !== 'matched');
  if (result.lotteryNumber == null || missed.length === 0) return null;
  const title = (id: string) => round.opportunities.find((o) => o.opportunityId === id)?.title ?? t('student.result.anOpportunity');
  return (
    <section className="card" aria-labelledby="choice-reasons-heading">
      <h2 id="choice-reasons-heading">{t(result.matched ? 'student.result.whyNotHigher' : 'student.result.whyNot')}</h2>
      <p>
        <Trans
          i18nKey="student.result.lottery"
          values={{ number: formatNumber(result.lotteryNumber), students: formatNumber(result.students ?? 0) }}
          components={{ strong: <strong /> }}
        />
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

/** Why a choice was not the student's, in words (the API gives the rule and the numbers). */
export function choiceReason(choice: ChoiceResult, lotteryNumber: number): string {
  return i18next.t(`student.reasons.${choice.outcome}`, {
    last: formatNumber(choice.lastAdmittedLotteryNumber ?? 0),
    mine: formatNumber(lotteryNumber),
    group: choice.reserveGroup ? reserveGroupLabels[choice.reserveGroup].toLowerCase() : '',
  });
}

/** How anyone can check the round: the commitment made when it opened, the seed published with the results, the input. */
function CheckRound({ round }: { round: MatchRound }) {
  const { t } = useTranslation();
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
      <summary>{t('student.check.title')}</summary>
      <p>{t('student.check.intro')}</p>
      <dl className="facts">
        <dt>{t('student.check.fingerprint')}</dt>
        <dd><code>{round.seedCommitment}</code></dd>
        <dt>{t('student.check.seed')}</dt>
        <dd><code>{round.seed}</code></dd>
        <dt>{t('student.check.salt')}</dt>
        <dd><code>{round.seedSalt}</code></dd>
      </dl>
      <p className="muted">
        <Trans i18nKey="student.check.how" values={{ text: `launchpath-round:${round.id}:${round.seed}:${round.seedSalt}` }} components={{ code: <code /> }} />
      </p>
      <button type="button" className="button button--secondary" onClick={() => void download()}>
        {t('student.check.download')}
      </button>
    </details>
  );
}
