import { useId, useRef, useState, type FormEvent } from 'react';
import type { HoursDecisionRequest, LinkedHoursEntry } from '@launchpath/contracts';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { Loading } from '../../shared/components/Loading';
import { formatDate, formatDateTime } from '../../shared/format';
import { endOf, formatMinutes, hoursStatusLabels } from './hours';
import { LinkProblem } from './LinkProblem';

/**
 * The page a one-time hours link opens, without signing in: the entry of hours the link is for, and the supervisor's
 * decision — approve, or reject with a reason — under their name. A link decides one entry, once.
 */
export function HoursLinkPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const linked = useResource(`hours-link:${token}`, (a, signal) => a.getLinkedHours(token, signal));
  const [decided, setDecided] = useState<{ by: string; result: LinkedHoursEntry }>();

  if (linked.error && !decided) return <LinkProblem error={linked.error} from={t('links.fromEmployerOrSchool')} onRetry={linked.reload} />;
  if (!linked.data) return <Loading>{t('links.hours.loading')}</Loading>;
  const { studentFirstName, opportunityTitle, entry, expiresAt } = decided?.result ?? linked.data;
  return (
    <div className="public-page">
      <h1>{t('links.hours.title', { student: studentFirstName })}</h1>
      <p>{t('links.hours.intro', { student: studentFirstName, opportunity: opportunityTitle })}</p>
      <dl className="details card">
        <div>
          <dt>{t('hours.date')}</dt>
          <dd>{formatDate(entry.date)}</dd>
        </div>
        <div>
          <dt>{t('hours.time')}</dt>
          <dd>
            {entry.start}–{endOf(entry.start, entry.minutes)} ({formatMinutes(entry.minutes)})
          </dd>
        </div>
        <div>
          <dt>{t('hours.whatTheyDid')}</dt>
          <dd>{entry.activity}</dd>
        </div>
        <div>
          <dt>{t('hours.status')}</dt>
          <dd data-testid="linked-hours-status">{hoursStatusLabels[entry.status]}</dd>
        </div>
        {entry.reason ? (
          <div>
            <dt>{t('hours.reason')}</dt>
            <dd>{entry.reason}</dd>
          </div>
        ) : null}
      </dl>
      <div role="status" className="form__status">
        {decided ? (
          <p className="banner banner--success">{t(entry.status === 'approved' ? 'links.hours.thanksApproved' : 'links.hours.thanksRejected', { name: decided.by })}</p>
        ) : null}
      </div>
      {decided ? null : entry.status === 'submitted' ? (
        <>
          <p className="muted">{t('links.worksOnceUntil', { date: formatDateTime(expiresAt) })}</p>
          <DecisionForm
            onDecide={async (body) => {
              const result = await api.decideHoursByLink(token, body);
              setDecided({ by: body.name ?? '', result });
            }}
          />
        </>
      ) : (
        <p>{t('links.hours.alreadyDecided')}</p>
      )}
    </div>
  );
}

function DecisionForm({ onDecide }: { onDecide: (body: HoursDecisionRequest) => Promise<void> }) {
  const { t } = useTranslation();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  useFocusOnError(formRef, error);

  const decide = async (approve: boolean) => {
    if (busy) return;
    const problems: Record<string, string[]> = {};
    if (!name.trim()) problems.name = [t('links.hours.enterName')];
    if (!approve && !reason.trim()) problems.reason = [t('links.hours.sayWhy')];
    if (Object.keys(problems).length > 0) {
      setError({ message: t('errors.correctFields'), fieldErrors: problems });
      return;
    }
    await run(() => onDecide({ approve, name: name.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) }));
  };

  return (
    <form
      ref={formRef}
      className="form card"
      noValidate
      aria-labelledby={headingId}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void decide(true);
      }}
    >
      <h2 id={headingId}>{t('links.hours.decision')}</h2>
      {error ? <ErrorBanner error={bannerError(error, (field) => field === 'name' || field === 'reason')} /> : null}
      <Field label={t('links.hours.yourName')} required errors={error ? fieldErrorsFor(error.fieldErrors, 'name') : []} hint={t('links.hours.recorded')}>
        <input name="name" autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('hours.reason')} errors={error ? fieldErrorsFor(error.fieldErrors, 'reason') : []} hint={t('links.hours.reasonHint')}>
        <textarea name="reason" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('links.hours.approve')}
        </button>
        <button type="button" className="button button--danger-outline" disabled={busy} onClick={() => void decide(false)}>
          {t('links.hours.reject')}
        </button>
      </div>
    </form>
  );
}
