import { useState } from 'react';
import type { CurrentCaller, MembershipInfo, PartnerBoardFilter, PartnerBoardRow } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { membershipsWith } from '../../shared/auth/roles';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { DataTable } from '../../shared/components/DataTable';
import { saveFile } from '../../shared/download';
import { PartnershipView, partnerStatusLabels } from './PartnershipView';
import { RequirementsForm } from './RequirementsForm';

const filters: Record<PartnerBoardFilter, string> = {
  all: 'Every employer',
  pending: 'Applications to review',
  documents: 'Documents missing, expiring or to review',
  agreements: 'Agreements to sign or renew',
  clearances: 'Uncleared supervisors',
  worksites: 'Worksites to review',
  ready: 'Ready',
};

/**
 * The convener's board (and a district's WBL staff's): every employer's partnership state on one page — applications
 * to review, documents missing or expiring, agreements to sign or renew, uncleared supervisors, worksites to review —
 * filterable and exportable as CSV; an employer opens its whole partnership to review and act on.
 */
export function PartnersPage({ me, path }: { me: CurrentCaller; path: readonly string[] }) {
  const curating = membershipsWith(me, ['opportunitiesCurate'], ['region', 'district']);
  const regionIds = [...new Set(curating.map((m) => (m.organizationType === 'region' ? m.organizationId : undefined)).filter((id): id is string => !!id))];
  const districtOf = curating.filter((m) => m.organizationType === 'district');
  const district = useResource(districtOf.length > 0 && regionIds.length === 0 ? `org:${districtOf[0].organizationId}` : null, (a, signal) =>
    a.getOrganization(districtOf[0].organizationId, signal),
  );
  const regionId = regionIds[0] ?? district.data?.parentId;
  if (!regionId) return district.error ? <ErrorBanner error={district.error} onRetry={district.reload} /> : <Loading>Loading…</Loading>;
  return path[0] ? <PartnerDetail regionId={regionId} employerId={path[0]} region={regionIds.length > 0} districts={districtOf} /> : <Board regionId={regionId} region={regionIds.length > 0} />;
}

function Board({ regionId, region }: { regionId: string; region: boolean }) {
  const api = useApi();
  const [filter, setFilter] = useState<PartnerBoardFilter>('all');
  const rows = useResource(`partners:${regionId}:${filter}`, (a, signal) => a.listPartners(regionId, filter, signal));
  const exporting = useAction();
  const download = () =>
    void exporting.run(async () => {
      const file = await api.exportPartners(regionId, filter);
      saveFile(file.data, file.fileName ?? 'partners.csv');
    });
  return (
    <>
      <div className="page-header">
        <h1>Partners</h1>
        <p className="muted">Every employer's partnership: applications, worksites, documents, agreements and supervisor clearances.</p>
      </div>
      {region ? <RequirementsForm regionId={regionId} /> : null}
      <div className="form__row form__row--3">
        <label>
          Show{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as PartnerBoardFilter)}>
            {(Object.keys(filters) as PartnerBoardFilter[]).map((f) => (
              <option key={f} value={f}>
                {filters[f]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--secondary" onClick={download} disabled={exporting.busy}>
          Download CSV
        </button>
      </div>
      {exporting.error ? <ErrorBanner error={exporting.error} /> : null}
      {rows.error ? <ErrorBanner error={rows.error} onRetry={rows.reload} /> : null}
      {!rows.data ? (
        <Loading>Loading the partners…</Loading>
      ) : (
        <DataTable<PartnerBoardRow>
          caption="Partners"
          rows={rows.data}
          rowKey={(r) => r.employerId}
          empty="No employer here."
          columns={[
            { header: 'Employer', rowHeader: true, cell: (r) => <a href={`#/partners/${r.employerId}`}>{r.name}</a> },
            { header: 'Status', cell: (r) => (r.ready ? 'Ready' : partnerStatusLabels[r.status]) },
            { header: 'Worksites', cell: (r) => `${r.worksites} · ${r.worksitesToReview} to review · ${r.worksitesWithoutChecklist} without checklist` },
            {
              header: 'Documents',
              cell: (r) =>
                `${r.documentsMissing.length > 0 ? `Missing: ${r.documentsMissing.join(', ')}` : 'None missing'}${r.documentsExpiring > 0 ? ` · ${r.documentsExpiring} expiring` : ''}${
                  r.documentsToReview > 0 ? ` · ${r.documentsToReview} to review` : ''
                }`,
            },
            {
              header: 'Agreements',
              cell: (r) =>
                `${r.agreementsInForce} in force${r.agreementsAwaitingSignature > 0 ? ` · ${r.agreementsAwaitingSignature} to sign` : ''}${r.agreementsToRenew > 0 ? ` · ${r.agreementsToRenew} to renew` : ''}`,
            },
            { header: 'Supervisors', cell: (r) => (r.unclearedSupervisors.length > 0 ? `Uncleared: ${r.unclearedSupervisors.join(', ')}` : '—') },
          ]}
        />
      )}
    </>
  );
}

function PartnerDetail({ regionId, employerId, region, districts }: { regionId: string; employerId: string; region: boolean; districts: MembershipInfo[] }) {
  const [version, setVersion] = useState(0);
  const partnership = useResource(`partnership:${employerId}:${version}`, (a, signal) => a.getPartnership(employerId, signal));
  const requirements = useResource(`partnership-requirements:${regionId}`, (a, signal) => a.getPartnershipRequirements(regionId, signal));
  const regionDistricts = useResource(region ? `districts:${regionId}` : null, (a, signal) => a.listOrganizations('district', regionId, undefined, 100, undefined, signal));
  const error = partnership.error ?? requirements.error;
  if (error) return <ErrorBanner error={error} onRetry={partnership.reload} />;
  if (!partnership.data || !requirements.data) return <Loading>Loading the partnership…</Loading>;
  const choices = region
    ? [{ id: '', name: 'The region, for all its districts' }, ...(regionDistricts.data?.items ?? []).map((d) => ({ id: d.id, name: d.name }))]
    : districts.map((d) => ({ id: d.organizationId, name: d.organizationName }));
  return (
    <>
      <p>
        <a href="#/partners">← All partners</a>
      </p>
      <PartnershipView partnership={partnership.data} requirements={requirements.data} districts={choices} onChanged={() => setVersion((v) => v + 1)} />
    </>
  );
}
