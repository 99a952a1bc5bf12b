import { useTranslation } from 'react-i18next';
import type { Opportunity } from '@launchpath/contracts';
import { careerClusterLabels } from '../organizationLabels';
import { describePay, describePlace, formatDateRange } from '../format';
import { formatNumber } from '../i18n/i18n';
import { opportunityTypeLabels, stageLabels } from '../labels';

/** The facts a reader scans first: kind, stage, cluster, employer, place, dates, pay, seats. */
export function OpportunityFacts({ opportunity, seatsLeft }: { opportunity: Opportunity; seatsLeft?: number }) {
  const { t } = useTranslation();
  const f = opportunity.fields;
  return (
    <dl className="facts">
      <div>
        <dt>{t('opportunity.employer')}</dt>
        <dd>{opportunity.employerName}</dd>
      </div>
      <div>
        <dt>{t('opportunity.kind')}</dt>
        <dd>
          {opportunityTypeLabels[f.type]} · {stageLabels[f.stage]}
        </dd>
      </div>
      <div>
        <dt>{t('opportunity.cluster')}</dt>
        <dd>{careerClusterLabels[f.careerCluster]}</dd>
      </div>
      <div>
        <dt>{t('opportunity.where')}</dt>
        <dd>{describePlace(f)}</dd>
      </div>
      <div>
        <dt>{t('opportunity.when')}</dt>
        <dd>{formatDateRange(f.startDate, f.endDate)}</dd>
      </div>
      <div>
        <dt>{t('opportunity.pay')}</dt>
        <dd>{describePay(f)}</dd>
      </div>
      <div>
        <dt>{t('opportunity.seats')}</dt>
        <dd>{seatsLeft === undefined ? t('opportunity.seatCount', { count: f.seats }) : t('opportunity.seatsOfLeft', { left: formatNumber(seatsLeft), count: f.seats })}</dd>
      </div>
      {f.creditOffered ? (
        <div>
          <dt>{t('opportunity.credit')}</dt>
          <dd>{f.creditDescription || t('opportunity.creditOffered')}</dd>
        </div>
      ) : null}
    </dl>
  );
}
