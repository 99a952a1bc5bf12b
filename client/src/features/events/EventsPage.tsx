import { useTranslation } from 'react-i18next';
import type { CurrentCaller, EventSession } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { formatNumber } from '../../shared/i18n/i18n';
import { employerMemberships } from '../../shared/auth/roles';
import { ScheduleSession } from './ScheduleSession';
import { SessionPage, sessionWhen } from './SessionPage';

/**
 * Events (guest speakers, tours, career fairs, informational interviews): the sessions of those the caller may see, in
 * time order, each with its seats and the student's own standing; a session opens its page.
 */
export function EventsPage({ me, path }: { me: CurrentCaller; path: readonly string[] }) {
  if (path[0]) return <SessionPage key={path[0]} me={me} sessionId={path[0]} />;
  const hosts = employerMemberships(me).filter((m) => m.permissions.includes('opportunitiesWrite'));
  return <EventList hosts={hosts} />;
}

function EventList({ hosts }: { hosts: ReturnType<typeof employerMemberships> }) {
  const { t } = useTranslation();
  const sessions = useResource('event-sessions', (api, signal) => api.listEventSessions(undefined, undefined, 100, signal));
  const items = sessions.data ?? [];
  return (
    <>
      <div className="page-header">
        <h1>{t('nav.events')}</h1>
        <p className="muted">{t('events.intro')}</p>
      </div>
      {hosts.length > 0 ? <ScheduleSession employers={hosts} /> : null}
      {sessions.status === 'error' && sessions.error ? <ErrorBanner error={sessions.error} onRetry={sessions.reload} /> : null}
      {sessions.status === 'loading' && !sessions.data ? <Loading>{t('events.loading')}</Loading> : null}
      {sessions.status === 'ready' && items.length === 0 ? <p className="card muted">{t('events.none')}</p> : null}
      <ol className="cards" aria-label={t('events.list')}>
        {items.map((session) => (
          <SessionCard key={session.id} session={session} />
        ))}
      </ol>
    </>
  );
}

function SessionCard({ session }: { session: EventSession }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <div className="card__header">
        <h2>
          <a href={`#/events/${session.id}`}>{session.opportunityTitle}</a>
        </h2>
        <SessionStatus session={session} />
      </div>
      <p>{sessionWhen(session)}</p>
      <p className="muted">{session.location ?? t('events.online')}</p>
      <p className="muted">
        {t('events.seats', { taken: formatNumber(session.registered), capacity: formatNumber(session.capacity) })}
        {session.waitlisted > 0 ? ` · ${t('events.waiting', { count: session.waitlisted })}` : ''}
      </p>
    </li>
  );
}

/** The session's state as a tag: cancelled, or the student's own standing. */
export function SessionStatus({ session }: { session: EventSession }) {
  const { t } = useTranslation();
  if (session.cancelled) return <span className="tag tag--muted">{t('events.cancelled')}</span>;
  if (session.myStatus === 'registered') return <span className="tag tag--school">{t('events.status.registered')}</span>;
  if (session.myStatus === 'waitlisted') return <span className="tag tag--employer">{t('events.status.waitlisted')}</span>;
  return null;
}
