import { useTranslation } from 'react-i18next';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ActionLink, HoursAction, HoursEntry, LogHoursRequest } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { useFocusOnError } from '../../shared/components/formErrors';
import { formatDate } from '../../shared/format';
import { HoursForm } from './HoursForm';
import { draftOf, endOf, formatMinutes, hoursStatusLabels } from './hours';
import { OneTimeLink } from './OneTimeLink';

interface Props {
  /** The entry, with what the caller may do to it (its allowedActions): exactly those are offered. */
  entry: HoursEntry;
  /** The entry as the API returned it after a change. */
  onChanged: (entry: HoursEntry, message: string) => void;
  onDeleted: (entry: HoursEntry, message: string) => void;
}

/** "Feb 10, 2027, 15:30–17:30": names an entry in headings and in its buttons' accessible names. */
export function entryLabel(entry: HoursEntry): string {
  return `${formatDate(entry.date)}, ${entry.start}–${endOf(entry.start, entry.minutes)}`;
}

/** One entry of hours: when, how long, what, its status; and the caller's actions on it. */
export function HoursEntryItem({ entry, onChanged, onDeleted }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [mode, setMode] = useState<'view' | 'edit' | 'reject' | 'confirmDelete'>('view');
  const { busy, error, run } = useAction();
  const [link, setLink] = useState<ActionLink>();
  const itemRef = useRef<HTMLLIElement>(null);
  const label = entryLabel(entry);
  const may = (action: HoursAction) => entry.allowedActions.includes(action);
  useFocusOnError(itemRef, error);

  if (mode === 'edit') {
    const save = async (request: LogHoursRequest) => {
      const corrected = await api.editHours(entry.id, request);
      setMode('view');
      onChanged(corrected, t('hours.corrected', { date: formatDate(request.date) }));
      return false;
    };
    return (
      <li>
        <HoursForm heading={t('hours.correctTitle', { label })} submitLabel={t('hours.saveCorrection')} initial={draftOf(entry, entry.date)} onSubmit={save} onCancel={() => setMode('view')} autoFocus />
      </li>
    );
  }

  return (
    <li ref={itemRef} className="card">
      <h3>
        {label} <span className="muted">({formatMinutes(entry.minutes)})</span>
      </h3>
      <p>
        <span className={`tag tag--hours-${entry.status}`}>{hoursStatusLabels[entry.status]}</span>
        {entry.decidedAt ? <span className="muted"> {t('hours.on', { date: formatDate(entry.decidedAt) })}</span> : null}
      </p>
      <p className="hours-entry__activity">{entry.activity}</p>
      {entry.status === 'rejected' && entry.reason ? <p>{t('hours.rejectedReason', { reason: entry.reason })}</p> : null}
      {error ? <ErrorBanner error={error} /> : null}

      {may('edit') || may('delete') ? (
        <div className="actions">
          {may('edit') ? (
            <button type="button" className="button button--secondary button--small" onClick={() => setMode('edit')}>
              {t('hours.edit')}<span className="visually-hidden"> {t('hours.theHoursOf', { label })}</span>
            </button>
          ) : null}
          {may('delete') ? (
            <button type="button" className="button button--danger-outline button--small" disabled={busy} onClick={() => setMode('confirmDelete')}>
              {t('hours.delete')}<span className="visually-hidden"> {t('hours.theHoursOf', { label })}</span>
            </button>
          ) : null}
        </div>
      ) : null}

      {(may('decide') || may('createLink')) && mode !== 'reject' ? (
        <div className="actions">
          {may('decide') ? (
            <>
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => void run(async () => onChanged(await api.decideHours(entry.id, { approve: true }), `Approved the hours of ${label}.`))}
              >
                Approve<span className="visually-hidden"> the hours of {label}</span>
              </button>
              <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => setMode('reject')}>
                Reject…<span className="visually-hidden"> the hours of {label}</span>
              </button>
            </>
          ) : null}
          {may('createLink') ? (
            <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void run(async () => setLink(await api.createHoursLink(entry.id)))}>
              Create approval link<span className="visually-hidden"> for the hours of {label}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      {may('decide') && mode === 'reject' ? (
        <RejectForm
          label={label}
          busy={busy}
          errors={error ? fieldErrorsFor(error.fieldErrors, 'reason') : []}
          onCancel={() => setMode('view')}
          onSubmit={(reason) => run(async () => onChanged(await api.decideHours(entry.id, { approve: false, reason }), `Rejected the hours of ${label}.`))}
        />
      ) : null}
      {link && may('createLink') ? <OneTimeLink link={link} /> : null}

      <ConfirmDialog
        open={mode === 'confirmDelete'}
        title={t('hours.deleteTitle')}
        confirmLabel={t('hours.delete')}
        onCancel={() => setMode('view')}
        onConfirm={() => {
          setMode('view');
          void run(async () => {
            await api.deleteHours(entry.id);
            onDeleted(entry, t('hours.deleted', { label }));
          });
        }}
      >
        <p>
          {label}: {entry.activity}
        </p>
      </ConfirmDialog>
    </li>
  );
}

/** The reason for a rejection, which the student sees to correct the entry. */
function RejectForm({
  label,
  busy,
  errors,
  onSubmit,
  onCancel,
}: {
  label: string;
  busy: boolean;
  /** The API's messages for the reason. */
  errors: readonly string[];
  onSubmit: (reason: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<{ at: number }>();
  useFocusOnError(formRef, missing);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setMissing({ at: Date.now() });
    setMissing(undefined);
    await onSubmit(reason.trim());
  };
  return (
    <form ref={formRef} className="form" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h4 id={headingId} className="visually-hidden">
        Reject the hours of {label}
      </h4>
      <Field label="Reason for rejecting" required hint="The student sees it and can correct the entry." errors={missing ? ['Say why the hours are rejected.'] : errors}>
        <textarea rows={2} maxLength={1000} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="submit" className="button button--danger button--small" disabled={busy}>
          Reject hours
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
