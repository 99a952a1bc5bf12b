import { useId, useRef, useState, type FormEvent } from 'react';
import type { CurrentCaller, RosterImport, RosterMode } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor, type UiError } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { usePoll } from '../../shared/api/usePoll';
import { useResource } from '../../shared/api/useResource';
import { rosterDistricts } from '../../shared/auth/roles';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Loading';
import { OptionSelect } from '../../shared/components/OptionSelect';
import { formatDateTime } from '../../shared/format';
import { rosterModeLabels, rosterStatusLabels } from '../../shared/labels';
import { useParentOptions } from '../../shared/organizations/useParentOptions';
import { checkRosterFiles, isActive } from './rosterFiles';
import { RosterJob } from './RosterJob';
import { SisConnection } from './SisConnection';
import { DataTable } from '../../shared/components/DataTable';

/** How often a running import is asked for its progress. */
export const rosterPollMs = 500;
const modes: RosterMode[] = ['bulk', 'delta'];

/**
 * OneRoster imports: district admins for their district, conveners for any district of their region. Upload the CSV
 * files (or a zip), follow the job, and see what changed or why it was rejected.
 */
export function RosterImportsPage({ me }: { me: CurrentCaller }) {
  const districtSelectId = useId();
  const own = rosterDistricts(me);
  // Conveners (and platform administrators) pick among the districts they can see.
  const all = useParentOptions(own.length === 0 ? 'district' : undefined, 0);
  const districts = own.length > 0 ? own.map((m) => ({ id: m.organizationId, name: m.organizationName })) : all.options;
  const [chosen, setChosen] = useState('');
  const districtId = chosen || districts[0]?.id || '';
  const [jobId, setJobId] = useState<string>();

  return (
    <>
      <div className="page-header">
        <h1>Roster imports</h1>
        <p className="muted">
          Send the district’s OneRoster files. An import is all or nothing: one bad row rejects it, with every problem listed. Preview first to see what
          would change; a bulk import that would make many people inactive waits for your confirmation.
        </p>
      </div>
      {districts.length > 1 ? (
        <div className="filter filter--page">
          <label htmlFor={districtSelectId}>District</label>
          <select
            id={districtSelectId}
            value={districtId}
            onChange={(e) => {
              setChosen(e.target.value);
              setJobId(undefined);
            }}
          >
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      ) : districts.length === 1 ? (
        <p>
          District: <strong>{districts[0].name}</strong>
        </p>
      ) : all.loading ? (
        <Loading>Loading districts…</Loading>
      ) : (
        <p className="card muted">There is no district to import for.</p>
      )}
      {districtId ? <DistrictImports key={districtId} districtId={districtId} jobId={jobId} onJob={setJobId} /> : null}
    </>
  );
}

function DistrictImports({ districtId, jobId, onJob }: { districtId: string; jobId?: string; onJob: (id: string) => void }) {
  const api = useApi();
  const recent = useResource(`roster-imports:${districtId}`, (a, signal) => a.listRosterImports(districtId, signal));
  const job = useResource(jobId ? `roster-import:${jobId}` : null, (a, signal) => a.getRosterImport(jobId!, signal));
  const active = job.data ? isActive(job.data.status) : false;

  usePoll(active, rosterPollMs, async (signal) => {
    const next = await api.getRosterImport(jobId!, signal);
    if (signal.aborted) return;
    job.set(next);
    if (!isActive(next.status)) recent.reload();
  });

  return (
    <div className="page-grid">
      <UploadForm
        districtId={districtId}
        busy={active}
        onStarted={(started) => {
          onJob(started.id);
          job.set(started);
          recent.reload();
        }}
      />
      <div className="stack">
        <SisConnection
          districtId={districtId}
          busy={active}
          onStarted={(started) => {
            onJob(started.id);
            job.set(started);
            recent.reload();
          }}
        />
        {job.status === 'error' && job.error ? <ErrorBanner error={job.error} onRetry={job.reload} /> : null}
        {job.data && job.data.id === jobId ? (
          <RosterJob
            job={job.data}
            onConfirmed={(queued) => {
              job.set(queued);
              recent.reload();
            }}
          />
        ) : null}
        <RecentImports imports={recent.data} error={recent.error} loading={recent.status === 'loading'} onRetry={recent.reload} onView={onJob} current={jobId} />
      </div>
    </div>
  );
}

function UploadForm({ districtId, busy, onStarted }: { districtId: string; busy: boolean; onStarted: (job: RosterImport) => void }) {
  const api = useApi();
  const [files, setFiles] = useState<File[]>([]);
  const [mode, setMode] = useState<RosterMode | ''>('');
  const [preview, setPreview] = useState(false);
  const { busy: sending, error, setError, run } = useAction();
  const inputRef = useRef<HTMLInputElement>(null);
  const check = checkRosterFiles(files.map((f) => f.name));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (check.problem) {
      setError({ message: check.problem, fieldErrors: { files: [check.problem] } });
      inputRef.current?.focus();
      return;
    }
    await run(async () => {
      const job = await api.startRosterImport(
        districtId,
        check.hasManifest || mode === '' ? undefined : mode,
        preview || undefined,
        files.map((f) => ({ data: f, fileName: f.name })),
      );
      onStarted(job);
      setFiles([]);
      if (inputRef.current) inputRef.current.value = '';
    });
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="Import a roster">
      <h2>Import a roster</h2>
      {error ? <ErrorBanner error={error} /> : null}
      <Field
        label="OneRoster files"
        errors={error ? fieldErrorsFor(error.fieldErrors, 'files') : []}
        hint="manifest.csv, orgs.csv, users.csv, roles.csv and demographics.csv — or one .zip of them."
        required
      >
        <input
          ref={inputRef}
          name="files"
          type="file"
          multiple
          accept=".csv,.zip,text/csv,application/zip"
          onChange={(e) => {
            setFiles(Array.from(e.target.files ?? []));
            setError(undefined);
          }}
        />
      </Field>
      {files.length > 0 ? (
        <ul className="file-list" aria-label="Chosen files">
          {files.map((f) => (
            <li key={f.name}>
              {f.name} <span className="muted">({Math.max(1, Math.round(f.size / 1024)).toLocaleString('en-US')} KB)</span>
            </li>
          ))}
        </ul>
      ) : null}
      {!check.hasManifest ? (
        <Field
          label="Mode"
          errors={error ? fieldErrorsFor(error.fieldErrors, 'mode') : []}
          hint={check.isZip ? 'Used only if the zip has no manifest.csv.' : 'Without manifest.csv, say whether this is the whole roster or only changes.'}
        >
          <OptionSelect name="mode" options={modes} labels={rosterModeLabels} value={mode} blank={check.isZip ? 'From the zip’s manifest' : 'Bulk (default)'} onChange={(value) => setMode(value ?? '')} />
        </Field>
      ) : (
        <p className="field__hint">manifest.csv decides whether this is a bulk or a delta import.</p>
      )}
      <label className="check">
        <input type="checkbox" name="preview" checked={preview} onChange={(e) => setPreview(e.target.checked)} /> Preview first: show what would change and write
        nothing until I confirm
      </label>
      <div className="form__actions">
        <button type="submit" className="button" disabled={sending || busy}>
          {sending ? 'Uploading…' : busy ? 'Import running…' : preview ? 'Preview import' : 'Start import'}
        </button>
      </div>
    </form>
  );
}

interface RecentProps {
  imports?: RosterImport[];
  error?: UiError;
  loading: boolean;
  onRetry: () => void;
  onView: (id: string) => void;
  current?: string;
}

function RecentImports({ imports, error, loading, onRetry, onView, current }: RecentProps) {
  return (
    <section className="card" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent imports</h2>
      {error ? <ErrorBanner error={error} onRetry={onRetry} /> : null}
      {loading && !imports ? <Loading>Loading recent imports…</Loading> : null}
      {imports && imports.length === 0 ? <p className="muted">No imports for this district yet.</p> : null}
      {imports && imports.length > 0 ? (
        <DataTable
          caption="Recent imports, newest first"
          columns={[
            { header: 'Started', cell: (i) => formatDateTime(i.createdAt) },
            { header: 'Status', cell: (i) => <span className={`tag tag--roster-${i.status}`}>{rosterStatusLabels[i.status]}</span> },
            { header: 'Mode', cell: (i) => i.mode },
            { header: 'Rows', cell: (i) => i.totalRows.toLocaleString('en-US') },
            { header: 'Problems', cell: (i) => i.errorCount.toLocaleString('en-US') },
            { header: <span className="visually-hidden">Action</span>, cell: (i) => (
              <button type="button" className="link-button" onClick={() => onView(i.id)}>
                View<span className="visually-hidden"> the import of {formatDateTime(i.createdAt)}</span>
              </button>
            ) },
          ]}
          rows={imports}
          rowKey={(i) => i.id}
          rowProps={(i) => ({ 'aria-current': i.id === current ? 'true' : undefined })}
        />
      ) : null}
    </section>
  );
}
