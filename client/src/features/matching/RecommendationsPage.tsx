import type { RecommendedOpportunity } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { OpportunityFacts } from '../../shared/opportunities/OpportunitySummary';
import { ReasonList } from '../../shared/opportunities/ReasonList';

/** Published opportunities the student may take, best first, each with its score and the reasons for it. */
export function RecommendationsPage({ studentId }: { studentId: string }) {
  const recommendations = useResource(`recommendations:${studentId}`, (api, signal) => api.getRecommendations(studentId, 20, signal));
  const items = recommendations.data ?? [];
  return (
    <>
      <div className="page-header">
        <h1>Recommended for me</h1>
        <p className="muted">
          Opportunities you can take, best fit first. Each shows what makes it a good fit and what counts against it. Change your interests and
          availability in <a href="#/profile">My profile</a> to change these.
        </p>
      </div>
      {recommendations.status === 'error' && recommendations.error ? <ErrorBanner error={recommendations.error} onRetry={recommendations.reload} /> : null}
      {recommendations.status === 'loading' && !recommendations.data ? <Loading>Finding opportunities for you…</Loading> : null}
      {recommendations.status === 'ready' && items.length === 0 ? (
        <p className="card muted">Nothing to recommend right now. Add career interests and the times you are free in My profile, then look again.</p>
      ) : null}
      <ol className="cards" aria-label="Recommended opportunities">
        {items.map((item, index) => (
          <RecommendationCard key={item.opportunity.id} item={item} rank={index + 1} />
        ))}
      </ol>
    </>
  );
}

function RecommendationCard({ item, rank }: { item: RecommendedOpportunity; rank: number }) {
  const headingId = `recommendation-${item.opportunity.id}`;
  return (
    <li className="card opportunity-card">
      <div className="card__header">
        <h2 id={headingId}>
          <span className="visually-hidden">{rank}. </span>
          <a href={`#/recommended/${item.opportunity.id}`}>{item.opportunity.fields.title}</a>
        </h2>
        <p className="score">
          Score <strong>{item.score.toFixed(1)}</strong>
        </p>
      </div>
      <OpportunityFacts opportunity={item.opportunity} seatsLeft={item.seatsLeft} />
      <p className="opportunity-card__description">{item.opportunity.fields.description}</p>
      <ReasonList reasons={item.reasons} />
    </li>
  );
}
