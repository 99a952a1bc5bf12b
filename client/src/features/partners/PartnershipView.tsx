import { useState, type FormEvent, type ReactNode } from 'react';
import type {
  ChecklistItem,
  ClearanceKind,
  DocumentKind,
  EmployerDocument,
  Partnership,
  PartnershipAgreement,
  PartnershipRequirements,
  PartnerStatus,
  PostalAddress,
  Worksite,
} from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { fieldErrorsFor } from '../../shared/api/problems';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { AddressFields, emptyAddressDraft, type AddressDraft } from '../../shared/components/AddressFields';
import { Field } from '../../shared/components/Field';
import { saveFile } from '../../shared/download';
import { opportunityTypeLabels } from '../../shared/labels';

export const partnerStatusLabels: Record<PartnerStatus, string> = {
  pending: 'Waiting for review',
  changesRequested: 'Changes asked',
  approved: 'Approved partner',
  declined: 'Declined',
};

const clearanceLabels: Record<ClearanceKind, string> = {
  backgroundCheck: 'Background check',
  safetyAttestation: 'Signed safety attestation',
  districtClearance: 'District clearance',
};

const agreementStates: Record<string, string> = { awaitingSignatures: 'Awaiting signatures', signed: 'Signed, not started', inForce: 'In force', ended: 'Ended' };

interface Props {
  partnership: Partnership;
  requirements: PartnershipRequirements;
  /** Districts the caller may draw up agreements for and record district clearances of (id, name); the region's own is "". */
  districts: { id: string; name: string }[];
  onChanged: (partnership?: Partnership) => void;
}

/**
 * One employer's partnership: its application, what is missing, worksites and their safety checklists, documents,
 * employer–school agreements and supervisor clearances. What the caller may do comes from the server
 * (allowedActions): the region's side reviews; the employer's admins add, upload and sign.
 */
export function PartnershipView({ partnership, requirements, districts, onChanged }: Props) {
  const can = (action: string) => partnership.allowedActions.includes(action);
  return (
    <div className="partnership">
      <section className="card" aria-labelledby="partner-status">
        <h2 id="partner-status">{partnership.name}</h2>
        <p>
          <strong data-testid="partner-status">{partnerStatusLabels[partnership.status]}</strong>
          {partnership.reviewNote ? <> — {partnership.reviewNote}</> : null}
        </p>
        {partnership.missing.length > 0 ? (
          <div className="banner banner--warning" data-testid="partner-missing">
            <p>Missing:</p>
            <ul>
              {partnership.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="banner banner--success">Nothing is missing.</p>
        )}
        {partnership.profile ? (
          <dl className="details">
            <div>
              <dt>Contact</dt>
              <dd>
                {partnership.profile.contact.name}
                {partnership.profile.contact.title ? `, ${partnership.profile.contact.title}` : ''} · {partnership.profile.contact.email}
                {partnership.profile.contact.phone ? ` · ${partnership.profile.contact.phone}` : ''}
              </dd>
            </div>
            <div>
              <dt>Industry</dt>
              <dd>{partnership.profile.industry}</dd>
            </div>
            <div>
              <dt>Can offer</dt>
              <dd>
                {partnership.profile.experienceTypes.map((k) => opportunityTypeLabels[k]).join(', ')} · about {partnership.profile.studentsPerYear} students a year
              </dd>
            </div>
            {partnership.profile.about ? (
              <div>
                <dt>About</dt>
                <dd>{partnership.profile.about}</dd>
              </div>
            ) : null}
          </dl>
        ) : null}
        {can('review') && partnership.status !== 'approved' ? <ReviewForm partnership={partnership} onChanged={onChanged} /> : null}
        {can('editProfile') && partnership.profile && partnership.status !== 'declined' ? <ProfileForm partnership={partnership} onChanged={onChanged} /> : null}
      </section>
      <Worksites partnership={partnership} checklist={requirements.checklist} onChanged={() => onChanged()} />
      <Documents partnership={partnership} kinds={requirements.documents} onChanged={() => onChanged()} />
      <Agreements partnership={partnership} districts={districts} onChanged={() => onChanged()} />
      <Clearances partnership={partnership} districts={districts} onChanged={() => onChanged()} />
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function ReviewForm({ partnership, onChanged }: { partnership: Partnership; onChanged: (p?: Partnership) => void }) {
  const api = useApi();
  const action = useAction();
  const [reason, setReason] = useState('');
  const decide = (decision: 'approve' | 'requestChanges' | 'decline') =>
    void action.run(async () => {
      onChanged(await api.reviewPartner(partnership.employerId, { decision, reason: reason.trim() || undefined }));
      setReason('');
    });
  return (
    <div className="form">
      {action.error ? <ErrorBanner error={action.error} /> : null}
      <Field label="Reason (for changes or a decline; the employer is emailed it)" errors={fieldErrorsFor(action.error?.fieldErrors ?? {}, 'reason')}>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={1000} />
      </Field>
      <div className="form__actions">
        {partnership.status !== 'approved' ? (
          <button type="button" className="button" disabled={action.busy} onClick={() => decide('approve')}>
            Approve
          </button>
        ) : null}
        {partnership.status === 'pending' ? (
          <button type="button" className="button button--secondary" disabled={action.busy} onClick={() => decide('requestChanges')}>
            Ask for changes
          </button>
        ) : null}
        {partnership.status === 'pending' || partnership.status === 'changesRequested' ? (
          <button type="button" className="button button--secondary" disabled={action.busy} onClick={() => decide('decline')}>
            Decline
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** The employer's own answer to "changes asked": what it said of itself, edited; sent, it goes back to review. */
function ProfileForm({ partnership, onChanged }: { partnership: Partnership; onChanged: (p?: Partnership) => void }) {
  const api = useApi();
  const action = useAction();
  const profile = partnership.profile!;
  const [open, setOpen] = useState(partnership.status === 'changesRequested');
  const [form, setForm] = useState({
    organizationName: profile.organizationName,
    industry: profile.industry,
    website: profile.website ?? '',
    about: profile.about ?? '',
    studentsPerYear: String(profile.studentsPerYear),
    contactName: profile.contact.name,
    contactPhone: profile.contact.phone ?? '',
  });
  const errors = action.error?.fieldErrors ?? {};
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      onChanged(
        await api.updatePartnerProfile(partnership.employerId, {
          ...profile,
          organizationName: form.organizationName.trim(),
          industry: form.industry.trim(),
          website: form.website.trim() || undefined,
          about: form.about.trim() || undefined,
          studentsPerYear: Number.parseInt(form.studentsPerYear || '0', 10),
          contact: { ...profile.contact, name: form.contactName.trim(), phone: form.contactPhone.trim() || undefined },
        }),
      );
      setOpen(false);
    });
  };
  if (!open) {
    return (
      <p>
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          Edit our application
        </button>
      </p>
    );
  }
  return (
    <form className="form" onSubmit={submit} aria-label="Our application">
      <h3>Our application</h3>
      {partnership.status === 'changesRequested' ? <p className="muted">Change what the region asked for, then send it back for review.</p> : null}
      {action.error ? <ErrorBanner error={action.error} /> : null}
      <Field label="Organization name" errors={fieldErrorsFor(errors, 'organizationName')} required>
        <input value={form.organizationName} onChange={set('organizationName')} maxLength={200} />
      </Field>
      <Field label="Industry" errors={fieldErrorsFor(errors, 'industry')} required>
        <input value={form.industry} onChange={set('industry')} maxLength={200} />
      </Field>
      <Field label="Website" errors={fieldErrorsFor(errors, 'website')}>
        <input type="url" value={form.website} onChange={set('website')} maxLength={300} />
      </Field>
      <div className="form__row form__row--3">
        <Field label="Contact name" errors={fieldErrorsFor(errors, 'contact.name')} required>
          <input value={form.contactName} onChange={set('contactName')} maxLength={200} />
        </Field>
        <Field label="Contact phone" errors={fieldErrorsFor(errors, 'contact.phone')}>
          <input type="tel" value={form.contactPhone} onChange={set('contactPhone')} maxLength={40} />
        </Field>
        <Field label="Students a school year" errors={fieldErrorsFor(errors, 'studentsPerYear')} required>
          <input type="number" min={0} max={10000} value={form.studentsPerYear} onChange={set('studentsPerYear')} />
        </Field>
      </div>
      <Field label="Anything else the region should know" errors={fieldErrorsFor(errors, 'about')}>
        <textarea value={form.about} onChange={set('about')} rows={3} maxLength={2000} />
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" disabled={action.busy}>
          {partnership.status === 'changesRequested' ? 'Send back for review' : 'Save'}
        </button>
      </div>
    </form>
  );
}

/** A worksite's address as the API takes it, keeping the country it had (an edit that only trims is not a move). */
function toAddress(draft: AddressDraft, country?: string | null): PostalAddress {
  return { line1: draft.line1.trim(), line2: draft.line2.trim() || undefined, city: draft.city.trim(), state: draft.state.trim(), postalCode: draft.postalCode.trim(), country: country ?? undefined };
}

function Worksites({ partnership, checklist, onChanged }: { partnership: Partnership; checklist: ChecklistItem[]; onChanged: () => void }) {
  const api = useApi();
  const add = useAction();
  const blankSite = { name: '', address: emptyAddressDraft, remote: false };
  const [site, setSite] = useState(blankSite);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add.run(async () => {
      await api.createWorksite(partnership.employerId, {
        name: site.name.trim(),
        remote: site.remote,
        address: site.remote ? undefined : toAddress(site.address),
      });
      setSite(blankSite);
      onChanged();
    });
  };
  return (
    <Section id="partner-worksites" title="Worksites">
      {partnership.worksites.length === 0 ? <p className="muted">No worksite yet.</p> : null}
      {partnership.worksites.map((w) => (
        <WorksiteCard key={w.id} worksite={w} checklist={checklist} partnership={partnership} onChanged={onChanged} />
      ))}
      {partnership.allowedActions.includes('addWorksite') ? (
        <form className="form" onSubmit={submit}>
          <h3>Add a worksite</h3>
          {add.error ? <ErrorBanner error={add.error} /> : null}
          <Field label="Worksite name" required>
            <input value={site.name} onChange={(e) => setSite({ ...site, name: e.target.value })} maxLength={200} />
          </Field>
          <label className="check">
            <input type="checkbox" checked={site.remote} onChange={(e) => setSite({ ...site, remote: e.target.checked })} /> Remote or online
          </label>
          {!site.remote ? (
            <AddressFields address={site.address} onChange={(address) => setSite({ ...site, address })} errors={add.error?.fieldErrors ?? {}} required />
          ) : null}
          <div className="form__actions">
            <button type="submit" className="button button--secondary" disabled={add.busy}>
              Add worksite
            </button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

const checklistStates = { none: 'No safety checklist yet', submitted: 'Checklist waiting for review', changesRequested: 'Checklist: changes asked', approved: 'Checklist approved' };

function WorksiteCard({ worksite, checklist, partnership, onChanged }: { worksite: Worksite; checklist: ChecklistItem[]; partnership: Partnership; onChanged: () => void }) {
  const api = useApi();
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string>>(
    () => Object.fromEntries((worksite.checklist.answers?.answers ?? []).map((a) => [a.key, a.answer])),
  );
  const [ratio, setRatio] = useState(String(worksite.checklist.answers?.studentsPerSupervisor ?? ''));
  const [emergency, setEmergency] = useState(worksite.checklist.answers?.emergencyProcedures ?? '');
  const [ppe, setPpe] = useState(worksite.checklist.answers?.protectiveEquipment ?? '');
  const [orders, setOrders] = useState((worksite.checklist.answers?.hazardousOrders ?? []).join(', '));
  const [reason, setReason] = useState('');
  const employer = partnership.allowedActions.includes('addWorksite');
  const reviewer = partnership.allowedActions.includes('reviewWorksites');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api.submitWorksiteChecklist(worksite.id, {
        answers: checklist.map((item) => ({ key: item.key, answer: answers[item.key] ?? '' })),
        studentsPerSupervisor: Number.parseInt(ratio || '0', 10),
        emergencyProcedures: emergency.trim(),
        protectiveEquipment: ppe.trim(),
        hazardousOrders: orders
          .split(/[,\s]+/)
          .filter(Boolean)
          .map((n) => Number.parseInt(n, 10)),
      });
      setOpen(false);
      onChanged();
    });
  };
  const review = (approve: boolean) =>
    void action.run(async () => {
      await api.reviewWorksiteChecklist(worksite.id, { approve, reason: reason.trim() || undefined });
      onChanged();
    });
  return (
    <article className="card card--nested" data-testid="worksite">
      <h3>{worksite.name}</h3>
      <p>
        {worksite.remote ? 'Remote' : [worksite.address?.line1, worksite.address?.city, worksite.address?.state].filter(Boolean).join(', ')} ·{' '}
        <strong>{checklistStates[worksite.checklist.status]}</strong>
        {worksite.checklist.reviewNote ? ` — ${worksite.checklist.reviewNote}` : ''}
      </p>
      {worksite.accessibility || worksite.transit ? (
        <p className="muted">{[worksite.accessibility && `Accessibility: ${worksite.accessibility}`, worksite.transit && `Transit: ${worksite.transit}`].filter(Boolean).join(' · ')}</p>
      ) : null}
      {employer ? <WorksiteEdit worksite={worksite} onChanged={onChanged} /> : null}
      {action.error ? <ErrorBanner error={action.error} /> : null}
      {worksite.checklist.answers && reviewer ? (
        <details>
          <summary>Answers</summary>
          <ul>
            {worksite.checklist.answers.answers.map((a) => (
              <li key={a.key}>
                {checklist.find((i) => i.key === a.key)?.text ?? a.key}: <strong>{a.answer}</strong>
              </li>
            ))}
            <li>Students per supervisor: {worksite.checklist.answers.studentsPerSupervisor}</li>
            <li>Emergency procedures: {worksite.checklist.answers.emergencyProcedures}</li>
            <li>Protective equipment: {worksite.checklist.answers.protectiveEquipment}</li>
            <li>Hazardous occupations orders at the site: {worksite.checklist.answers.hazardousOrders.join(', ') || 'none'}</li>
          </ul>
        </details>
      ) : null}
      {reviewer && worksite.checklist.status === 'submitted' ? (
        <div className="form">
          <Field label="Reason (to ask for changes)">
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
          </Field>
          <div className="form__actions">
            <button type="button" className="button" disabled={action.busy} onClick={() => review(true)}>
              Approve checklist
            </button>
            <button type="button" className="button button--secondary" disabled={action.busy} onClick={() => review(false)}>
              Ask for changes
            </button>
          </div>
        </div>
      ) : null}
      {employer && !worksite.remote ? (
        open ? (
          <form className="form" onSubmit={submit}>
            <h4>Safety checklist</h4>
            {checklist.map((item) => (
              <Field key={item.key} label={item.text}>
                <select value={answers[item.key] ?? ''} onChange={(e) => setAnswers({ ...answers, [item.key]: e.target.value })}>
                  <option value="">Choose…</option>
                  <option value="yes">Yes</option>
                  <option value="no">No</option>
                  <option value="notApplicable">Not applicable</option>
                </select>
              </Field>
            ))}
            <Field label="Students per supervising adult, at most" required>
              <input type="number" min={1} max={50} value={ratio} onChange={(e) => setRatio(e.target.value)} />
            </Field>
            <Field label="Emergency procedures" required>
              <textarea value={emergency} onChange={(e) => setEmergency(e.target.value)} rows={2} maxLength={2000} />
            </Field>
            <Field label="Protective equipment given to students (or “none needed”)" required>
              <input value={ppe} onChange={(e) => setPpe(e.target.value)} maxLength={1000} />
            </Field>
            <Field label="Hazardous occupations orders whose work happens at the site (numbers 1–17, comma-separated; students under 18 do none of it)">
              <input value={orders} onChange={(e) => setOrders(e.target.value)} inputMode="numeric" />
            </Field>
            <div className="form__actions">
              <button type="submit" className="button" disabled={action.busy}>
                Send the checklist for review
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
            {worksite.checklist.status === 'none' ? 'Complete the safety checklist' : 'Update the safety checklist'}
          </button>
        )
      ) : null}
    </article>
  );
}

/** Changing a worksite: a move (another address, or remote) sends its safety checklist back to none. */
function WorksiteEdit({ worksite, onChanged }: { worksite: Worksite; onChanged: () => void }) {
  const api = useApi();
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    name: worksite.name,
    address: worksite.address
      ? { line1: worksite.address.line1, line2: worksite.address.line2 ?? '', city: worksite.address.city, state: worksite.address.state, postalCode: worksite.address.postalCode }
      : emptyAddressDraft,
    remote: worksite.remote,
    accessibility: worksite.accessibility ?? '',
    transit: worksite.transit ?? '',
  });
  const errors = action.error?.fieldErrors ?? {};
  const set = (key: 'name' | 'accessibility' | 'transit') => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api.ifMatch(worksite.version).updateWorksite(worksite.id, {
        name: form.name.trim(),
        remote: form.remote,
        address: form.remote ? undefined : toAddress(form.address, worksite.address?.country),
        accessibility: form.accessibility.trim() || undefined,
        transit: form.transit.trim() || undefined,
        latitude: worksite.latitude ?? undefined,
        longitude: worksite.longitude ?? undefined,
      });
      setOpen(false);
      onChanged();
    });
  };
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        Edit {worksite.name}
      </button>
    );
  }
  return (
    <form className="form" onSubmit={submit} aria-label={`Edit ${worksite.name}`}>
      {action.error ? <ErrorBanner error={action.error} /> : null}
      <Field label="Worksite name" errors={fieldErrorsFor(errors, 'name')} required>
        <input value={form.name} onChange={set('name')} maxLength={200} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={form.remote} onChange={(e) => setForm((f) => ({ ...f, remote: e.target.checked }))} /> Remote or online
      </label>
      {!form.remote ? <AddressFields address={form.address} onChange={(address) => setForm((f) => ({ ...f, address }))} errors={errors} required /> : null}
      <Field label="Accessibility" errors={fieldErrorsFor(errors, 'accessibility')}>
        <input value={form.accessibility} onChange={set('accessibility')} maxLength={1000} />
      </Field>
      <Field label="Public transit" errors={fieldErrorsFor(errors, 'transit')}>
        <input value={form.transit} onChange={set('transit')} maxLength={1000} />
      </Field>
      <p className="field__hint">Moving the worksite (another address, or remote) needs its safety checklist again.</p>
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={action.busy}>
          Save worksite
        </button>
      </div>
    </form>
  );
}

function Documents({ partnership, kinds, onChanged }: { partnership: Partnership; kinds: DocumentKind[]; onChanged: () => void }) {
  const api = useApi();
  const action = useAction();
  const [form, setForm] = useState({ kind: kinds[0]?.key ?? '', effectiveOn: '', expiresOn: '', insurer: '', policyNumber: '', coverage: '' });
  const [file, setFile] = useState<File>();
  const kind = kinds.find((k) => k.key === form.kind);
  const errors = action.error?.fieldErrors ?? {};
  const upload = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      action.setError({ message: 'Please correct the highlighted fields.', fieldErrors: { file: ['Attach the document: a PDF, PNG or JPEG.'] } });
      return;
    }
    void action.run(async () => {
      await api.uploadEmployerDocument(
        partnership.employerId,
        { data: file, fileName: file.name },
        form.kind,
        form.effectiveOn,
        form.expiresOn,
        form.insurer.trim() || undefined,
        form.policyNumber.trim() || undefined,
        form.coverage ? String(Math.round(Number.parseFloat(form.coverage) * 100)) : undefined,
      );
      setFile(undefined);
      onChanged();
    });
  };
  return (
    <Section id="partner-documents" title="Documents">
      <DocumentTable partnership={partnership} onChanged={onChanged} />
      {partnership.allowedActions.includes('uploadDocument') ? (
        <form className="form" onSubmit={upload}>
          <h3>Upload a document</h3>
          {action.error ? <ErrorBanner error={action.error} /> : null}
          <Field label="What it is" required>
            <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              {kinds.map((k) => (
                <option key={k.key} value={k.key}>
                  {k.name}
                  {k.required ? ' (required)' : ''}
                </option>
              ))}
            </select>
          </Field>
          <Field label="File (PDF, PNG or JPEG, up to 10 MB)" errors={fieldErrorsFor(errors, 'file')} required>
            <input type="file" accept="application/pdf,image/png,image/jpeg" onChange={(e) => setFile(e.target.files?.[0])} />
          </Field>
          <div className="form__row form__row--3">
            <Field label="In effect from" errors={fieldErrorsFor(errors, 'effectiveOn')} required>
              <input type="date" value={form.effectiveOn} onChange={(e) => setForm({ ...form, effectiveOn: e.target.value })} />
            </Field>
            <Field label="Expires on" errors={fieldErrorsFor(errors, 'expiresOn')} required>
              <input type="date" value={form.expiresOn} onChange={(e) => setForm({ ...form, expiresOn: e.target.value })} />
            </Field>
          </div>
          {kind?.insurance ? (
            <div className="form__row form__row--3">
              <Field label="Insurer" errors={fieldErrorsFor(errors, 'insurer')} required>
                <input value={form.insurer} onChange={(e) => setForm({ ...form, insurer: e.target.value })} maxLength={200} />
              </Field>
              <Field label="Policy number" errors={fieldErrorsFor(errors, 'policyNumber')} required>
                <input value={form.policyNumber} onChange={(e) => setForm({ ...form, policyNumber: e.target.value })} maxLength={200} />
              </Field>
              <Field label="Each-occurrence limit ($)" errors={fieldErrorsFor(errors, 'coverageCents')} required>
                <input type="number" min={1} value={form.coverage} onChange={(e) => setForm({ ...form, coverage: e.target.value })} />
              </Field>
            </div>
          ) : null}
          <div className="form__actions">
            <button type="submit" className="button button--secondary" disabled={action.busy}>
              Upload
            </button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

function DocumentTable({ partnership, onChanged }: { partnership: Partnership; onChanged: () => void }) {
  const api = useApi();
  const action = useAction();
  const reviewer = partnership.allowedActions.includes('reviewDocuments');
  const open = (document: EmployerDocument) =>
    void action.run(async () => {
      const file = await api.getEmployerDocumentFile(document.id);
      saveFile(file.data, file.fileName ?? document.fileName);
    });
  const review = (document: EmployerDocument, approve: boolean) =>
    void action.run(async () => {
      await api.reviewEmployerDocument(document.id, { approve, reason: approve ? undefined : 'Please upload a readable, current certificate.' });
      onChanged();
    });
  if (partnership.documents.length === 0) return <p className="muted">No document yet.</p>;
  return (
    <>
      {action.error ? <ErrorBanner error={action.error} /> : null}
      <ul className="list">
        {partnership.documents.map((d) => (
          <li key={d.id} data-testid="document">
            <strong>{d.kindName}</strong> · {d.effectiveOn} to {d.expiresOn} · {d.status}
            {d.inForce ? ' (in force)' : ''}
            {d.insurer ? ` · ${d.insurer}, ${d.policyNumber}` : ''}{' '}
            <button type="button" className="link-button" onClick={() => open(d)}>
              Open {d.fileName}
            </button>
            {reviewer && d.status === 'submitted' ? (
              <>
                {' '}
                <button type="button" className="button button--small" disabled={action.busy} onClick={() => review(d, true)}>
                  Approve
                </button>{' '}
                <button type="button" className="button button--small button--secondary" disabled={action.busy} onClick={() => review(d, false)}>
                  Reject
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function Agreements({ partnership, districts, onChanged }: { partnership: Partnership; districts: { id: string; name: string }[]; onChanged: () => void }) {
  const api = useApi();
  const action = useAction();
  const [draft, setDraft] = useState({ districtId: districts[0]?.id ?? '', startsOn: '', endsOn: '' });
  const [signer, setSigner] = useState({ name: '', title: '' });
  const create = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api.createPartnershipAgreement(partnership.employerId, { districtId: draft.districtId || undefined, startsOn: draft.startsOn, endsOn: draft.endsOn });
      onChanged();
    });
  };
  const sign = (agreement: PartnershipAgreement, side: 'employer' | 'school') =>
    void action.run(async () => {
      await api.signPartnershipAgreement(agreement.id, { side, name: signer.name.trim(), title: signer.title.trim() });
      onChanged();
    });
  const renew = (agreement: PartnershipAgreement) =>
    void action.run(async () => {
      const end = new Date(`${agreement.endsOn}T00:00:00Z`);
      end.setUTCFullYear(end.getUTCFullYear() + 1);
      await api.renewPartnershipAgreement(agreement.id, { endsOn: end.toISOString().slice(0, 10) });
      onChanged();
    });
  const signing = partnership.agreements.some((a) => a.allowedActions.some((x) => x.startsWith('sign')));
  return (
    <Section id="partner-agreements" title="Employer–school agreements">
      {action.error ? <ErrorBanner error={action.error} /> : null}
      {partnership.agreements.length === 0 ? <p className="muted">No agreement yet.</p> : null}
      {signing ? (
        <div className="form__row form__row--3">
          <Field label="Your name, to sign">
            <input value={signer.name} onChange={(e) => setSigner({ ...signer, name: e.target.value })} autoComplete="name" maxLength={200} />
          </Field>
          <Field label="Your title">
            <input value={signer.title} onChange={(e) => setSigner({ ...signer, title: e.target.value })} maxLength={200} />
          </Field>
        </div>
      ) : null}
      {partnership.agreements.map((a) => (
        <article key={a.id} className="card card--nested" data-testid="agreement">
          <h3>
            {a.terms.title} — {a.districtName ?? 'the region, for all its districts'}
          </h3>
          <p>
            {a.startsOn} to {a.endsOn} · <strong>{agreementStates[a.state] ?? a.state}</strong> · template version {a.templateVersion}
          </p>
          <p className="muted">
            Employer: {a.employerSignature ? `${a.employerSignature.name}, ${a.employerSignature.title}` : 'not signed'} · School:{' '}
            {a.schoolSignature ? `${a.schoolSignature.name}, ${a.schoolSignature.title}` : 'not signed'}
          </p>
          <details>
            <summary>Terms</summary>
            {a.terms.clauses.map((c) => (
              <p key={c.heading}>
                <strong>{c.heading}.</strong> {c.text}
              </p>
            ))}
          </details>
          <div className="form__actions">
            {a.allowedActions.includes('signAsEmployer') ? (
              <button type="button" className="button" disabled={action.busy || !signer.name.trim() || !signer.title.trim()} onClick={() => sign(a, 'employer')}>
                Sign for the employer
              </button>
            ) : null}
            {a.allowedActions.includes('signAsSchool') ? (
              <button type="button" className="button" disabled={action.busy || !signer.name.trim() || !signer.title.trim()} onClick={() => sign(a, 'school')}>
                Sign for the schools
              </button>
            ) : null}
            {a.allowedActions.includes('renew') ? (
              <button type="button" className="button button--secondary" disabled={action.busy} onClick={() => renew(a)}>
                Renew for a year
              </button>
            ) : null}
          </div>
        </article>
      ))}
      {partnership.allowedActions.includes('draftAgreement') && partnership.status === 'approved' ? (
        <form className="form" onSubmit={create}>
          <h3>Draw up an agreement</h3>
          <Field label="With">
            <select value={draft.districtId} onChange={(e) => setDraft({ ...draft, districtId: e.target.value })}>
              {districts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </Field>
          <div className="form__row form__row--3">
            <Field label="Starts on" required>
              <input type="date" value={draft.startsOn} onChange={(e) => setDraft({ ...draft, startsOn: e.target.value })} />
            </Field>
            <Field label="Ends on" required>
              <input type="date" value={draft.endsOn} onChange={(e) => setDraft({ ...draft, endsOn: e.target.value })} />
            </Field>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--secondary" disabled={action.busy}>
              Draw up from the region's template
            </button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

function Clearances({ partnership, districts, onChanged }: { partnership: Partnership; districts: { id: string; name: string }[]; onChanged: () => void }) {
  const api = useApi();
  const action = useAction();
  const [form, setForm] = useState({ name: '', email: '', kind: 'backgroundCheck' as ClearanceKind, districtId: '', cleared: true, reference: '', checkedOn: '', expiresOn: '' });
  const errors = action.error?.fieldErrors ?? {};
  const record = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api.recordSupervisorClearance(partnership.employerId, {
        name: form.name.trim(),
        email: form.email.trim(),
        kind: form.kind,
        districtId: form.kind === 'districtClearance' ? form.districtId || undefined : undefined,
        cleared: form.cleared,
        reference: form.reference.trim() || undefined,
        checkedOn: form.checkedOn,
        expiresOn: form.expiresOn || undefined,
      });
      setForm({ ...form, name: '', email: '', reference: '' });
      onChanged();
    });
  };
  return (
    <Section id="partner-clearances" title="Supervisor and mentor clearances">
      <p className="muted">Only the result, its dates and a reference are kept — never a check's content.</p>
      {partnership.clearances.length === 0 ? <p className="muted">No clearance recorded.</p> : null}
      <ul className="list">
        {partnership.clearances.map((c) => (
          <li key={c.id} data-testid="clearance">
            <strong>{c.name}</strong> ({c.email}) · {clearanceLabels[c.kind]} · {c.cleared ? 'cleared' : 'not cleared'} on {c.checkedOn}
            {c.expiresOn ? `, until ${c.expiresOn}` : ''} · {c.inForce ? 'in force' : 'not in force'}
          </li>
        ))}
      </ul>
      {partnership.allowedActions.includes('recordClearance') ? (
        <form className="form" onSubmit={record}>
          <h3>Record a clearance</h3>
          {action.error ? <ErrorBanner error={action.error} /> : null}
          <div className="form__row form__row--3">
            <Field label="Supervisor's name" errors={fieldErrorsFor(errors, 'name')} required>
              <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} maxLength={200} />
            </Field>
            <Field label="Their email (as in training agreements)" errors={fieldErrorsFor(errors, 'email')} required>
              <input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} maxLength={320} />
            </Field>
            <Field label="Kind" required>
              <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as ClearanceKind })}>
                {(Object.keys(clearanceLabels) as ClearanceKind[]).map((k) => (
                  <option key={k} value={k}>
                    {clearanceLabels[k]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {form.kind === 'districtClearance' ? (
            <Field label="District" errors={fieldErrorsFor(errors, 'districtId')} required>
              <select value={form.districtId} onChange={(e) => setForm({ ...form, districtId: e.target.value })}>
                <option value="">Choose…</option>
                {districts
                  .filter((d) => d.id)
                  .map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
              </select>
            </Field>
          ) : null}
          <label className="check">
            <input type="checkbox" checked={form.cleared} onChange={(e) => setForm({ ...form, cleared: e.target.checked })} /> Cleared
          </label>
          <div className="form__row form__row--3">
            <Field label="Result reference" errors={fieldErrorsFor(errors, 'reference')} required={form.kind === 'backgroundCheck'}>
              <input value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })} maxLength={200} />
            </Field>
            <Field label="Checked on" errors={fieldErrorsFor(errors, 'checkedOn')} required>
              <input type="date" value={form.checkedOn} onChange={(e) => setForm({ ...form, checkedOn: e.target.value })} />
            </Field>
            <Field label="Expires on" errors={fieldErrorsFor(errors, 'expiresOn')}>
              <input type="date" value={form.expiresOn} onChange={(e) => setForm({ ...form, expiresOn: e.target.value })} />
            </Field>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--secondary" disabled={action.busy}>
              Record clearance
            </button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}
