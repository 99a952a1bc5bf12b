import type { RosterChanges, RosterCounts, RosterImport } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { ProgressBar } from '../../shared/components/ProgressBar';
import { formatDateTime, plural } from '../../shared/format';
import { rosterStatusLabels } from '../../shared/labels';
import { isActive } from './rosterFiles';
import { DataTable } from '../../shared/components/DataTable';

/**
 * One import: its progress while it runs, then what it changed, or every row problem that stopped it. A preview, or a
 * bulk import held because it would make many people inactive, shows what would change and a button to apply it.
 */
export function RosterJob({ job, onConfirmed }: { job: RosterImport; onConfirmed?: (queued: RosterImport) => void }) {
  const active = isActive(job.status);
  const held = job.status === 'previewed' || job.status === 'needsConfirmation';
  return (
    <section className="card" aria-labelledby="job-heading" aria-busy={active}>
      <div className="card__header">
        <h2 id="job-heading">Import of {formatDateTime(job.createdAt)}</h2>
        <span className={`tag tag--roster-${job.status}`}>{rosterStatusLabels[job.status]}</span>
      </div>
      <p className="muted">
        {job.source === 'json' ? 'JSON' : 'CSV'} · {job.mode === 'bulk' ? 'bulk' : 'delta'}
        {job.totalRows > 0 ? ` · ${plural(job.totalRows, 'row')}` : ''}
        {job.finishedAt ? ` · finished ${formatDateTime(job.finishedAt)}` : ''}
      </p>
      {active || job.status === 'succeeded' ? (
        <ProgressBar
          label="Roster import progress"
          value={job.processedRows}
          max={Math.max(job.totalRows, 1)}
          text={job.totalRows > 0 ? `${job.processedRows.toLocaleString('en-US')} of ${plural(job.totalRows, 'row')} processed` : 'Waiting to start…'}
        />
      ) : null}
      {job.status === 'succeeded' && job.counts ? (
        <div role="status">
          <p className="banner banner--success">The roster is imported.</p>
          <Figures counts={job.counts} />
        </div>
      ) : null}
      {held && job.counts ? <HeldImport job={job} counts={job.counts} onConfirmed={onConfirmed} /> : null}
      {job.changes && (held || job.status === 'succeeded') ? <Changes changes={job.changes} /> : null}
      {job.status === 'failed' ? <RosterErrors job={job} /> : null}
    </section>
  );
}

function Figures({ counts }: { counts: RosterCounts }) {
  return (
    <dl className="figures">
      {(
        [
          ['Schools created', counts.schoolsCreated],
          ['Schools updated', counts.schoolsUpdated],
          ['People created', counts.peopleCreated],
          ['People updated', counts.peopleUpdated],
          ['People unchanged', counts.peopleUnchanged],
          ['People made inactive', counts.peopleDeactivated],
          ['Guardian links', counts.guardianLinks],
          ['Rows skipped', counts.rowsSkipped],
        ] as const
      ).map(([label, value]) => (
        <div key={label} className="figure">
          <dt>{label}</dt>
          <dd>{value.toLocaleString('en-US')}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Nothing was written yet: what the import would do, why it waits, and the one button that applies exactly these files. */
function HeldImport({ job, counts, onConfirmed }: { job: RosterImport; counts: RosterCounts; onConfirmed?: (queued: RosterImport) => void }) {
  const api = useApi();
  const { busy, error, run } = useAction();
  const wipe = job.status === 'needsConfirmation';
  return (
    <div>
      <div role={wipe ? 'alert' : 'status'} className={`banner ${wipe ? 'banner--error' : 'banner--info'}`}>
        <p>{wipe ? 'Nothing was changed: this import would make many people inactive.' : 'Preview: nothing was changed. This is what the import would do.'}</p>
        {job.notes.map((note) => (
          <p key={note}>{note}</p>
        ))}
      </div>
      <Figures counts={counts} />
      {error ? <ErrorBanner error={error} /> : null}
      {job.allowedActions.includes('confirm') ? (
      <div className="form__actions">
        <button
          type="button"
          className={wipe ? 'button button--danger' : 'button'}
          disabled={busy}
          onClick={() =>
            run(async () => {
              const queued = await api.confirmRosterImport(job.id);
              onConfirmed?.(queued);
            })
          }
        >
          {busy ? 'Applying…' : wipe ? `Apply anyway: make ${counts.peopleDeactivated.toLocaleString('en-US')} people inactive` : 'Apply this import'}
        </button>
      </div>
      ) : (
        <p className="muted">A signed-in district admin applies it while its files are kept; after that, send them again.</p>
      )}
    </div>
  );
}

/** Samples of who is created, updated and made inactive, and the rows left out by reason. */
function Changes({ changes }: { changes: RosterChanges }) {
  const lists = [
    ['Created', changes.created],
    ['Updated', changes.updated],
    ['Made inactive', changes.deactivated],
  ] as const;
  return (
    <details className="changes">
      <summary>Who changes (sourcedIds, up to 20 of each)</summary>
      <dl>
        {lists
          .filter(([, ids]) => ids.length > 0)
          .map(([label, ids]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{ids.join(', ')}</dd>
            </div>
          ))}
      </dl>
      {changes.skipped.length > 0 ? (
        <DataTable
          caption="Rows skipped, by reason"
          captionHidden={false}
          columns={[
            { header: 'Reason', cell: (s) => s.reason },
            { header: 'Rows', cell: (s) => s.count.toLocaleString('en-US') },
            { header: 'For example', cell: (s) => s.sample.slice(0, 5).join(', ') },
          ]}
          rows={changes.skipped}
          rowKey={(s) => s.reason}
        />
      ) : null}
    </details>
  );
}

function RosterErrors({ job }: { job: RosterImport }) {
  return (
    <>
      <div role="alert" className="banner banner--error">
        <p>
          The import was rejected: nothing was changed. Fix {job.errorCount === 1 ? 'this problem' : `these ${job.errorCount.toLocaleString('en-US')} problems`} in the files and
          send them again.
        </p>
      </div>
      {job.errors.length > 0 ? (
        <DataTable
          caption={`Row problems${job.errorCount > job.errors.length ? ` (the first ${job.errors.length.toLocaleString('en-US')} of ${job.errorCount.toLocaleString('en-US')})` : ''}`}
          captionHidden={false}
          columns={[
            { header: 'File', cell: (e) => e.file },
            { header: 'Line', cell: (e) => e.line },
            { header: 'Field', cell: (e) => e.field || '—' },
            { header: 'Problem', cell: (e) => e.reason },
          ]}
          rows={job.errors}
          rowKey={(e, i) => `${e.file}:${e.line}:${e.field ?? ''}:${i}`}
        />
      ) : null}
    </>
  );
}
