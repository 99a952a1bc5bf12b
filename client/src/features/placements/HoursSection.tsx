import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
      <h2 id="hours-heading">{t('hours.title')}</h2>
      {log.error ? <ErrorBanner error={log.error} onRetry={log.reload} /> : null}
      {!data && !log.error ? <Loading>{t('links.hours.loading')}</Loading> : null}
      {data ? (
        <>
          <dl className="figures figures--wide">
            <div className="figure">
              <dt>{t('hours.approved')}</dt>
              <dd data-testid="hours-approved">{formatMinutes(data.approvedMinutes)}</dd>
            </div>
            <div className="figure">
              <dt>{t('hours.awaiting')}</dt>
              <dd data-testid="hours-pending">{formatMinutes(data.submittedMinutes)}</dd>
            </div>
          </dl>
          <Notice>{notice}</Notice>
          {canLog ? (
            <HoursForm
              heading={t('hours.log')}
              submitLabel={t('hours.log')}
              initial={draftOf(undefined, localToday())}
              onSubmit={async (request) => {
                changed(await api.logHours(placement.id, request), t('hours.logged', { time: formatMinutes(request.minutes), date: formatDate(request.date) }));
                return true;
              }}
            />
          ) : null}
          {!canLog ? <p className="muted">{t('hours.whoLogs')}</p> : null}
          {data.entries.length === 0 ? (
            <p>{t('hours.none')}</p>
          ) : (
            <ul className="cards" aria-label={t('hours.entries')}>
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
