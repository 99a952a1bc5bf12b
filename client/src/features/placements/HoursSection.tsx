import { useState } from 'react';
import type { HoursEntry, Placement } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { formatDate } from '../../shared/format';
import { HoursEntryItem } from './HoursEntryItem';
import { HoursForm } from './HoursForm';
import { draftOf, formatMinutes, localToday, withEntry, withoutEntry } from './hours';

/**
 * A placement's hours: the totals, the entries, and by role — the student logs and corrects entries on an active
 * placement; the employer's staff approve or reject them (its admin also issues one-time approval links); school
 * staff read them.
 */
export function HoursSection({ placement }: { placement: Placement }) {
  const api = useApi();
  const log = useResource(`hours:${placement.id}`, (a, signal) => a.listHours(placement.id, signal));
  const [notice, setNotice] = useState<string>();
  const canLog = placement.allowedActions.includes('logHours');

  const changed = (entry: HoursEntry, message: string) => {
    if (log.data) log.set(withEntry(log.data, entry));
    setNotice(message);
  };
  const deleted = (entry: HoursEntry, message: string) => {
    if (log.data) log.set(withoutEntry(log.data, entry.id));
    setNotice(message);
  };

  const data = log.data;
  return (
    <section aria-labelledby="hours-heading">
      <h2 id="hours-heading">Hours</h2>
      {log.error ? <ErrorBanner error={log.error} onRetry={log.reload} /> : null}
      {!data && !log.error ? <Loading>Loading the hours…</Loading> : null}
      {data ? (
        <>
          <dl className="figures figures--wide">
            <div className="figure">
              <dt>Approved</dt>
              <dd data-testid="hours-approved">{formatMinutes(data.approvedMinutes)}</dd>
            </div>
            <div className="figure">
              <dt>Awaiting approval</dt>
              <dd data-testid="hours-pending">{formatMinutes(data.submittedMinutes)}</dd>
            </div>
          </dl>
          <Notice>{notice}</Notice>
          {canLog ? (
            <HoursForm
              heading="Log hours"
              submitLabel="Log hours"
              initial={draftOf(undefined, localToday())}
              onSubmit={async (request) => {
                changed(await api.logHours(placement.id, request), `Logged ${formatMinutes(request.minutes)} on ${formatDate(request.date)}; it awaits your supervisor’s approval.`);
                return true;
              }}
            />
          ) : null}
          {!canLog ? <p className="muted">The student logs hours and the employer approves them; approved hours are locked.</p> : null}
          {data.entries.length === 0 ? (
            <p>No hours logged yet.</p>
          ) : (
            <ul className="cards" aria-label="Hours entries">
              {data.entries.map((entry) => (
                <HoursEntryItem key={entry.id} entry={entry} onChanged={changed} onDeleted={deleted} />
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
