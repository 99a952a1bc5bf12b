import type { OpportunityStatus } from '@launchpath/contracts';
import { opportunityStatusLabels } from '../labels';

export function StatusTag({ status }: { status: OpportunityStatus }) {
  return <span className={`tag tag--status-${status}`}>{opportunityStatusLabels[status]}</span>;
}
