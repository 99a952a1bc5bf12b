import { useId, useRef, useState, type FormEvent } from 'react';
import type { AgreementRequest } from '@launchpath/contracts';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const api = useApi();
  const linked = useResource(`acknowledge-link:${token}`, (a, signal) => a.getLinkedAgreement(token, signal));
  const [acknowledgedBy, setAcknowledgedBy] = useState<string>();

  if (linked.error && !acknowledgedBy) return <LinkProblem error={linked.error} from={t('links.fromSchool')} onRetry={linked.reload} />;
  if (!linked.data) return <Loading>{t('links.acknowledge.loading')}</Loading>;
  const agreement = linked.data;
  const party = partyLabels[agreement.party].toLowerCase();
  return (
    <div className="public-page">
      <h1>{t('links.acknowledge.title', { student: agreement.studentFirstName })}</h1>
      <p>{t('links.acknowledge.intro', { opportunity: agreement.opportunityTitle, employer: agreement.employerName, party })}</p>
      <AgreementTerms terms={agreement.terms} />
      <div role="status" className="form__status">
        {acknowledgedBy ? (
          <p className="banner banner--success">{t('links.acknowledge.thanks', { name: acknowledgedBy, party })}</p>
        ) : null}
      </div>
      {acknowledgedBy ? null : (
        <>
          <p className="muted">{t('links.worksOnceUntil', { date: formatDateTime(agreement.expiresAt) })}</p>
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
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="terms-heading">
      <h2 id="terms-heading">{t('links.acknowledge.agreement')}</h2>
      <h3>{t('agreement.objectives')}</h3>
      <ul>
        {terms.objectives.map((o, i) => (
          <li key={i}>
            {o.description}
            {o.skills.length > 0 ? <span className="muted"> ({t('agreement.skills', { skills: o.skills.join(', ') })})</span> : null}
          </li>
        ))}
      </ul>
      <dl className="details">
        <div>
          <dt>{t('agreement.dates')}</dt>
          <dd>{formatDateRange(terms.startDate, terms.endDate)}</dd>
        </div>
        <div>
          <dt>{t('agreement.schedule')}</dt>
          <dd>{describeSlots(terms.schedule)}</dd>
        </div>
        <div>
          <dt>{t('agreement.supervisor')}</dt>
          <dd>
            {terms.supervisorName} ({terms.supervisorEmail})
          </dd>
        </div>
        <div>
          <dt>{t('agreement.compensation')}</dt>
          <dd>{terms.compensation}</dd>
        </div>
        <div>
          <dt>{t('agreement.credit')}</dt>
          <dd>{terms.credit}</dd>
        </div>
      </dl>
    </section>
  );
}

function AcknowledgeForm({ party, onSubmit }: { party: string; onSubmit: (name: string) => Promise<void> }) {
  const { t } = useTranslation();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const { busy, error, setError, run } = useAction();
  useFocusOnError(formRef, error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setError({ message: t('errors.correctFields'), fieldErrors: { name: [t('links.acknowledge.enterName')] } });
      return;
    }
    await run(() => onSubmit(name.trim()));
  };

  return (
    <form ref={formRef} className="form card" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h2 id={headingId}>{t('links.acknowledge.formTitle')}</h2>
      {error ? <ErrorBanner error={bannerError(error, (field) => field === 'name')} /> : null}
      <Field label={t('links.acknowledge.fullName')} required errors={error ? fieldErrorsFor(error.fieldErrors, 'name') : []} hint={t('links.acknowledge.recordedAs', { party })}>
        <input name="name" autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.sending') : t('links.acknowledge.submit')}
        </button>
      </div>
    </form>
  );
}
