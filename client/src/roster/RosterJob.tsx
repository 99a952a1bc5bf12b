import type { RosterImport } from '@launchpath/contracts';
import { ProgressBar } from '../components/ProgressBar';
import { formatDateTime, plural } from '../format';
import { rosterStatusLabels } from '../labels';
import { isActive } from './rosterFiles';

/** One import: its progress while it runs, then what it changed, or every row problem that stopped it. */
export function RosterJob({ job }: { job: RosterImport }) {
  const active = isActive(job.status);
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
          <dl className="figures">
            {(
              [
                ['Schools created', job.counts.schoolsCreated],
                ['Schools updated', job.counts.schoolsUpdated],
                ['People created', job.counts.peopleCreated],
                ['People updated', job.counts.peopleUpdated],
                ['People unchanged', job.counts.peopleUnchanged],
                ['People made inactive', job.counts.peopleDeactivated],
                ['Guardian links', job.counts.guardianLinks],
                ['Rows skipped', job.counts.rowsSkipped],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="figure">
                <dt>{label}</dt>
                <dd>{value.toLocaleString('en-US')}</dd>
              </div>
            ))}
          </dl>
          {job.counts.rowsSkipped > 0 ? <p className="field__hint">Skipped rows are outside LaunchPath (students below grade 6, roles it does not use).</p> : null}
        </div>
      ) : null}
      {job.status === 'failed' ? <RosterErrors job={job} /> : null}
    </section>
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
        <table className="table">
          <caption>
            Row problems{job.errorCount > job.errors.length ? ` (the first ${job.errors.length.toLocaleString('en-US')} of ${job.errorCount.toLocaleString('en-US')})` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Line</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {job.errors.map((e, i) => (
              <tr key={`${e.file}:${e.line}:${e.field ?? ''}:${i}`}>
                <td>{e.file}</td>
                <td>{e.line}</td>
                <td>{e.field || '—'}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
