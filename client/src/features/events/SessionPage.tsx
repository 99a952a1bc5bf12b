import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentCaller, EventRegistration, EventSession, RegistrationResult } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { can } from '../../shared/auth/access';
import { isStudent } from '../../shared/auth/roles';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { saveFile } from '../../shared/download';
import { formatNumber, locale } from '../../shared/i18n/i18n';
import { SessionStatus } from './EventsPage';

/** "Tue, Mar 9, 9:00 – 11:00 AM" in the reader's time zone and language. */
export function sessionWhen(session: Pick<EventSession, 'startsAt' | 'endsAt'>): string {
  const start = new Date(session.startsAt);
  const end = new Date(session.endsAt);
  const day = new Intl.DateTimeFormat(locale(), { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(start);
  const time = new Intl.DateTimeFormat(locale(), { hour: 'numeric', minute: '2-digit' });
  return `${day}, ${time.formatRange(start, end)}`;
}

/**
 * One session: when and where, its seats, its calendar file; a student registers, cancels and checks in with the code;
 * school staff register a class; the host, a curator or a teacher takes attendance from the roster (made for a phone,
 * standing at the event: everyone present at a tap, then the exceptions).
 */
export function SessionPage({ me, sessionId }: { me: CurrentCaller; sessionId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useResource(`event-session:${sessionId}`, (a, signal) => a.getEventSession(sessionId, signal));
  const download = useAction();
  const s = session.data;
  const staff = !isStudent(me) && (s?.canManage || can(me, 'peopleRead'));
  return (
    <>
      <p>
        <a href="#/events">← {t('nav.events')}</a>
      </p>
      {session.status === 'error' && session.error ? <ErrorBanner error={session.error} onRetry={session.reload} /> : null}
      {session.status === 'loading' && !s ? <Loading>{t('events.loadingOne')}</Loading> : null}
      {s ? (
        <>
          <div className="page-header">
            <h1>{s.opportunityTitle}</h1>
            <SessionStatus session={s} />
          </div>
          <dl className="facts">
            <dt>{t('events.when')}</dt>
            <dd>{sessionWhen(s)}</dd>
            <dt>{t('events.where')}</dt>
            <dd>
              {s.location ?? t('events.online')}
              {s.virtualUrl ? (
                <>
                  {' · '}
                  <a href={s.virtualUrl} rel="noreferrer" target="_blank">
                    {t('events.join')}
                  </a>
                </>
              ) : null}
            </dd>
            {s.offCampus ? (
              <>
                <dt>{t('events.tripLabel')}</dt>
                <dd>{t('events.offCampus')}</dd>
              </>
            ) : null}
            <dt>{t('events.seatsLabel')}</dt>
            <dd>
              {t('events.seats', { taken: formatNumber(s.registered), capacity: formatNumber(s.capacity) })}
              {s.waitlisted > 0 ? ` · ${t('events.waiting', { count: s.waitlisted })}` : ''}
            </dd>
          </dl>
          {s.checkInCode ? (
            <>
              <p className="check-in-code">
                {t('events.codeLabel')} <strong>{s.checkInCode}</strong>
              </p>
              <CheckInQr sessionId={s.id} />
            </>
          ) : null}
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={download.busy}
              onClick={() => download.run(async () => saveFile((await api.getSessionCalendar(s.id)).data, 'session.ics'))}
            >
              {t('events.addToCalendar')}
            </button>
          </p>
          {download.error ? <ErrorBanner error={download.error} /> : null}
          {isStudent(me) && me.studentId ? <StudentActions session={s} studentId={me.studentId} onChange={session.reload} /> : null}
          {staff && !s.cancelled ? <RegisterClass session={s} mine={me.memberships.some((m) => m.role === 'teacher')} onChange={session.reload} /> : null}
          {(s.iAttended || (s.canManage && !isStudent(me))) && !s.cancelled && new Date(s.startsAt).getTime() <= Date.now() ? (
            <Feedback session={s} host={!s.iAttended} onSaved={session.set} />
          ) : null}
          {staff ? <Roster session={s} /> : null}
        </>
      ) : null}
    </>
  );
}

/** After the event: a rating from 1 to 5 and, for a student, a few words on what they learned or want to explore next. */
function Feedback({ session, host, onSaved }: { session: EventSession; host: boolean; onSaved: (session: EventSession) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const action = useAction();
  const [rating, setRating] = useState(session.myRating ?? 0);
  const [reflection, setReflection] = useState('');
  const [done, setDone] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      onSaved(await api.giveEventFeedback(session.id, { rating, reflection: reflection.trim() || undefined }));
      setDone(t('events.feedbackSaved'));
    });
  };
  return (
    <section aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{t(host ? 'events.hostFeedback' : 'events.feedback')}</h2>
      {action.error ? <ErrorBanner error={action.error} /> : null}
      <Notice>{done}</Notice>
      {session.ratings !== undefined && session.ratings !== null && session.ratings > 0 ? (
        <p className="muted">{t('events.ratingsSoFar', { count: session.ratings, average: formatNumber(session.averageRating ?? 0) })}</p>
      ) : null}
      <form className="form" onSubmit={submit}>
        <fieldset className="fieldset">
          <legend>{t('events.ratingLegend')}</legend>
          <div className="rating">
            {[1, 2, 3, 4, 5].map((value) => (
              <label key={value} className="check">
                <input type="radio" name="rating" value={value} checked={rating === value} onChange={() => setRating(value)} required />
                <span>{t(`events.rating.${value}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label htmlFor="event-reflection">{t(host ? 'events.hostNote' : 'events.reflectionPrompt')}</label>
        <textarea id="event-reflection" value={reflection} onChange={(e) => setReflection(e.target.value)} maxLength={2000} rows={3} />
        <button type="submit" className="button" disabled={action.busy || rating === 0}>
          {t('events.sendFeedback')}
        </button>
      </form>
    </section>
  );
}

/** The check-in code as a QR code, for the host to show: scanned, it opens this page with the code filled in. */
function CheckInQr({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const action = useAction();
  const [src, setSrc] = useState<string>();
  useEffect(() => () => (src ? URL.revokeObjectURL(src) : undefined), [src]);
  if (src) return <img className="check-in-qr" src={src} alt={t('events.qrAlt')} width={240} height={240} />;
  return (
    <p>
      <button
        type="button"
        className="button button--secondary"
        disabled={action.busy}
        onClick={() => action.run(async () => setSrc(URL.createObjectURL((await api.getCheckInQr(sessionId)).data)))}
      >
        {t('events.showQr')}
      </button>
      {action.error ? <ErrorBanner error={action.error} /> : null}
    </p>
  );
}

/** The code a scanned QR code brings in the page's address ("#/events/<id>?code=K7MQ2P"). */
function codeFromAddress(): string {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('code') ?? '';
}

function StudentActions({ session, studentId, onChange }: { session: EventSession; studentId: string; onChange: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const action = useAction();
  const [done, setDone] = useState<string>();
  const [code, setCode] = useState(codeFromAddress);
  const upcoming = new Date(session.startsAt).getTime() > Date.now();

  const register = () =>
    action.run(async () => {
      const [result] = await api.registerForSession(session.id, { studentIds: [studentId] });
      setDone(result.outcome === 'refused' ? (result.reason ?? t('events.refused')) : t(`events.outcome.${result.outcome}`));
      onChange();
    });
  const cancel = () =>
    action.run(async () => {
      await api.cancelRegistration(session.id, studentId);
      setDone(t('events.cancelledMine'));
      onChange();
    });
  const checkIn = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api.checkIn(session.id, { code: code.trim() });
      setDone(t('events.checkedIn'));
      setCode('');
    });
  };

  return (
    <section aria-labelledby="my-registration">
      <h2 id="my-registration">{t('events.mine')}</h2>
      {action.error ? <ErrorBanner error={action.error} /> : null}
      <Notice>{done}</Notice>
      {!session.myStatus && !session.cancelled && upcoming ? (
        <button type="button" className="button" disabled={action.busy} onClick={register}>
          {session.registered < session.capacity ? t('events.register') : t('events.joinWaitlist')}
        </button>
      ) : null}
      {session.myStatus && upcoming ? (
        <button type="button" className="button button--secondary" disabled={action.busy} onClick={cancel}>
          {t('events.cancelMine')}
        </button>
      ) : null}
      {session.myStatus === 'registered' && !session.cancelled ? (
        <form className="form form--inline" onSubmit={checkIn}>
          <label htmlFor="check-in-code">{t('events.codeField')}</label>
          <input
            id="check-in-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            inputMode="text"
            maxLength={16}
            required
          />
          <button type="submit" className="button" disabled={action.busy}>
            {t('events.checkIn')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function RegisterClass({ session, mine, onChange }: { session: EventSession; mine: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const classes = useResource(`classes:${mine}`, (a, signal) => a.listClasses(undefined, mine || undefined, signal));
  const action = useAction();
  const [classId, setClassId] = useState('');
  const [results, setResults] = useState<RegistrationResult[]>();
  if (new Date(session.startsAt).getTime() <= Date.now()) return null;
  const list = (classes.data ?? []).filter((c) => c.active);
  if (classes.status === 'ready' && list.length === 0) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      setResults(await api.registerForSession(session.id, { studentIds: [], classId }));
      onChange();
    });
  };
  const count = (outcome: RegistrationResult['outcome']) => results?.filter((r) => r.outcome === outcome).length ?? 0;

  return (
    <section aria-labelledby="register-class">
      <h2 id="register-class">{t('events.registerClass')}</h2>
      {action.error ? <ErrorBanner error={action.error} /> : null}
      <form className="form form--inline" onSubmit={submit}>
        <label htmlFor="class-to-register">{t('events.classField')}</label>
        <select id="class-to-register" value={classId} onChange={(e) => setClassId(e.target.value)} required>
          <option value="">{t('events.chooseClass')}</option>
          {list.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title} ({formatNumber(c.students)})
            </option>
          ))}
        </select>
        <button type="submit" className="button" disabled={action.busy || !classId}>
          {t('events.registerClassButton')}
        </button>
      </form>
      <Notice>
        {results
          ? t('events.classResult', {
              registered: count('registered'),
              waitlisted: count('waitlisted'),
              already: count('alreadyRegistered') + count('alreadyWaitlisted'),
              refused: count('refused'),
            })
          : undefined}
      </Notice>
      {results && count('refused') > 0 ? (
        <ul>
          {results
            .filter((r) => r.outcome === 'refused')
            .map((r) => (
              <li key={r.studentId}>{r.reason}</li>
            ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The roster, and attendance: everyone present at a tap, then untick who was not there, and save. */
function Roster({ session }: { session: EventSession }) {
  const { t } = useTranslation();
  const api = useApi();
  const roster = useResource(`event-roster:${session.id}`, (a, signal) => a.listSessionRegistrations(session.id, signal));
  const save = useAction();
  const [present, setPresent] = useState<Record<string, boolean>>({});
  const [saved, setSaved] = useState<string>();
  const people = roster.data ?? [];
  const seated = people.filter((r) => r.status === 'registered');
  const waiting = people.filter((r) => r.status === 'waitlisted');
  const opensAt = new Date(session.startsAt).getTime() - 60 * 60 * 1000;
  const canTake = !session.cancelled && Date.now() >= opensAt && seated.length > 0;
  // A student whose trip still needs a guardian's permission (or was refused it) cannot be marked present.
  const mayAttend = (r: EventRegistration) => r.permission !== 'pending' && r.permission !== 'refused';
  const isPresent = (r: EventRegistration) => mayAttend(r) && (present[r.studentId] ?? r.attendance === 'present');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run(async () => {
      const updated = await api.recordAttendance(session.id, {
        present: seated.filter(isPresent).map((r) => r.studentId),
        absent: seated.filter((r) => !isPresent(r)).map((r) => r.studentId),
      });
      roster.set(updated);
      setPresent({});
      setSaved(t('events.attendanceSaved', { present: updated.filter((r) => r.attendance === 'present').length }));
    });
  };

  return (
    <section aria-labelledby="roster">
      <h2 id="roster">{t('events.roster')}</h2>
      {roster.status === 'error' && roster.error ? <ErrorBanner error={roster.error} onRetry={roster.reload} /> : null}
      {roster.status === 'ready' && people.length === 0 ? <p className="muted">{t('events.nobody')}</p> : null}
      {save.error ? <ErrorBanner error={save.error} /> : null}
      <Notice>{saved}</Notice>
      {seated.length > 0 ? (
        <form onSubmit={submit}>
          {canTake ? (
            <p>
              <button type="button" className="button button--secondary" onClick={() => setPresent(Object.fromEntries(seated.filter(mayAttend).map((r) => [r.studentId, true])))}>
                {t('events.allPresent')}
              </button>
            </p>
          ) : (
            <p className="muted">{session.cancelled ? t('events.cancelled') : t('events.attendanceLater')}</p>
          )}
          <ul className="attendance" aria-label={t('events.seated')}>
            {seated.map((r) => (
              <li key={r.studentId} className="attendance__row">
                <label>
                  <input type="checkbox" checked={isPresent(r)} disabled={!canTake || !mayAttend(r)} onChange={(e) => setPresent((p) => ({ ...p, [r.studentId]: e.target.checked }))} />
                  <span>
                    {r.name}
                    <span className="muted">
                      {' · '}
                      {r.schoolName}
                      {r.checkedInAt ? ` · ${t('events.checkedInTag')}` : ''}
                      {r.attendance === 'absent' ? ` · ${t('events.absentTag')}` : ''}
                      {r.rating ? ` · ${t('events.ratedTag', { rating: r.rating })}` : ''}
                      {r.permission ? ` · ${t(`events.permission.${r.permission}`)}` : ''}
                    </span>
                    {r.reflection ? <span className="attendance__reflection">“{r.reflection}”</span> : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {canTake ? (
            <button type="submit" className="button" disabled={save.busy}>
              {t('events.saveAttendance')}
            </button>
          ) : null}
        </form>
      ) : null}
      {waiting.length > 0 ? (
        <>
          <h3>{t('events.waitlist')}</h3>
          <ol>
            {waiting.map((r) => (
              <li key={r.studentId}>
                {r.name} <span className="muted">· {r.schoolName}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
