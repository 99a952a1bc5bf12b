import { useTranslation } from 'react-i18next';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ActionLink, AgreementParty } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { toUiError, type FieldErrors, type UiError } from '../../shared/api/problems';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { Field } from '../../shared/components/Field';
import { OptionSelect } from '../../shared/components/OptionSelect';
import { OneTimeLink } from './OneTimeLink';
import { partyLabels, type AgreementDraft } from './placements';

export function ActionForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className="form card"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

export function ReasonForm({ label, button, busy, onSubmit }: { label: string; button: string; busy: boolean; onSubmit: (reason: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <ActionForm
      onSubmit={() => {
        if (!reason.trim()) return setMissing(true);
        setMissing(false);
        void onSubmit(reason.trim()).then((ok) => ok && setReason(''));
      }}
    >
      <Field label={label} required errors={missing ? [t('placement.reasonRequired')] : []}>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div>
        <button type="submit" className="button button--secondary" disabled={busy}>
          {button}
        </button>
      </div>
    </ActionForm>
  );
}

export function ApproveForm({ busy, onSubmit }: { busy: boolean; onSubmit: (expiresOn: string) => Promise<boolean> }) {
  const [expiresOn, setExpiresOn] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <ActionForm onSubmit={() => (expiresOn ? (setMissing(false), void onSubmit(expiresOn)) : setMissing(true))}>
      <Field label="Approval expires on" required errors={missing ? ['An expiry date is required.'] : []} hint="The approval lapses if the placement is not active by then.">
        <input type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
      </Field>
      <div>
        <button type="submit" className="button" disabled={busy}>
          Approve placement
        </button>
      </div>
    </ActionForm>
  );
}

export function AgreementForm({
  initial,
  busy,
  errors,
  onSubmit,
}: {
  initial: AgreementDraft;
  busy: boolean;
  errors: FieldErrors;
  onSubmit: (draft: AgreementDraft) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState(initial);
  const problems = (...keys: string[]) => keys.flatMap((k) => Object.entries(errors).filter(([f]) => f === k || f.startsWith(`${k}[`)).flatMap(([, m]) => m));
  const bind = (key: Exclude<keyof AgreementDraft, 'workExperienceEducation'>) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });
  return (
    <ActionForm onSubmit={() => void onSubmit(draft)}>
      <h3>Write the agreement</h3>
      <Field label="Learning objectives" hint="One objective a line." required errors={problems('objectives')}>
        <textarea rows={4} {...bind('objectives')} />
      </Field>
      <Field label="Start date" errors={problems('startDate')}>
        <input type="date" {...bind('startDate')} />
      </Field>
      <Field label="End date" errors={problems('endDate')}>
        <input type="date" {...bind('endDate')} />
      </Field>
      <Field label="Supervisor name" required errors={problems('supervisorName')}>
        <input {...bind('supervisorName')} />
      </Field>
      <Field label="Supervisor email" required errors={problems('supervisorEmail')}>
        <input type="email" {...bind('supervisorEmail')} />
      </Field>
      <Field label="Compensation" required hint='e.g. "$18.50/hour, paid by the employer" or "unpaid".' errors={problems('compensation')}>
        <input {...bind('compensation')} />
      </Field>
      <Field label="Credit" required hint='e.g. "2.5 elective credits" or "none".' errors={problems('credit')}>
        <input {...bind('credit')} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={draft.workExperienceEducation} onChange={(e) => setDraft((d) => ({ ...d, workExperienceEducation: e.target.checked }))} />
        <span>
          School-approved work experience
          <span className="field__hint"> — where the region applies California’s rule, a 16- or 17-year-old may then work 8 hours on a school day instead of 4.</span>
        </span>
      </label>
      <div>
        <button type="submit" className="button" disabled={busy}>
          Save agreement
        </button>
      </div>
    </ActionForm>
  );
}

/** Issues a one-time acknowledgement link for a party (the guardian, usually) and shows it once. */
export function LinkForm({ placementId, parties, onError }: { placementId: string; parties: AgreementParty[]; onError: (error: UiError | undefined) => void }) {
  const api = useApi();
  const [party, setParty] = useState<AgreementParty>(parties[0] ?? 'guardian');
  const [link, setLink] = useState<ActionLink>();
  const issue = async () => {
    onError(undefined);
    try {
      setLink(await api.createAcknowledgementLink(placementId, { party }));
    } catch (e) {
      onError(toUiError(e));
    }
  };
  return (
    <ActionForm onSubmit={() => void issue()}>
      <h3>One-time acknowledgement link</h3>
      <Field label="Link for">
        <OptionSelect options={parties} labels={partyLabels} value={party} onChange={(value) => setParty(value ?? party)} />
      </Field>
      <div>
        <button type="submit" className="button button--secondary">
          Create link
        </button>
      </div>
      {link ? <OneTimeLink link={link} /> : null}
    </ActionForm>
  );
}

/**
 * Completing a placement, confirmed in a dialog that says what completing now would leave undone (the API's
 * completionGaps: hours not yet decided, no final evaluation). With gaps a reason is required, and recorded.
 */
export function CompleteButton({ gaps, busy, onComplete }: { gaps: readonly string[]; busy: boolean; onComplete: (reason: string | undefined) => Promise<boolean> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <>
      <p>
        <button type="button" className="button" disabled={busy} onClick={() => setOpen(true)}>
          Complete placement
        </button>
      </p>
      <ConfirmDialog
        open={open}
        title="Complete this placement?"
        confirmLabel={gaps.length > 0 ? 'Complete anyway' : 'Complete placement'}
        onCancel={() => {
          setOpen(false);
          setMissing(false);
        }}
        onConfirm={() => {
          if (gaps.length > 0 && !reason.trim()) return setMissing(true);
          setOpen(false);
          void onComplete(reason.trim() || undefined).then((ok) => ok && setReason(''));
        }}
      >
        {gaps.length > 0 ? (
          <>
            <p>Completing now leaves this undone:</p>
            <ul aria-label="Not done yet">
              {gaps.map((gap) => (
                <li key={gap}>{gap}</li>
              ))}
            </ul>
            <Field label="Why complete it anyway" required errors={missing ? ['A reason is required: it is recorded with the placement.'] : []}>
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
            </Field>
          </>
        ) : (
          <p>Every hours entry is decided and the final evaluation is in. The placement will show as completed on the student’s record.</p>
        )}
      </ConfirmDialog>
    </>
  );
}

