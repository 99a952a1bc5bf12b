import type { CareerCluster, ContinuumStage, OpportunityPage, OpportunityStatus, OpportunityType } from '@launchpath/contracts';
import type { Api } from '../api/client';

/** The search form's filters as the form holds them: '' is "any". */
export interface SearchFilters {
  q: string;
  status: OpportunityStatus | '';
  cluster: CareerCluster | '';
  type: OpportunityType | '';
  stage: ContinuumStage | '';
  /** 'true': paid or stipend; 'false': unpaid. */
  paid: '' | 'true' | 'false';
  /** 'true': fully virtual; 'false': in person or hybrid. */
  virtual: '' | 'true' | 'false';
  from: string;
  to: string;
  employerId: string;
}

export const emptyFilters: SearchFilters = { q: '', status: '', cluster: '', type: '', stage: '', paid: '', virtual: '', from: '', to: '', employerId: '' };

const blank = <T extends string>(value: T | ''): T | undefined => (value === '' ? undefined : value);
const flag = (value: '' | 'true' | 'false'): boolean | undefined => (value === '' ? undefined : value === 'true');

/** GET /api/v1/opportunities with the filters that are set (the generated method takes them positionally). */
export function searchOpportunities(
  api: Api,
  filters: Partial<SearchFilters> & { /** Only what this student may apply to (the API's rule). */ eligibleFor?: string },
  page: { limit?: number; cursor?: string; signal?: AbortSignal } = {},
): Promise<OpportunityPage> {
  const f = { ...emptyFilters, ...filters };
  return api.searchOpportunities(
    blank(f.status),
    blank(f.cluster),
    blank(f.type),
    blank(f.stage),
    flag(f.paid),
    flag(f.virtual),
    blank(f.from),
    blank(f.to),
    blank(f.employerId),
    f.q.trim() === '' ? undefined : f.q.trim(),
    page.limit,
    page.cursor,
    filters.eligibleFor || undefined,
    page.signal,
  );
}

/** How many filters are set, for "Clear filters (3)". */
export function activeFilterCount(filters: SearchFilters): number {
  return Object.values(filters).filter((value) => value.trim() !== '').length;
}
