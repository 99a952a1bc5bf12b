import { useId, useRef, useState, type FormEvent } from 'react';
import type { HoursDecisionRequest, LinkedHoursEntry } from '@launchpath/contracts';
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
  const api = useApi();
  const linked = useResource(`hours-link:${token}`, (a, signal) => a.getLinkedHours(token, signal));
  const [decided, setDecided] = useState<{ by: string; result: LinkedHoursEntry }>();

  if (linked.error && !decided) return <LinkProblem error={linked.error} from="the employer or the school" onRetry={linked.reload} />;
  if (!linked.data) return <Loading>Loading the hours…</Loading>;
  const { studentFirstName, opportunityTitle, entry, expiresAt } = decided?.result ?? linked.data;
  return (
    <div className="public-page">
      <h1>Hours to approve for {studentFirstName}</h1>
      <p>
        {studentFirstName} logged these hours on the placement “{opportunityTitle}”. As the supervisor, approve them if they are right, or reject them with a
        reason so that {studentFirstName} can correct them.
      </p>
      <dl className="details card">
        <div>
          <dt>Date</dt>
          <dd>{formatDate(entry.date)}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>
            {entry.start}–{endOf(entry.start, entry.minutes)} ({formatMinutes(entry.minutes)})
          </dd>
        </div>
        <div>
          <dt>What they did</dt>
          <dd>{entry.activity}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd data-testid="linked-hours-status">{hoursStatusLabels[entry.status]}</dd>
        </div>
        {entry.reason ? (
          <div>
            <dt>Reason</dt>
            <dd>{entry.reason}</dd>
          </div>
        ) : null}
      </dl>
      <div role="status" className="form__status">
        {decided ? (
          <p className="banner banner--success">
            Thank you, {decided.by}. The hours are {entry.status === 'approved' ? 'approved' : 'rejected'}; this link is now used up.
          </p>
        ) : null}
      </div>
      {decided ? null : entry.status === 'submitted' ? (
        <>
          <p className="muted">This link works once and expires {formatDateTime(expiresAt)}.</p>
          <DecisionForm
            onDecide={async (body) => {
              const result = await api.decideHoursByLink(token, body);
              setDecided({ by: body.name ?? '', result });
            }}
          />
        </>
      ) : (
        <p>These hours were already decided: nothing is left to do here.</p>
      )}
    </div>
  );
}

function DecisionForm({ onDecide }: { onDecide: (body: HoursDecisionRequest) => Promise<void> }) {
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  useFocusOnError(formRef, error);

  const decide = async (approve: boolean) => {
    if (busy) return;
    const problems: Record<string, string[]> = {};
    if (!name.trim()) problems.name = ['Enter your name.'];
    if (!approve && !reason.trim()) problems.reason = ['Say why the hours are rejected.'];
    if (Object.keys(problems).length > 0) {
      setError({ message: 'Please correct the highlighted fields.', fieldErrors: problems });
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
      <h2 id={headingId}>Your decision</h2>
      {error ? <ErrorBanner error={bannerError(error, (field) => field === 'name' || field === 'reason')} /> : null}
      <Field label="Your name" required errors={error ? fieldErrorsFor(error.fieldErrors, 'name') : []} hint="Recorded with the decision.">
        <input name="name" autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Reason" errors={error ? fieldErrorsFor(error.fieldErrors, 'reason') : []} hint="Needed to reject: the student sees it and can correct the entry.">
        <textarea name="reason" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          Approve hours
        </button>
        <button type="button" className="button button--danger-outline" disabled={busy} onClick={() => void decide(false)}>
          Reject hours
        </button>
      </div>
    </form>
  );
}
