import { useState, type ReactNode } from 'react';
import type { RoundApplicant } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Notice } from '../../shared/components/Notice';
import { RankedList } from '../../shared/components/RankedList';
import { ordinal } from '../../shared/components/ranking';
import { careerClusterLabels, isCareerCluster } from '../../shared/organizationLabels';
import { isAnonymous, moveApplicant, sortApplicants, toRankingRequest, type ApplicantSort } from './applicants';

interface Props {
  roundId: string;
  opportunityId: string;
  applicants: RoundApplicant[];
  /** False once the round is published (or running): the ranking is shown but not changed. */
  editable: boolean;
  onSaved: (applicants: RoundApplicant[]) => void;
}

/** The employer orders the applicants it prefers and marks those it will not take; unranked ones follow by lottery. */
export function ApplicantRanking({ roundId, opportunityId, applicants, editable, onSaved }: Props) {
  const api = useApi();
  const byId = new Map(applicants.map((a) => [a.applicantId, a]));
  const [sort, setSort] = useState<ApplicantSort>(() => sortApplicants(applicants));
  const { busy: saving, error, run } = useAction();
  const [notice, setNotice] = useState<string>();
  const nameOf = (id: string) => byId.get(id)?.displayName ?? 'Applicant';
  const change = (next: ApplicantSort) => {
    setSort(next);
    setNotice(undefined);
  };

  async function save() {
    await run(async () => {
      const result = await api.rankApplicants(roundId, opportunityId, toRankingRequest(sort));
      setNotice(`Ranking saved: ${sort.ranked.length} ranked, ${sort.unacceptable.length} not acceptable.`);
      onSaved(result);
    });
  }

  const button = (label: string, id: string, to: keyof ApplicantSort, danger = false) => (
    <button
      type="button"
      className={danger ? 'button button--danger-outline button--small' : 'button button--secondary button--small'}
      aria-label={`${label}: ${nameOf(id)}`}
      onClick={() => change(moveApplicant(sort, id, to))}
    >
      {label}
    </button>
  );

  return (
    <>
      {error ? <ErrorBanner error={error} /> : null}
      <Notice>{notice}</Notice>
      <section className="card" aria-labelledby="ranked-heading">
        <h2 id="ranked-heading">Your ranking</h2>
        <p className="muted">Best first. Students you do not rank follow in a fair lottery; students marked not acceptable are never placed here.</p>
        {sort.ranked.length === 0 ? <p className="muted">No one ranked yet. Use “Rank” below.</p> : null}
        {editable ? (
          <RankedList
            label="Your ranking, best first"
            items={sort.ranked}
            keyOf={(id) => id}
            nameOf={nameOf}
            onChange={(ranked) => change({ ...sort, ranked })}
            render={(id) => <ApplicantText applicant={byId.get(id)} />}
            actions={(id) => (
              <>
                {button('Unrank', id, 'unranked')}
                {button('Not acceptable', id, 'unacceptable', true)}
              </>
            )}
          />
        ) : (
          <ol className="ranked" aria-label="Your ranking, best first">
            {sort.ranked.map((id) => (
              <li key={id} className="ranked__item">
                <div className="ranked__body">
                  <ApplicantText applicant={byId.get(id)} />
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="unranked-heading">
        <h2 id="unranked-heading">Not ranked yet ({sort.unranked.length})</h2>
        <ApplicantRows ids={sort.unranked} byId={byId} actions={editable ? (id) => <>{button('Rank', id, 'ranked')}{button('Not acceptable', id, 'unacceptable', true)}</> : undefined} />
      </section>

      <section className="card" aria-labelledby="unacceptable-heading">
        <h2 id="unacceptable-heading">Not acceptable ({sort.unacceptable.length})</h2>
        <ApplicantRows ids={sort.unacceptable} byId={byId} actions={editable ? (id) => button('Restore', id, 'unranked') : undefined} />
      </section>

      {editable ? (
        <div className="form__actions">
          <button type="button" className="button" onClick={save} disabled={saving}>
            {saving ? 'Saving…' : 'Save ranking'}
          </button>
        </div>
      ) : null}
    </>
  );
}

function ApplicantRows({ ids, byId, actions }: { ids: string[]; byId: Map<string, RoundApplicant>; actions?: (id: string) => ReactNode }) {
  if (ids.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="result-list">
      {ids.map((id) => (
        <li key={id} className="result result--row">
          <div>
            <ApplicantText applicant={byId.get(id)} />
          </div>
          {actions ? <div className="ranked__actions">{actions(id)}</div> : null}
        </li>
      ))}
    </ul>
  );
}

function ApplicantText({ applicant }: { applicant: RoundApplicant | undefined }) {
  if (!applicant) return null;
  const interests = applicant.interests.map((i) => (isCareerCluster(i) ? careerClusterLabels[i] : i));
  return (
    <div className="applicant">
      <strong>{applicant.displayName}</strong>{' '}
      {isAnonymous(applicant) ? (
        <span className="tag tag--muted">Profile not shared</span>
      ) : !applicant.profileShared ? (
        <span className="tag tag--muted">Not shared with employers</span>
      ) : null}
      <p className="muted">
        {applicant.grade !== null && applicant.grade !== undefined ? `Grade ${applicant.grade} · ` : ''}
        {applicant.schoolName ? `${applicant.schoolName} · ` : ''}this opportunity is their {ordinal(applicant.choiceRank)} choice
      </p>
      {isAnonymous(applicant) ? (
        <p className="muted">The student has not agreed to share their name and profile with employers.</p>
      ) : (
        <>
          {interests.length ? <p>Interests: {interests.join(', ')}</p> : null}
          {applicant.skills.length ? <p>Skills: {applicant.skills.join(', ')}</p> : null}
        </>
      )}
    </div>
  );
}
