import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Opportunity } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor, toUiError, type UiError } from '../../shared/api/problems';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { formatDateTime } from '../../shared/format';
import { OpportunityDetails } from '../../shared/opportunities/OpportunityDetails';
import { QualityList } from './QualityList';
import { OpportunityFacts } from '../../shared/opportunities/OpportunitySummary';

interface Props {
  opportunity: Opportunity;
  audienceNames: ReadonlyMap<string, string>;
  onDecided: (opportunity: Opportunity) => void;
}

/** One submitted opportunity: its facts, all details on demand, and approve / reject with a reason. */
export function CurationItem({ opportunity, audienceNames, onDecided }: Props) {
  const api = useApi();
  const headingId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  // Not useAction: `busy` says which button is working, and stays set after a decision, as the item leaves the queue.
  const [busy, setBusy] = useState<'approving' | 'rejecting'>();
  const [error, setError] = useState<UiError>();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const rejectRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  // Opening the reason form takes focus to the reason; cancelling it brings focus back to "Reject…".
  useEffect(() => {
    if (rejecting) reasonRef.current?.focus();
    else if (opened.current) rejectRef.current?.focus();
    opened.current = rejecting;
  }, [rejecting]);
  const title = opportunity.fields.title;

  async function approve() {
    setBusy('approving');
    setError(undefined);
    try {
      onDecided(await api.approveOpportunity(opportunity.id));
    } catch (caught) {
      setError(toUiError(caught));
      setBusy(undefined);
    }
  }

  async function reject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setError({ message: 'Say why, so the employer can fix it.', fieldErrors: { reason: ['Enter a reason.'] } });
      reasonRef.current?.focus();
      return;
    }
    setBusy('rejecting');
    setError(undefined);
    try {
      onDecided(await api.rejectOpportunity(opportunity.id, { reason: reason.trim() }));
    } catch (caught) {
      setError(toUiError(caught));
      setBusy(undefined);
      reasonRef.current?.focus();
    }
  }

  return (
    <li className="card">
      <div className="card__header">
        <h2 id={headingId}>{title}</h2>
        <p className="muted">Submitted {formatDateTime(opportunity.submittedAt)}</p>
      </div>
      <OpportunityFacts opportunity={opportunity} />
      <p>{opportunity.fields.description}</p>
      <QualityList criteria={opportunity.quality} />
      <details className="disclosure">
        <summary>All details of “{title}”</summary>
        <OpportunityDetails opportunity={opportunity} audienceNames={audienceNames} />
      </details>
      {error && !error.fieldErrors.reason ? <ErrorBanner error={error} /> : null}
      {rejecting ? (
        <form className="form reject-form" onSubmit={reject} noValidate aria-label={`Reject ${title}`}>
          <Field label="Reason for the employer" errors={error ? fieldErrorsFor(error.fieldErrors, 'reason') : []} required hint="For example: add the site address, or the minimum age for this work.">
            <textarea ref={reasonRef} name="reason" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div className="form__actions">
            <button type="button" className="button button--secondary" onClick={() => {
                setRejecting(false);
                setError(undefined);
              }}
              disabled={busy !== undefined}
            >
              Cancel
            </button>
            <button type="submit" className="button button--danger" disabled={busy !== undefined}>
              {busy === 'rejecting' ? 'Rejecting…' : 'Reject'}
            </button>
          </div>
        </form>
      ) : (
        <div className="form__actions">
          {opportunity.allowedActions.includes('reject') ? (
            <button
              type="button"
              className="button button--secondary"
              ref={rejectRef}
              onClick={() => setRejecting(true)}
              disabled={busy !== undefined}
            >
              Reject…<span className="visually-hidden"> “{title}”</span>
            </button>
          ) : null}
          {opportunity.allowedActions.includes('approve') ? (
            <button type="button" className="button" onClick={approve} disabled={busy !== undefined}>
              {busy === 'approving' ? 'Approving…' : 'Approve and publish'}
              <span className="visually-hidden"> “{title}”</span>
            </button>
          ) : (
            <p className="muted">A curator for its audience decides it.</p>
          )}
        </div>
      )}
    </li>
  );
}
