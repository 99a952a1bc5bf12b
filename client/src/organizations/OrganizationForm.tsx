import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CareerCluster, CreateOrganizationRequest, Organization, OrganizationType } from '@launchpath/contracts';
import { useApi } from '../api/ApiContext';
import { fieldErrorsFor } from '../api/problems';
import { useAction } from '../api/useAction';
import { ErrorBanner } from '../components/ErrorBanner';
import { Field } from '../components/Field';
import {
  careerClusterLabels,
  careerClusters,
  isCareerCluster,
  isOrganizationType,
  organizationTypeLabels,
  parentTypeOf,
} from './labels';
import { useParentOptions } from './useParentOptions';

interface Draft {
  type: OrganizationType;
  name: string;
  parentId: string;
  sourcedId: string;
  identifier: string;
  industry: string;
  careerCluster: CareerCluster | '';
}

const emptyDraft: Draft = { type: 'region', name: '', parentId: '', sourcedId: '', identifier: '', industry: '', careerCluster: '' };

/** The fields this form shows; server errors for any other field go to the banner. */
const shownFields = ['type', 'name', 'parentId', 'sourcedId', 'identifier', 'industry', 'careerCluster'] as const;

/** The request the API expects: blanks left out, parent only where the type has one, employer fields only for employers. */
export function toCreateRequest(draft: Draft): CreateOrganizationRequest {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const request: CreateOrganizationRequest = { type: draft.type, name: draft.name.trim() };
  if (parentTypeOf(draft.type)) request.parentId = text(draft.parentId);
  request.sourcedId = text(draft.sourcedId);
  request.identifier = text(draft.identifier);
  if (draft.type === 'employer') {
    request.industry = text(draft.industry);
    if (draft.careerCluster) request.careerCluster = draft.careerCluster;
  }
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)) as CreateOrganizationRequest;
}

interface Props {
  /** The types the caller may add (see creatableOrganizationTypes), in the order offered; the first is preselected. */
  types: readonly OrganizationType[];
  onCreated: (organization: Organization) => void;
}

export function OrganizationForm({ types, onCreated }: Props) {
  const api = useApi();
  const [draft, setDraft] = useState<Draft>(() => ({ ...emptyDraft, type: types[0] ?? emptyDraft.type }));
  const { busy: submitting, error, run } = useAction();
  const [created, setCreated] = useState<Organization>();
  const [parentsVersion, setParentsVersion] = useState(0);
  const parentType = parentTypeOf(draft.type);
  const parents = useParentOptions(parentType, parentsVersion);
  const formRef = useRef<HTMLFormElement>(null);

  // After a failed submit, take keyboard and screen-reader users to the first field to fix (or the error message).
  useEffect(() => {
    if (!error || !formRef.current) return;
    const target = formRef.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formRef.current.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [error]);

  const update = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const errorsFor = (field: (typeof shownFields)[number]) => (error ? fieldErrorsFor(error.fieldErrors, field) : []);
  const otherErrors = error
    ? Object.entries(error.fieldErrors)
        .filter(([field]) => !(shownFields as readonly string[]).includes(field))
        .flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`))
    : [];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await run(async () => {
      setCreated(undefined);
      const organization = await api.createOrganization(toCreateRequest(draft));
      setCreated(organization);
      setDraft((d) => ({ ...emptyDraft, type: d.type, parentId: d.parentId }));
      if (organization.type === 'region' || organization.type === 'district') setParentsVersion((v) => v + 1);
      onCreated(organization);
    });
  }

  return (
    <form ref={formRef} className="card form" onSubmit={submit} noValidate aria-labelledby="create-organization-heading">
      <h2 id="create-organization-heading">Add an organization</h2>

      {error ? <ErrorBanner error={{ ...error, message: [error.message, ...otherErrors].join(' ') }} /> : null}
      <div role="status" className="form__status">
        {created ? (
          <p className="banner banner--success">
            Created {organizationTypeLabels[created.type].toLowerCase()} “{created.name}”.
          </p>
        ) : null}
      </div>

      <Field label="Type" errors={errorsFor('type')} required>
        <select
          name="type"
          value={draft.type}
          onChange={(e) => {
            const value = e.target.value;
            if (isOrganizationType(value)) setDraft((d) => ({ ...d, type: value, parentId: '' }));
          }}
        >
          {types.map((type) => (
            <option key={type} value={type}>
              {organizationTypeLabels[type]}
            </option>
          ))}
        </select>
      </Field>

      <Field label="Name" errors={errorsFor('name')} required>
        <input name="name" type="text" autoComplete="organization" value={draft.name} onChange={(e) => update('name', e.target.value)} />
      </Field>

      {parentType ? (
        <Field
          label={`Parent ${organizationTypeLabels[parentType].toLowerCase()}`}
          errors={errorsFor('parentId')}
          required
          hint={
            parents.error
              ? `Could not load ${parentType}s: ${parents.error.message}`
              : parents.loading
                ? `Loading ${parentType}s…`
                : parents.options.length === 0
                  ? `No ${parentType}s yet: add one first.`
                  : parents.truncated
                    ? `Showing the first ${parents.options.length} ${parentType}s.`
                    : undefined
          }
        >
          <select name="parentId" value={draft.parentId} onChange={(e) => update('parentId', e.target.value)}>
            <option value="">Choose a {parentType}…</option>
            {parents.options.map((parent) => (
              <option key={parent.id} value={parent.id}>
                {parent.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}

      <Field label="Sourced ID" errors={errorsFor('sourcedId')} hint="The id in the district's student information system (OneRoster sourcedId), if any.">
        <input name="sourcedId" type="text" autoComplete="off" value={draft.sourcedId} onChange={(e) => update('sourcedId', e.target.value)} />
      </Field>

      <Field label="Identifier" errors={errorsFor('identifier')} hint="A public code such as an NCES or CDS id.">
        <input name="identifier" type="text" autoComplete="off" value={draft.identifier} onChange={(e) => update('identifier', e.target.value)} />
      </Field>

      {draft.type === 'employer' ? (
        <>
          <Field label="Industry" errors={errorsFor('industry')}>
            <input name="industry" type="text" value={draft.industry} onChange={(e) => update('industry', e.target.value)} />
          </Field>
          <Field label="Career cluster" errors={errorsFor('careerCluster')}>
            <select
              name="careerCluster"
              value={draft.careerCluster}
              onChange={(e) => {
                const value = e.target.value;
                update('careerCluster', isCareerCluster(value) ? value : '');
              }}
            >
              <option value="">Not set</option>
              {careerClusters.map((cluster) => (
                <option key={cluster} value={cluster}>
                  {careerClusterLabels[cluster]}
                </option>
              ))}
            </select>
          </Field>
        </>
      ) : null}

      <div className="form__actions">
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Saving…' : `Add ${organizationTypeLabels[draft.type].toLowerCase()}`}
        </button>
      </div>
    </form>
  );
}
