import { useTranslation } from 'react-i18next';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { LogHoursRequest } from '@launchpath/contracts';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { checkHoursDraft, formatMinutes, minutesOfDay, toLogHoursRequest, type HoursDraft } from './hours';

/** The API's field names this form shows: "minutes" is shown on the end time, from which it is counted. */
const shown = new Set(['date', 'start', 'minutes', 'activity']);

interface Props {
  heading: string;
  submitLabel: string;
  initial: HoursDraft;
  /** Sends the entry; rejects with what the API threw. Resolves true to clear the form. */
  onSubmit: (request: LogHoursRequest) => Promise<boolean>;
  onCancel?: () => void;
  /** Focus the first field on mount (a correction opened from a button). */
  autoFocus?: boolean;
}

/** Logs or corrects one entry of hours: date, start and end time, what was done. */
export function HoursForm({ heading, submitLabel, initial, onSubmit, onCancel, autoFocus }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  const { busy, error, setError, run } = useAction();
  useFocusOnError(formRef, error);

  const errorsFor = (field: string) => (error ? fieldErrorsFor(error.fieldErrors, field) : []);
  const bind = (key: keyof HoursDraft) => ({
    name: key,
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });
  const start = minutesOfDay(draft.start);
  const end = minutesOfDay(draft.end);
  const duration = start !== undefined && end !== undefined && end > start ? formatMinutes(end - start) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems = checkHoursDraft(draft);
    if (Object.keys(problems).length > 0) {
      setError({ message: t('errors.correctFields'), fieldErrors: problems });
      return;
    }
    await run(async () => {
      if (await onSubmit(toLogHoursRequest(draft))) setDraft((d) => ({ ...d, start: '', end: '', activity: '' }));
    });
  };

  return (
    <form ref={formRef} className="form card" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h3 id={headingId}>{heading}</h3>
      <p className="muted">{t('hours.rules')}</p>
      {error ? <ErrorBanner error={bannerError(error, (field) => shown.has(field))} /> : null}
      <div className="form form--inline hours-form__when">
        <Field label={t('hours.date')} required errors={errorsFor('date')}>
          <input type="date" autoFocus={autoFocus} {...bind('date')} />
        </Field>
        <Field label={t('hours.start')} required errors={errorsFor('start')}>
          <input type="time" {...bind('start')} />
        </Field>
        <Field label={t('hours.end')} required errors={errorsFor('minutes')} hint={duration ? t('hours.worked', { time: duration }) : undefined}>
          <input type="time" {...bind('end')} />
        </Field>
      </div>
      <Field label={t('hours.whatYouDid')} required errors={errorsFor('activity')} hint={t('hours.whatYouDidHint')}>
        <textarea rows={3} maxLength={1000} {...bind('activity')} />
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
