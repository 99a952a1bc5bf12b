import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { CurrentCaller, Organization } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { DescriptionList } from '../../shared/components/DescriptionList';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { Loading } from '../../shared/components/Loading';
import { Notice, Warning } from '../../shared/components/Notice';
import { formatAddress, formatDateTime } from '../../shared/format';
import { canEditOrganization } from './access';
import { organizationHref } from './hrefs';
import { careerClusterLabels, organizationTypeLabels } from '../../shared/organizationLabels';
import { fieldsDraftOf, isShownField, OrganizationFields, toEditableFields, withSourcedIdConflict, type OrganizationFieldsDraft } from './OrganizationFields';

type Message = { kind: 'success' | 'conflict'; text: string } | undefined;

interface Props {
  organizationId: string;
  me: CurrentCaller;
  /** The link above the heading; none when the page is opened from the navigation. */
  back?: { href: string; label: string };
  /** Shown under the heading (links to the caller's other employers). */
  children?: ReactNode;
}

/** One organization's details, with an edit form for callers who may change it (saved with If-Match). */
export function OrganizationPage({ organizationId, me, back, children }: Props) {
  const record = useResource(`organization:${organizationId}`, (api, signal) => api.getOrganization(organizationId, signal));
  const organization = record.data;
  const parentId = organization?.parentId ?? null;
  // The parent names the organization's place; for a school it also gives the region, whose conveners may edit it.
  const parent = useResource(parentId ? `organization:${parentId}` : null, (api, signal) => api.getOrganization(parentId!, signal));
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<Message>();
  const canEdit = organization !== undefined && canEditOrganization(me, organization, parent.data);
  const notFound = record.status === 'error' && record.error?.status === 404;

  return (
    <>
      {back ? (
        <p>
          <a href={back.href}>{back.label}</a>
        </p>
      ) : null}
      <div className="page-header">
        <h1>{organization?.name ?? (notFound ? 'Organization not found' : 'Organization')}</h1>
        {organization ? (
          <p className="muted">
            <span className={`tag tag--${organization.type}`}>{organizationTypeLabels[organization.type]}</span> Last changed{' '}
            {formatDateTime(organization.updatedAt)}
          </p>
        ) : null}
        {organization && !canEdit && parent.status !== 'loading' ? <p className="muted">Your role lets you view this organization but not change it.</p> : null}
      </div>
      {children}
      <Warning>{message?.kind === 'conflict' ? message.text : undefined}</Warning>
      <Notice>{message?.kind === 'success' ? message.text : undefined}</Notice>
      {notFound ? (
        <div role="alert" className="banner banner--error">
          <p>This organization does not exist, or you do not have access to it.</p>
        </div>
      ) : record.status === 'error' && record.error ? (
        <ErrorBanner error={record.error} onRetry={record.reload} />
      ) : null}
      {!organization && record.status === 'loading' ? <Loading>Loading the organization…</Loading> : null}
      {organization && editing && canEdit ? (
        <EditForm
          key={`${organization.id}:${organization.version}`}
          organization={organization}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            record.set(saved);
            setEditing(false);
            setMessage({ kind: 'success', text: 'Your changes are saved.' });
          }}
          onConflict={() => {
            setMessage({
              kind: 'conflict',
              text: 'Someone else changed this organization after you opened it. The latest version is shown: make your changes again.',
            });
            record.reload();
          }}
        />
      ) : organization ? (
        <section className="card" aria-labelledby="organization-details-heading">
          <div className="card__header">
            <h2 id="organization-details-heading">Details</h2>
            {canEdit ? (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setMessage(undefined);
                  setEditing(true);
                }}
              >
                Edit details
              </button>
            ) : null}
          </div>
          <OrganizationDetails organization={organization} parent={parent.data} />
        </section>
      ) : null}
    </>
  );
}

function OrganizationDetails({ organization: o, parent }: { organization: Organization; parent?: Organization }) {
  const rows: [string, ReactNode][] = [
    ['Type', organizationTypeLabels[o.type]],
    ['Name', o.name],
    ['Part of', o.parentId ? parent ? <a href={organizationHref(parent.id)}>{parent.name}</a> : <code>{o.parentId}</code> : '—'],
    ['Sourced ID', o.sourcedId ?? '—'],
    ['Identifier', o.identifier ?? '—'],
    ['Address', formatAddress(o.address) ?? '—'],
  ];
  if (o.type === 'employer') {
    rows.push(['Industry', o.industry ?? '—'], ['Career cluster', o.careerCluster ? careerClusterLabels[o.careerCluster] : '—']);
  }
  return (
    <DescriptionList rows={rows} className="details" />
  );
}

interface EditFormProps {
  organization: Organization;
  onSaved: (organization: Organization) => void;
  onConflict: () => void;
  onCancel: () => void;
}

function EditForm({ organization, onSaved, onConflict, onCancel }: EditFormProps) {
  const api = useApi();
  const [draft, setDraft] = useState<OrganizationFieldsDraft>(() => fieldsDraftOf(organization));
  const { busy, error, run } = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, error);
  // The Edit button that opened the form is gone: keyboard and screen-reader users continue at its first field.
  useEffect(() => formRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus(), []);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = toEditableFields(organization.type, draft);
    const unchanged = JSON.stringify(body) === JSON.stringify(toEditableFields(organization.type, fieldsDraftOf(organization)));
    await run(
      async () => onSaved(unchanged ? organization : await api.ifMatch(organization.version).updateOrganization(organization.id, body)),
      (problem) => {
        if (problem.status !== 412) return withSourcedIdConflict(problem);
        onConflict();
        return undefined;
      },
    );
  }

  return (
    <form ref={formRef} className="card form" onSubmit={save} noValidate aria-labelledby="edit-organization-heading">
      <h2 id="edit-organization-heading">Edit details</h2>
      {error ? <ErrorBanner error={bannerError(error, isShownField)} /> : null}
      <OrganizationFields type={organization.type} draft={draft} onChange={setDraft} errors={error?.fieldErrors ?? {}} />
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
