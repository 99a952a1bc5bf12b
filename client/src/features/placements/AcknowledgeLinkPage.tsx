import { useId, useRef, useState, type FormEvent } from 'react';
import type { AgreementRequest } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { Loading } from '../../shared/components/Loading';
import { formatDateRange, formatDateTime, describeSlots } from '../../shared/format';
import { partyLabels } from './placements';
import { LinkProblem } from './LinkProblem';

/**
 * The page a one-time acknowledgement link opens, without signing in: the training agreement's terms, and the
 * acknowledgement with the person's full name (a guardian, or a supervisor without an account).
 */
export function AcknowledgeLinkPage({ token }: { token: string }) {
  const api = useApi();
  const linked = useResource(`acknowledge-link:${token}`, (a, signal) => a.getLinkedAgreement(token, signal));
  const [acknowledgedBy, setAcknowledgedBy] = useState<string>();

  if (linked.error && !acknowledgedBy) return <LinkProblem error={linked.error} from="the school" onRetry={linked.reload} />;
  if (!linked.data) return <Loading>Loading the agreement…</Loading>;
  const agreement = linked.data;
  const party = partyLabels[agreement.party].toLowerCase();
  return (
    <div className="public-page">
      <h1>Training agreement for {agreement.studentFirstName}</h1>
      <p>
        “{agreement.opportunityTitle}”, with {agreement.employerName}. The school asks you, as the {party}, to read the agreement and acknowledge it.
      </p>
      <AgreementTerms terms={agreement.terms} />
      <div role="status" className="form__status">
        {acknowledgedBy ? (
          <p className="banner banner--success">
            Thank you, {acknowledgedBy}. Your acknowledgement as the {party} is recorded; this link is now used up.
          </p>
        ) : null}
      </div>
      {acknowledgedBy ? null : (
        <>
          <p className="muted">This link works once and expires {formatDateTime(agreement.expiresAt)}.</p>
          <AcknowledgeForm
            party={party}
            onSubmit={async (name) => {
              await api.acknowledgeByLink(token, { name });
              setAcknowledgedBy(name);
            }}
          />
        </>
      )}
    </div>
  );
}

function AgreementTerms({ terms }: { terms: AgreementRequest }) {
  return (
    <section className="card" aria-labelledby="terms-heading">
      <h2 id="terms-heading">The agreement</h2>
      <h3>Learning objectives</h3>
      <ul>
        {terms.objectives.map((o, i) => (
          <li key={i}>
            {o.description}
            {o.skills.length > 0 ? <span className="muted"> (skills: {o.skills.join(', ')})</span> : null}
          </li>
        ))}
      </ul>
      <dl className="details">
        <div>
          <dt>Dates</dt>
          <dd>{formatDateRange(terms.startDate, terms.endDate)}</dd>
        </div>
        <div>
          <dt>Schedule</dt>
          <dd>{describeSlots(terms.schedule)}</dd>
        </div>
        <div>
          <dt>Supervisor</dt>
          <dd>
            {terms.supervisorName} ({terms.supervisorEmail})
          </dd>
        </div>
        <div>
          <dt>Compensation</dt>
          <dd>{terms.compensation}</dd>
        </div>
        <div>
          <dt>Credit</dt>
          <dd>{terms.credit}</dd>
        </div>
      </dl>
    </section>
  );
}

function AcknowledgeForm({ party, onSubmit }: { party: string; onSubmit: (name: string) => Promise<void> }) {
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const { busy, error, setError, run } = useAction();
  useFocusOnError(formRef, error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setError({ message: 'Please correct the highlighted fields.', fieldErrors: { name: ['Enter your full name.'] } });
      return;
    }
    await run(() => onSubmit(name.trim()));
  };

  return (
    <form ref={formRef} className="form card" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h2 id={headingId}>Acknowledge the agreement</h2>
      {error ? <ErrorBanner error={bannerError(error, (field) => field === 'name')} /> : null}
      <Field label="Your full name" required errors={error ? fieldErrorsFor(error.fieldErrors, 'name') : []} hint={`Recorded as the ${party}’s acknowledgement, with the date.`}>
        <input name="name" autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : 'I acknowledge this agreement'}
        </button>
      </div>
    </form>
  );
}
