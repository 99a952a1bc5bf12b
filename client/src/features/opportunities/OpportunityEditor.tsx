import { useRef, useState, type FormEvent } from 'react';
import type { MembershipInfo, Opportunity } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { toUiError, type UiError } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError, withoutPrefix } from '../../shared/components/formErrors';
import { Loading } from '../../shared/components/Loading';
import { Notice, Warning } from '../../shared/components/Notice';
import { formatDateTime } from '../../shared/format';
import { OpportunityDetails } from '../../shared/opportunities/OpportunityDetails';
import { OpportunityForm, isShownField } from './OpportunityForm';
import { QualityList } from './QualityList';
import { TemplatePicker } from './TemplatePicker';
import { checkDraft, emptyOpportunityDraft, fromFields, sameFields, toFields, type OpportunityDraft } from './opportunityForm';
import { StatusTag } from '../../shared/opportunities/StatusTag';
import { useAudienceNames } from '../../shared/opportunities/useAudienceNames';

export const ourOpportunitiesHref = '#/our-opportunities';

type Message = { kind: 'success' | 'conflict'; text: string } | undefined;

interface Props {
  /** An opportunity's id, or "new". */
  opportunityId: string;
  /** The employers the caller writes for; a new opportunity belongs to the one chosen (the first by default). */
  employers: readonly MembershipInfo[];
}

/** Create, edit, submit or close one of the employer's opportunities (read only for staff who do not write them). */
export function OpportunityEditor({ opportunityId, employers }: Props) {
  const canWrite = employers.length > 0;
  const isNew = opportunityId === 'new' && canWrite;
  const record = useResource(isNew ? null : `opportunity:${opportunityId}`, (api, signal) => api.getOpportunity(opportunityId, signal));
  const [message, setMessage] = useState<Message>();
  const opportunity = isNew ? undefined : record.data;

  const saved = (next: Opportunity, text: string) => {
    record.set(next);
    setMessage({ kind: 'success', text });
    if (isNew) window.location.hash = `${ourOpportunitiesHref}/${next.id}`;
  };

  return (
    <>
      <p>
        <a href={ourOpportunitiesHref}>← Our opportunities</a>
      </p>
      <div className="page-header">
        <h1>{isNew ? 'New opportunity' : (opportunity?.fields.title ?? 'Opportunity')}</h1>
        {opportunity ? (
          <p className="muted">
            <StatusTag status={opportunity.status} /> Last changed {formatDateTime(opportunity.updatedAt)}
          </p>
        ) : null}
      </div>
      <Warning>{message?.kind === 'conflict' ? message.text : undefined}</Warning>
      <Notice>{message?.kind === 'success' ? message.text : undefined}</Notice>
      {record.status === 'error' && record.error ? <ErrorBanner error={record.error} onRetry={record.reload} /> : null}
      {!isNew && !opportunity && record.status === 'loading' ? <Loading>Loading the opportunity…</Loading> : null}
      {opportunity?.status === 'rejected' && opportunity.rejectionReason ? (
        <div className="banner banner--warning">
          <p>
            <strong>Not approved:</strong> {opportunity.rejectionReason}
          </p>
          <p>Change what was asked for, then submit it again.</p>
        </div>
      ) : null}
      {isNew || opportunity?.allowedActions.includes('edit') ? (
        <EditorForm
          key={opportunity ? `${opportunity.id}:${opportunity.version}` : 'new'}
          opportunity={opportunity}
          employers={employers}
          onSaved={saved}
          onConflict={() => {
            setMessage({
              kind: 'conflict',
              text: 'Someone else changed this opportunity after you opened it. The latest version is shown: make your changes again.',
            });
            record.reload();
          }}
        />
      ) : null}
      {opportunity && !opportunity.allowedActions.includes('edit') ? <ReadOnly opportunity={opportunity} onChanged={saved} /> : null}
    </>
  );
}

interface EditorFormProps {
  opportunity: Opportunity | undefined;
  employers: readonly MembershipInfo[];
  onSaved: (opportunity: Opportunity, message: string) => void;
  onConflict: () => void;
}

function EditorForm({ opportunity, employers, onSaved, onConflict }: EditorFormProps) {
  const api = useApi();
  const initial = opportunity ? fromFields(opportunity.fields) : emptyOpportunityDraft;
  const [draft, setDraft] = useState<OpportunityDraft>(initial);
  const [employerId, setEmployerId] = useState(opportunity?.employerId ?? employers[0]?.organizationId ?? '');
  // The employer's worksites to choose from (its partnership; nothing to choose when it cannot be read).
  const worksites = useResource(employerId ? `partnership:${employerId}:worksites` : null, (a, signal) => a.getPartnership(employerId, signal));
  const [busy, setBusy] = useState<'saving' | 'submitting'>();
  const [error, setError] = useState<UiError>();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, error);
  const errors = error ? withoutPrefix(error.fieldErrors, 'fields.') : {};

  /** Saves when there is something to save; returns the saved record, or undefined after showing why not. */
  async function save(): Promise<Opportunity | undefined> {
    const problems = checkDraft(draft);
    if (Object.keys(problems).length > 0) {
      setError({ message: 'Please correct the highlighted fields.', fieldErrors: problems });
      return undefined;
    }
    if (opportunity && sameFields(draft, initial)) return opportunity;
    try {
      return opportunity
        ? await api.ifMatch(opportunity.version).updateOpportunity(opportunity.id, toFields(draft))
        : await api.createOpportunity({ employerId, fields: toFields(draft) });
    } catch (caught) {
      const problem = toUiError(caught);
      if (problem.status === 412) onConflict();
      else setError(problem);
      return undefined;
    }
  }

  async function saveDraft(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy('saving');
    setError(undefined);
    const result = await save();
    setBusy(undefined);
    if (result) onSaved(result, opportunity ? 'Your changes are saved.' : 'The draft is saved. Submit it for curation when it is ready.');
  }

  async function submitForCuration() {
    if (busy) return;
    setBusy('submitting');
    setError(undefined);
    const result = await save();
    if (!result) {
      setBusy(undefined);
      return;
    }
    try {
      const submitted = await api.submitOpportunity(result.id);
      onSaved(submitted, 'Submitted for curation. Students will see it once a coordinator or the convener approves it.');
    } catch (caught) {
      if (result !== opportunity) onSaved(result, 'The draft is saved, but it could not be submitted.');
      setError(toUiError(caught));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <form ref={formRef} className="card form" onSubmit={saveDraft} noValidate aria-label="Opportunity">
      {error ? <ErrorBanner error={bannerError(error, (f) => isShownField(f) || (f === 'employerId' && employers.length > 1), errors)} /> : null}
      {!opportunity && employers.length > 1 ? (
        <Field label="Employer" errors={errors.employerId ?? []} required>
          <select name="employerId" value={employerId} onChange={(e) => setEmployerId(e.target.value)}>
            {employers.map((m) => (
              <option key={m.organizationId} value={m.organizationId}>
                {m.organizationName}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {!opportunity ? <TemplatePicker draft={draft} onUse={setDraft} /> : <QualityList criteria={opportunity.quality} />}
      <OpportunityForm draft={draft} onChange={setDraft} errors={errors} worksites={worksites.data?.worksites ?? []} />
      <div className="form__actions form__actions--sticky">
        <button type="submit" className="button button--secondary" disabled={busy !== undefined}>
          {busy === 'saving' ? 'Saving…' : 'Save draft'}
        </button>
        {!opportunity || opportunity.allowedActions.includes('submit') ? (
          <button type="button" className="button" onClick={submitForCuration} disabled={busy !== undefined}>
            {busy === 'submitting' ? 'Submitting…' : 'Submit for curation'}
          </button>
        ) : null}
      </div>
    </form>
  );
}

interface ReadOnlyProps {
  opportunity: Opportunity;
  onChanged: (opportunity: Opportunity, message: string) => void;
}

function ReadOnly({ opportunity, onChanged }: ReadOnlyProps) {
  const api = useApi();
  const names = useAudienceNames(opportunity.fields.audience !== 'region');
  const [confirming, setConfirming] = useState(false);
  const { busy: closing, error, run } = useAction();

  async function close() {
    setConfirming(false);
    await run(async () => onChanged(await api.closeOpportunity(opportunity.id), 'The opportunity is closed. Students no longer see it.'));
  }

  return (
    <section className="card" aria-labelledby="details-heading">
      <div className="card__header">
        <h2 id="details-heading">Details</h2>
        {opportunity.allowedActions.includes('close') ? (
          <button type="button" className="button button--danger" onClick={() => setConfirming(true)} disabled={closing}>
            {closing ? 'Closing…' : 'Close opportunity'}
          </button>
        ) : null}
      </div>
      {opportunity.status === 'submitted' ? <p className="banner banner--info">Awaiting curation: it cannot be changed while it is reviewed.</p> : null}
      {error ? <ErrorBanner error={error} /> : null}
      <OpportunityDetails opportunity={opportunity} audienceNames={names} />
      <ConfirmDialog open={confirming} title="Close this opportunity?" confirmLabel="Close opportunity" onConfirm={close} onCancel={() => setConfirming(false)}>
        <p>Students will no longer see “{opportunity.fields.title}” or be able to choose it. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
