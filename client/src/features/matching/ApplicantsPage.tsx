import type { MatchRound, MembershipInfo, Opportunity } from '@launchpath/contracts';
import type { Api } from '../../shared/api/client';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { plural } from '../../shared/format';
import { roundStatusLabels } from '../../shared/labels';
import { searchOpportunities } from '../../shared/opportunities/search';
import { ApplicantRanking } from './ApplicantRanking';
import { DataTable } from '../../shared/components/DataTable';

export const applicantsHref = '#/applicants';

/** Most of an employer's opportunities looked at to find its rounds. */
const maxOpportunities = 1000;

/** Ids of every opportunity of these employers (all statuses), paging through the search. */
export async function employerOpportunityIds(api: Api, employerIds: readonly string[], signal?: AbortSignal): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const employerId of employerIds) {
    let cursor: string | undefined;
    do {
      const page = await searchOpportunities(api, { employerId }, { limit: 200, cursor, signal });
      page.items.forEach((o: Opportunity) => ids.add(o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && ids.size < maxOpportunities);
  }
  return ids;
}

interface RoundsWithOurs {
  rounds: { round: MatchRound; ours: MatchRound['opportunities'] }[];
}

/** The match rounds that include the employer's opportunities; with a round and opportunity, its applicants. */
export function ApplicantsPage({ employers, path }: { employers: readonly MembershipInfo[]; path: readonly string[] }) {
  const [roundId, opportunityId] = path;
  return roundId && opportunityId ? <Applicants roundId={roundId} opportunityId={opportunityId} /> : <Rounds employers={employers} />;
}

function Rounds({ employers }: { employers: readonly MembershipInfo[] }) {
  const key = employers.map((m) => m.organizationId).join();
  const data = useResource<RoundsWithOurs>(`applicant-rounds:${key}`, async (api, signal) => {
    const [rounds, ours] = await Promise.all([api.listMatchRounds(signal), employerOpportunityIds(api, employers.map((m) => m.organizationId), signal)]);
    return {
      rounds: rounds
        .map((round) => ({ round, ours: round.opportunities.filter((o) => ours.has(o.opportunityId)) }))
        .filter((r) => r.ours.length > 0),
    };
  });
  const rounds = data.data?.rounds ?? [];

  return (
    <>
      <div className="page-header">
        <h1>Applicants</h1>
        <p className="muted">Students who ranked your opportunities in a match round. Rank the ones you prefer, or mark those you cannot take.</p>
      </div>
      {data.status === 'error' && data.error ? <ErrorBanner error={data.error} onRetry={data.reload} /> : null}
      {data.status === 'loading' ? <Loading>Loading match rounds…</Loading> : null}
      {data.status === 'ready' && rounds.length === 0 ? <p className="card muted">None of your opportunities is in a match round yet.</p> : null}
      <ul className="cards" aria-label="Match rounds with your opportunities">
        {rounds.map(({ round, ours }) => (
          <li key={round.id} className="card">
            <div className="card__header">
              <h2>{round.name}</h2>
              <span className={`tag tag--round-${round.status}`}>{roundStatusLabels[round.status]}</span>
            </div>
            <DataTable
              caption={<>Your opportunities in {round.name}</>}
              columns={[
                { header: 'Opportunity', rowHeader: true, cell: (o) => o.title },
                { header: 'Seats', cell: (o) => o.seats },
                { header: 'Applicants', cell: (o) => o.applicants },
                { header: <span className="visually-hidden">Action</span>, cell: (o) => (
                  <>
                    {o.applicants > 0 ? (
                      <a href={`${applicantsHref}/${round.id}/${o.opportunityId}`}>
                        Review {plural(o.applicants, 'applicant')}
                        <span className="visually-hidden"> for {o.title}</span>
                      </a>
                    ) : (
                      <span className="muted">No applicants yet</span>
                    )}
                  </>
                ) },
              ]}
              rows={ours}
              rowKey={(o) => o.opportunityId}
            />
          </li>
        ))}
      </ul>
    </>
  );
}

function Applicants({ roundId, opportunityId }: { roundId: string; opportunityId: string }) {
  const round = useResource(`round:${roundId}`, (api, signal) => api.getMatchRound(roundId, signal));
  const applicants = useResource(`applicants:${roundId}:${opportunityId}`, (api, signal) => api.listRoundApplicants(roundId, opportunityId, signal));
  const opportunity = round.data?.opportunities.find((o) => o.opportunityId === opportunityId);
  const editable = round.data?.allowedActions.includes('rankApplicants') ?? false;
  const error = round.error ?? applicants.error;

  return (
    <>
      <p>
        <a href={applicantsHref}>← All match rounds</a>
      </p>
      <div className="page-header">
        <h1>Applicants{opportunity ? `: ${opportunity.title}` : ''}</h1>
        {round.data ? (
          <p className="muted">
            {round.data.name} · {roundStatusLabels[round.data.status]}
            {opportunity ? ` · ${plural(opportunity.seats, 'seat')}` : ''}
          </p>
        ) : null}
      </div>
      {error ? (
        <ErrorBanner
          error={error}
          onRetry={() => {
            round.reload();
            applicants.reload();
          }}
        />
      ) : null}
      {applicants.status === 'loading' && !applicants.data ? <Loading>Loading applicants…</Loading> : null}
      {round.data && applicants.data ? (
        applicants.data.length === 0 ? (
          <p className="card muted">No student has ranked this opportunity yet.</p>
        ) : (
          <ApplicantRanking
            roundId={roundId}
            opportunityId={opportunityId}
            applicants={applicants.data}
            editable={editable}
            onSaved={applicants.set}
          />
        )
      ) : null}
    </>
  );
}
