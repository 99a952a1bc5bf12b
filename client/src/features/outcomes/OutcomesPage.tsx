import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { CurrentCaller, OrganizationType, OutcomesReport } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import type { FieldErrors, UiError } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { organizationTypeLabels } from '../../shared/organizationLabels';
import { organizationsUnder, useAllOrganizations, type OrganizationChoice } from '../../shared/organizations/useAllOrganizations';
import { csvBlob, saveFile } from './download';
import {
  calpadsPermissions,
  checkPeriod,
  describeRange,
  outcomesCsv,
  outcomesFileName,
  outcomesPermissions,
  periodRange,
  recentSchoolYears,
  type Period,
  type SchoolYear,
} from './outcomes';
import { OutcomesReportView } from './OutcomesReportView';

interface Filters {
  organizationId?: string;
  period: Period;
}

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

const periodFields = new Set(['from', 'to', 'organizationId']);

interface FiltersFormProps {
  scopes: readonly OrganizationChoice[];
  years: readonly SchoolYear[];
  applied: Filters;
  /** A validation problem from the API for the filters applied. */
  serverError?: UiError;
  onApply: (filters: Filters) => void;
}

function FiltersForm({ scopes, years, applied, serverError, onApply }: FiltersFormProps) {
  const [organizationId, setOrganizationId] = useState(applied.organizationId ?? scopes[0]?.id ?? '');
  const [kind, setKind] = useState<Period['kind']>(applied.period.kind);
  const [year, setYear] = useState(applied.period.kind === 'year' ? applied.period.year : years[0].id);
  const [from, setFrom] = useState(applied.period.kind === 'custom' ? applied.period.from : '');
  const [to, setTo] = useState(applied.period.kind === 'custom' ? applied.period.to : '');
  const [local, setLocal] = useState<UiError>();
  const formRef = useRef<HTMLFormElement>(null);
  const error = local ?? serverError;
  useFocusOnError(formRef, error);
  const errors: FieldErrors = error?.fieldErrors ?? {};

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const period: Period = kind === 'all' ? { kind: 'all' } : kind === 'custom' ? { kind: 'custom', from, to } : { kind: 'year', year };
    const problems = checkPeriod(period);
    if (Object.keys(problems).length > 0) {
      setLocal({ message: 'Please correct the highlighted fields.', fieldErrors: problems });
      return;
    }
    setLocal(undefined);
    onApply({ organizationId, period });
  };

  const groups = (['region', 'district', 'school'] as OrganizationType[])
    .map((type) => ({ type, items: scopes.filter((s) => s.type === type) }))
    .filter((g) => g.items.length > 0);

  return (
    <section className="card" aria-labelledby="outcomes-filters-heading">
      <h2 id="outcomes-filters-heading" className="visually-hidden">
        Filters
      </h2>
      <form ref={formRef} className="form form--inline" onSubmit={submit} noValidate aria-label="Outcomes filters">
        {error ? <ErrorBanner error={bannerError(error, (field) => periodFields.has(field))} /> : null}
        <Field label="Organization" errors={errors.organizationId}>
          <select value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
            {groups.map((g) => (
              <optgroup key={g.type} label={`${organizationTypeLabels[g.type]}s`}>
                {g.items.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field label="Period" hint="School years run July 1 to June 30.">
          <select
            value={kind === 'year' ? `year:${year}` : kind}
            onChange={(e) => {
              const value = e.target.value;
              if (value.startsWith('year:')) {
                setKind('year');
                setYear(value.slice(5));
              } else setKind(value === 'custom' ? 'custom' : 'all');
            }}
          >
            {years.map((y) => (
              <option key={y.id} value={`year:${y.id}`}>
                School year {y.label}
              </option>
            ))}
            <option value="all">All time</option>
            <option value="custom">Dates I choose…</option>
          </select>
        </Field>
        {kind === 'custom' ? (
          <>
            <Field label="From" errors={errors.from}>
              <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </Field>
            <Field label="To" errors={errors.to}>
              <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </Field>
          </>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button">
            Show outcomes
          </button>
        </div>
      </form>
    </section>
  );
}

interface CalpadsProps {
  districts: readonly OrganizationChoice[];
  years: readonly SchoolYear[];
  preferredDistrictId?: string;
}

/** The CALPADS Work-Based Learning Record file for a district and school year, saved under the API's file name. */
function CalpadsExport({ districts, years, preferredDistrictId }: CalpadsProps) {
  const api = useApi();
  const [districtId, setDistrictId] = useState(preferredDistrictId ?? districts[0].id);
  const [academicYear, setAcademicYear] = useState(years[0].id);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<string>();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, error);
  const chosen = districts.some((d) => d.id === districtId) ? districtId : districts[0].id;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await run(async () => {
      setDone(undefined);
      const file = await api.exportCalpadsWblr(chosen, academicYear);
      const fileName = file.fileName || `wblr-${academicYear}.csv`;
      saveFile(file.data, fileName);
      setDone(`Downloaded ${fileName}.`);
    });
  };

  return (
    <section className="card" aria-labelledby="calpads-heading">
      <h2 id="calpads-heading">CALPADS WBLR export</h2>
      <p className="field__hint">
        Completed internships, student-led enterprises, simulated work-based learning and pre-apprenticeships of students in grades 9–12, in the
        CALPADS Work-Based Learning Record layout for End-of-Year 1 reporting. The file holds student records: keep it safe.
      </p>
      <Notice>{done}</Notice>
      <form ref={formRef} className="form form--inline" onSubmit={submit} noValidate aria-label="CALPADS WBLR export">
        {error ? <ErrorBanner error={bannerError(error, (field) => field === 'districtId' || field === 'academicYear')} /> : null}
        <Field label="District" errors={error?.fieldErrors.districtId}>
          <select value={chosen} onChange={(e) => setDistrictId(e.target.value)}>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Academic year" errors={error?.fieldErrors.academicYear}>
          <select value={academicYear} onChange={(e) => setAcademicYear(e.target.value)}>
            {years.map((y) => (
              <option key={y.id} value={y.id}>
                {y.label}
              </option>
            ))}
          </select>
        </Field>
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Preparing the file…' : 'Download CALPADS file'}
          </button>
        </div>
      </form>
    </section>
  );
}
