import { useMemo, useState } from 'react';
import type { CurrentCaller, OutcomesReport } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { organizationsUnder, useAllOrganizations } from '../../shared/organizations/useAllOrganizations';
import { csvBlob, saveFile } from '../../shared/download';
import {
  calpadsPermissions,
  describeRange,
  outcomesCsv,
  outcomesFileName,
  outcomesPermissions,
  periodRange,
  recentSchoolYears,
} from './outcomes';
import { OutcomesReportView } from './OutcomesReportView';
import { FiltersForm, type Filters } from './FiltersForm';
import { CalpadsExport } from './CalpadsExport';


/**
 * Outcomes for staff who read them (conveners, analysts, district admins, coordinators): filters, headline figures,
 * charts of participation along the continuum and by student group, the CSV of it all, and the CALPADS WBLR file.
 */
export function OutcomesPage({ me }: { me: CurrentCaller }) {
  const index = useAllOrganizations();
  const organizations = index.data?.items;
  const scopes = useMemo(
    () => organizationsUnder(me.memberships, outcomesPermissions, organizations ?? [], ['region', 'district', 'school'], me.isPlatformAdmin),
    [me, organizations],
  );
  const districts = useMemo(
    () => organizationsUnder(me.memberships, calpadsPermissions, organizations ?? [], ['district'], me.isPlatformAdmin),
    [me, organizations],
  );
  const years = useMemo(() => recentSchoolYears(new Date()), []);
  const [filters, setFilters] = useState<Filters>({ period: { kind: 'year', year: years[0].id } });
  const organizationId = filters.organizationId ?? scopes[0]?.id;
  const organizationName = scopes.find((s) => s.id === organizationId)?.name ?? 'Organization';
  const { from, to } = periodRange(filters.period);
  const report = useResource(organizationId ? `outcomes:${organizationId}:${from ?? ''}:${to ?? ''}` : null, (api, signal) =>
    api.getOutcomes(organizationId!, from, to, signal),
  );
  const [downloaded, setDownloaded] = useState<string>();
  const reportError = report.status === 'error' ? report.error : undefined;
  const current = report.status === 'ready' ? report.data : undefined;

  const exportCsv = (data: OutcomesReport) => {
    const fileName = outcomesFileName(organizationName, data.from, data.to);
    saveFile(csvBlob(outcomesCsv(data, organizationName)), fileName);
    setDownloaded(`Downloaded ${fileName}.`);
  };

  return (
    <>
      <div className="page-header page-header--actions">
        <div>
          <h1>Outcomes</h1>
          <p className="muted">Participation in work-based learning along the continuum, equity by student group, hours and skills.</p>
        </div>
        {current ? (
          <button type="button" className="button button--secondary" onClick={() => exportCsv(current)}>
            Download CSV
          </button>
        ) : null}
      </div>
      <Notice>{downloaded}</Notice>
      {index.status === 'error' && index.error && scopes.length === 0 ? <ErrorBanner error={index.error} onRetry={index.reload} /> : null}
      {index.status === 'loading' && scopes.length === 0 ? <Loading>Loading your organizations…</Loading> : null}
      {index.status === 'ready' && scopes.length === 0 ? <p>There is no region, district or school whose outcomes you can read.</p> : null}
      {scopes.length > 0 ? (
        <FiltersForm
          scopes={scopes}
          years={years}
          applied={{ ...filters, organizationId }}
          serverError={reportError && Object.keys(reportError.fieldErrors).length > 0 ? reportError : undefined}
          onApply={(next) => {
            setDownloaded(undefined);
            if (next.organizationId === organizationId && JSON.stringify(next.period) === JSON.stringify(filters.period)) report.reload();
            else setFilters(next);
          }}
        />
      ) : null}
      {reportError && Object.keys(reportError.fieldErrors).length === 0 ? <ErrorBanner error={reportError} onRetry={report.reload} /> : null}
      {report.status === 'loading' ? <Loading>Loading outcomes…</Loading> : null}
      {report.data && report.status !== 'error' ? (
        <div aria-busy={report.status === 'loading'} className={report.status === 'loading' ? 'report stale' : 'report'}>
          <p className="muted">
            <strong>{organizationName}</strong> · {describeRange(report.data.from, report.data.to)} · Groups with fewer than 10 students are withheld to
            protect student privacy.
          </p>
          <OutcomesReportView report={report.data} />
        </div>
      ) : null}
      {districts.length > 0 ? (
        <CalpadsExport districts={districts} years={years} preferredDistrictId={districts.some((d) => d.id === organizationId) ? organizationId : undefined} />
      ) : null}
    </>
  );
}

