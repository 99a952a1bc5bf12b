import { useState } from 'react';
import type { MatchRound } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { toUiError, type UiError } from '../../shared/api/problems';
import { usePoll } from '../../shared/api/usePoll';
import { useResource } from '../../shared/api/useResource';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { DescriptionList } from '../../shared/components/DescriptionList';
import { useFlash } from '../../shared/components/flash';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { ProgressBar } from '../../shared/components/ProgressBar';
import { formatDateTime, plural } from '../../shared/format';
import { reserveGroupLabels, roundStatusLabels } from '../../shared/labels';
import { RoundPlacements, UnmatchedStudents } from './RoundPlacements';
import { RoundStatistics } from './RoundStatistics';
import { DataTable } from '../../shared/components/DataTable';

export const roundsHref = '#/rounds';
/** How often a running round is asked for its progress. */
export const roundPollMs = 600;

export function isRunning(round: Pick<MatchRound, 'status'>): boolean {
  return round.status === 'queued' || round.status === 'running';
}

interface Props {
  roundId: string;
}

/** One round: its opportunities, run / re-run with progress, results, placements and publishing (as the API allows the caller). */
export function RoundDetail({ roundId }: Props) {
  const api = useApi();
  const round = useResource(`round:${roundId}`, (a, signal) => a.getMatchRound(roundId, signal));
  const [notice, setNotice] = useFlash();
  const [error, setError] = useState<UiError>();
  const [busy, setBusy] = useState<'run' | 'publish'>();
  const [confirming, setConfirming] = useState(false);
  const data = round.data;
  const running = data ? isRunning(data) : false;

  usePoll(running, roundPollMs, async (signal) => {
    const next = await api.getMatchRound(roundId, signal);
    if (signal.aborted) return;
    round.set(next);
    if (next.status === 'matched') setNotice(`Matching finished: ${plural(next.statistics?.matched ?? 0, 'student')} matched. Review the results, then publish.`);
  });

  async function run() {
    setBusy('run');
    setError(undefined);
    setNotice(undefined);
    try {
      round.set(await api.runMatchRound(roundId));
    } catch (caught) {
      setError(toUiError(caught));
    } finally {
      setBusy(undefined);
    }
  }

  async function publish() {
    setConfirming(false);
    setBusy('publish');
    setError(undefined);
    try {
      const published = await api.publishMatchRound(roundId);
      round.set(published);
      setNotice('The round is published: its placements are approved, and the round can no longer change.');
    } catch (caught) {
      setError(toUiError(caught));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <>
      <p>
        <a href={roundsHref}>← All match rounds</a>
      </p>
      <div className="page-header page-header--actions">
        <div>
          <h1>{data?.name ?? 'Match round'}</h1>
          {data ? (
            <p>
              <span className={`tag tag--round-${data.status}`}>{roundStatusLabels[data.status]}</span>
            </p>
          ) : null}
        </div>
        {data && data.allowedActions.includes('run') ? (
          <div className="actions">
            <button type="button" className={data.status === 'matched' ? 'button button--secondary' : 'button'} onClick={run} disabled={busy !== undefined}>
              {busy === 'run' ? 'Starting…' : data.status === 'matched' ? 'Re-run matching' : 'Run matching'}
            </button>
            {data.allowedActions.includes('publish') ? (
              <button type="button" className="button" onClick={() => setConfirming(true)} disabled={busy !== undefined}>
                {busy === 'publish' ? 'Publishing…' : 'Publish results…'}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {data && !data.allowedActions.includes('run') && !data.allowedActions.includes('publish') && data.status !== 'published' ? (
        <p className="banner banner--info">Only the convener, or for a district round the district’s curators, run and publish this round.</p>
      ) : null}
      <Notice>{notice}</Notice>
      {error ? <ErrorBanner error={error} /> : null}
      {round.status === 'error' && round.error ? <ErrorBanner error={round.error} onRetry={round.reload} /> : null}
      {!data && round.status === 'loading' ? <Loading>Loading the round…</Loading> : null}
      {data && running ? (
        <section className="card" aria-labelledby="progress-heading">
          <h2 id="progress-heading">Matching in progress</h2>
          <ProgressBar label="Matching progress" value={data.progress} max={100} text={`${roundStatusLabels[data.status]}: ${data.progress}%`} />
        </section>
      ) : null}
      {data ? <RoundSummary round={data} /> : null}
      {data?.statistics && !running ? <RoundStatistics statistics={data.statistics} /> : null}
      {data && (data.status === 'matched' || data.status === 'published') ? <RoundPlacements round={data} /> : null}
      {data?.status === 'published' ? <UnmatchedStudents round={data} /> : null}
      {data ? <RoundOpportunities round={data} /> : null}
      <ConfirmDialog open={confirming} title="Publish this round?" confirmLabel="Publish" onConfirm={publish} onCancel={() => setConfirming(false)}>
        <p>
          The {plural(data?.statistics?.matched ?? 0, 'proposed placement')} become approved placements, students and employers see them, and the round can
          no longer be re-run or changed.
        </p>
      </ConfirmDialog>
    </>
  );
}

function RoundSummary({ round }: { round: MatchRound }) {
  const facts: [string, string][] = [
    ['Students with choices', round.studentsWithChoices.toLocaleString('en-US')],
    ['Choices per student', `Up to ${round.maxChoices}`],
    ['Lottery seed', round.seed != null ? String(round.seed) : 'Shown when the round is published'],
    ['Reserved seats', round.reserveGroup ? `${round.reservePercent}% for ${reserveGroupLabels[round.reserveGroup].toLowerCase()}` : 'None'],
    ['Runs', String(round.runs)],
    ['Opened', formatDateTime(round.createdAt)],
  ];
  if (round.matchedAt) facts.push(['Last matched', formatDateTime(round.matchedAt)]);
  if (round.publishedAt) facts.push(['Published', formatDateTime(round.publishedAt)]);
  if (round.seedCommitment) facts.push(['Lottery fingerprint (SHA-256, fixed at opening)', round.seedCommitment]);
  return (
    <section className="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">About this round</h2>
      <DescriptionList rows={facts} className="facts" />
    </section>
  );
}

function RoundOpportunities({ round }: { round: MatchRound }) {
  return (
    <section className="card" aria-labelledby="round-opps-heading">
      <h2 id="round-opps-heading">Opportunities ({round.opportunities.length})</h2>
      <DataTable
        caption="Opportunities in this round"
        columns={[
          { header: 'Opportunity', rowHeader: true, cell: (o) => o.title },
          { header: 'Employer', cell: (o) => o.employerName },
          { header: 'Seats', cell: (o) => o.seats },
          { header: 'Applicants', cell: (o) => o.applicants },
        ]}
        rows={round.opportunities}
        rowKey={(o) => o.opportunityId}
      />
    </section>
  );
}
