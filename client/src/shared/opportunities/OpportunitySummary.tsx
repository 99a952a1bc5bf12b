import type { Opportunity } from '@launchpath/contracts';
import { careerClusterLabels } from '../organizationLabels';
import { describePay, describePlace, formatDateRange, plural } from '../format';
import { opportunityTypeLabels, stageLabels } from '../labels';

/** The facts a reader scans first: kind, stage, cluster, employer, place, dates, pay, seats. */
export function OpportunityFacts({ opportunity, seatsLeft }: { opportunity: Opportunity; seatsLeft?: number }) {
  const f = opportunity.fields;
  return (
    <dl className="facts">
      <div>
        <dt>Employer</dt>
        <dd>{opportunity.employerName}</dd>
      </div>
      <div>
        <dt>Kind</dt>
        <dd>
          {opportunityTypeLabels[f.type]} · {stageLabels[f.stage]}
        </dd>
      </div>
      <div>
        <dt>Career cluster</dt>
        <dd>{careerClusterLabels[f.careerCluster]}</dd>
      </div>
      <div>
        <dt>Where</dt>
        <dd>{describePlace(f)}</dd>
      </div>
      <div>
        <dt>When</dt>
        <dd>{formatDateRange(f.startDate, f.endDate)}</dd>
      </div>
      <div>
        <dt>Pay</dt>
        <dd>{describePay(f)}</dd>
      </div>
      <div>
        <dt>Seats</dt>
        <dd>{seatsLeft === undefined ? plural(f.seats, 'seat') : `${seatsLeft} of ${f.seats} left`}</dd>
      </div>
      {f.creditOffered ? (
        <div>
          <dt>Credit</dt>
          <dd>{f.creditDescription || 'School credit offered'}</dd>
        </div>
      ) : null}
    </dl>
  );
}
