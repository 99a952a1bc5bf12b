import { Trans, useTranslation } from 'react-i18next';
import type { RecommendedOpportunity } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { OpportunityFacts } from '../../shared/opportunities/OpportunitySummary';
import { ReasonList } from '../../shared/opportunities/ReasonList';
import { locale } from '../../shared/i18n/i18n';

/** Published opportunities the student may take, best first, each with its score and the reasons for it. */
export function RecommendationsPage({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const recommendations = useResource(`recommendations:${studentId}`, (api, signal) => api.getRecommendations(studentId, 20, signal));
  const items = recommendations.data ?? [];
  return (
    <>
      <div className="page-header">
        <h1>{t('nav.recommended')}</h1>
        <p className="muted">
          <Trans i18nKey="student.recommended.intro" components={{ profile: <a href="#/profile" /> }} />
        </p>
      </div>
      {recommendations.status === 'error' && recommendations.error ? <ErrorBanner error={recommendations.error} onRetry={recommendations.reload} /> : null}
      {recommendations.status === 'loading' && !recommendations.data ? <Loading>{t('student.recommended.loading')}</Loading> : null}
      {recommendations.status === 'ready' && items.length === 0 ? (
        <p className="card muted">{t('student.recommended.none')}</p>
      ) : null}
      <ol className="cards" aria-label={t('student.recommended.list')}>
        {items.map((item, index) => (
          <RecommendationCard key={item.opportunity.id} item={item} rank={index + 1} />
        ))}
      </ol>
    </>
  );
}

function RecommendationCard({ item, rank }: { item: RecommendedOpportunity; rank: number }) {
  const { t } = useTranslation();
  const headingId = `recommendation-${item.opportunity.id}`;
  return (
    <li className="card opportunity-card">
      <div className="card__header">
        <h2 id={headingId}>
          <span className="visually-hidden">{rank}. </span>
          <a href={`#/recommended/${item.opportunity.id}`}>{item.opportunity.fields.title}</a>
        </h2>
        <p className="score">
          {t('student.recommended.score')} <strong>{item.score.toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</strong>
        </p>
      </div>
      <OpportunityFacts opportunity={item.opportunity} seatsLeft={item.seatsLeft} />
      <p className="opportunity-card__description">{item.opportunity.fields.description}</p>
      <ReasonList reasons={item.reasons} />
    </li>
  );
}
