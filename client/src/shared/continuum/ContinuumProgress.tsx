import { useTranslation } from 'react-i18next';
import type { Placement, StudentEvent, StudentHours } from '@launchpath/contracts';
import type { Api } from '../api/client';
import { useResource } from '../api/useResource';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { formatDate, hoursText } from '../format';
import { placementStatusLabels, stageLabels } from '../labels';
import { nextStep, progressByStage, stageDescriptions, stageStateLabels } from './continuum';
import './continuum.css';

/** Most placements read for one student (pages of 100). */
const maxPlacements = 500;

/** All of a student's placements, every page. */
export async function loadStudentPlacements(api: Api, studentId: string, signal: AbortSignal): Promise<Placement[]> {
  const items: Placement[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listPlacements(studentId, undefined, undefined, 100, cursor, signal);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < maxPlacements);
  return items;
}

interface Props {
  studentId: string;
  /** "student": the student's own page (says "you", links to recommendations); "staff": a student's record. */
  audience: 'student' | 'staff';
}

/**
 * A student's way along the work-based learning continuum (awareness → exploration → preparation → training): their
 * experiences at each stage with the hours logged and approved, and what comes next.
 */
export function ContinuumProgress({ studentId, audience }: Props) {
  const { t } = useTranslation();
  const placements = useResource(`placements-of:${studentId}`, (api, signal) => loadStudentPlacements(api, studentId, signal));
  const hours = useResource(`hours-of:${studentId}`, (api, signal) => api.getStudentHours(studentId, signal));
  const events = useResource(`events-of:${studentId}`, (api, signal) => api.listStudentEvents(studentId, signal));
  const own = audience === 'student';

  return (
    <section className="card continuum-card" aria-labelledby="continuum-progress-heading">
      <h2 id="continuum-progress-heading">{t(own ? 'continuum.yourPath' : 'continuum.progress')}</h2>
      {hours.status === 'error' && hours.error ? <ErrorBanner error={hours.error} onRetry={hours.reload} /> : null}
      {hours.data ? <HoursFigures hours={hours.data} own={own} /> : null}
      {placements.status === 'error' && placements.error ? <ErrorBanner error={placements.error} onRetry={placements.reload} /> : null}
      {placements.status === 'loading' || hours.status === 'loading' ? <Loading>{t('continuum.loading')}</Loading> : null}
      {events.status === 'error' && events.error ? <ErrorBanner error={events.error} onRetry={events.reload} /> : null}
      {placements.data ? <Stages placements={placements.data} events={events.data ?? []} hours={hours.data} own={own} /> : null}
    </section>
  );
}

function HoursFigures({ hours, own }: { hours: StudentHours; own: boolean }) {
  const { t } = useTranslation();
  const waiting = hours.placements.reduce((sum, p) => sum + p.submittedMinutes, 0);
  return (
    <dl className="figures">
      <div className="figure">
        <dt>{t('continuum.hoursApproved')}</dt>
        <dd>{hoursText(hours.approvedMinutes)}</dd>
      </div>
      <div className="figure">
        <dt>{t('continuum.hoursWaiting')}</dt>
        <dd>{hoursText(waiting)}</dd>
        <dd className="figure__note">{t(own ? 'continuum.waitingOwn' : 'continuum.waitingStaff')}</dd>
      </div>
    </dl>
  );
}

function Stages({ placements, events, hours, own }: { placements: readonly Placement[]; events: readonly StudentEvent[]; hours?: StudentHours; own: boolean }) {
  const { t } = useTranslation();
  const progress = progressByStage(placements, events);
  const next = nextStep(progress, own ? 'student' : 'staff');
  const hoursOf = new Map((hours?.placements ?? []).map((h) => [h.placementId, h]));
  return (
    <>
      <ol className="continuum" aria-label={t('continuum.stages')}>
        {progress.map((p) => (
          <li key={p.stage} className={`continuum__stage continuum__stage--${p.state}`} aria-current={next.stage === p.stage ? 'step' : undefined}>
            <h3>{stageLabels[p.stage]}</h3>
            <p className="continuum__state">
              {stageStateLabels[p.state]}
              {next.stage === p.stage ? <span className="continuum__next"> · {t('continuum.nextStep')}</span> : null}
            </p>
            <p className="field__hint">{stageDescriptions[p.stage]}</p>
            {p.placements.length > 0 ? (
              <ul className="continuum__placements">
                {p.placements.map((placement) => {
                  const h = hoursOf.get(placement.id);
                  return (
                    <li key={placement.id}>
                      <a href={`#/placements/${placement.id}`}>{placement.opportunityTitle}</a>
                      <span className="muted"> {t('continuum.at', { employer: placement.employerName })}</span>
                      <br />
                      <span className="continuum__meta">
                        {placementStatusLabels[placement.status]}
                        {h ? ` · ${t('continuum.approvedHours', { hours: hoursText(h.approvedMinutes) })}` : ''}
                        {h && h.submittedMinutes > 0 ? `, ${t('continuum.waitingHours', { hours: hoursText(h.submittedMinutes) })}` : ''}
                      </span>
                    </li>
                  );
                })}
              </ul>
            ) : null}
            {p.events.length > 0 ? (
              <ul className="continuum__placements" aria-label={t('continuum.eventsAttended')}>
                {p.events.map((event) => (
                  <li key={event.sessionId}>
                    <a href={`#/events/${event.sessionId}`}>{event.opportunityTitle}</a>
                    <span className="muted"> {t('continuum.at', { employer: event.employerName })}</span>
                    <br />
                    <span className="continuum__meta">{t('continuum.attendedOn', { date: formatDate(event.startsAt) })}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="banner banner--info continuum__advice">
        <h3>{t('continuum.whatNext')}</h3>
        <p>{next.text}</p>
        {next.caution ? <p>{next.caution}</p> : null}
        {own ? (
          <p>
            <a href="#/recommended">{t('continuum.seeRecommended')}</a>
          </p>
        ) : null}
      </div>
    </>
  );
}
