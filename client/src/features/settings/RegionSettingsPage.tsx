import { useMemo, useState } from 'react';
import type { CurrentCaller } from '@launchpath/contracts';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { organizationsUnder, useAllOrganizations } from '../../shared/organizations/useAllOrganizations';
import { MatchingSettingsEditor } from './MatchingSettingsEditor';
import { RubricEditor } from './RubricEditor';
import { WorkRulesEditor } from './WorkRulesEditor';

export const regionSettingsHref = '#/region-settings';

/**
 * A region's settings for its curators: the matching weights ("#/region-settings"), the evaluation rubric ("…/rubric")
 * and the hours minors may work ("…/work-rules").
 */
export function RegionSettingsPage({ me, path }: { me: CurrentCaller; path: readonly string[] }) {
  const index = useAllOrganizations();
  const organizations = index.data?.items;
  const regions = useMemo(() => organizationsUnder(me.memberships, ['opportunitiesCurate'], organizations ?? [], ['region'], me.isPlatformAdmin), [me, organizations]);
  const [picked, setPicked] = useState<string>();
  const regionId = picked && regions.some((r) => r.id === picked) ? picked : regions[0]?.id;
  const view = path[0] === 'rubric' ? 'rubric' : path[0] === 'work-rules' ? 'work-rules' : 'matching';

  return (
    <>
      <div className="page-header">
        <h1>Region settings</h1>
        <p className="muted">How the region recommends and matches, what employers evaluate, and the hours minors may work.</p>
      </div>
      <nav aria-label="Region settings" className="subnav">
        <a href={regionSettingsHref} aria-current={view === 'matching' ? 'page' : undefined}>
          Matching settings
        </a>
        <a href={`${regionSettingsHref}/rubric`} aria-current={view === 'rubric' ? 'page' : undefined}>
          Evaluation rubric
        </a>
        <a href={`${regionSettingsHref}/work-rules`} aria-current={view === 'work-rules' ? 'page' : undefined}>
          Work rules
        </a>
      </nav>
      {index.status === 'error' && index.error && regions.length === 0 ? <ErrorBanner error={index.error} onRetry={index.reload} /> : null}
      {index.status === 'loading' && regions.length === 0 ? <Loading>Loading your regions…</Loading> : null}
      {index.status === 'ready' && regions.length === 0 ? <p>There is no region whose settings you can change.</p> : null}
      {regions.length > 1 ? (
        <div className="filter filter--page">
          <label htmlFor="settings-region">Region</label>
          <select id="settings-region" value={regionId} onChange={(e) => setPicked(e.target.value)}>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      ) : regionId ? (
        <p className="muted">
          Region: <strong>{regions[0].name}</strong>
        </p>
      ) : null}
      {regionId && view === 'matching' ? <MatchingSettingsEditor key={regionId} regionId={regionId} /> : null}
      {regionId && view === 'rubric' ? <RubricEditor key={regionId} regionId={regionId} /> : null}
      {regionId && view === 'work-rules' ? <WorkRulesEditor key={regionId} regionId={regionId} /> : null}
    </>
  );
}
