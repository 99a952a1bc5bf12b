import { useRef, useState, type FormEvent } from 'react';
import type { CreateOrganizationRequest, Organization, OrganizationType } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { isOrganizationType, organizationTypeLabels, parentTypeOf } from '../../shared/organizationLabels';
import { emptyFieldsDraft, isShownField, OrganizationFields, toEditableFields, withSourcedIdConflict, type OrganizationFieldsDraft } from './OrganizationFields';
import { useParentOptions } from '../../shared/organizations/useParentOptions';

interface Draft extends OrganizationFieldsDraft {
  type: OrganizationType;
  parentId: string;
}

const emptyDraft: Draft = { ...emptyFieldsDraft, type: 'region', parentId: '' };

/** The request the API expects: blanks left out, parent only where the type has one, employer fields only for employers. */
export function toCreateRequest(draft: Draft): CreateOrganizationRequest {
  const parentId = parentTypeOf(draft.type) && draft.parentId.trim() ? draft.parentId.trim() : null;
  const request = { type: draft.type, ...toEditableFields(draft.type, draft), parentId };
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== null && value !== undefined)) as unknown as CreateOrganizationRequest;
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
  useFocusOnError(formRef, error);
  const errors = error?.fieldErrors ?? {};

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await run(async () => {
      setCreated(undefined);
      const organization = await api.createOrganization(toCreateRequest(draft));
      setCreated(organization);
      setDraft((d) => ({ ...emptyDraft, type: d.type, parentId: d.parentId }));
      if (organization.type === 'region' || organization.type === 'district') setParentsVersion((v) => v + 1);
      onCreated(organization);
    }, withSourcedIdConflict);
  }

  return (
    <form ref={formRef} className="card form" onSubmit={submit} noValidate aria-labelledby="create-organization-heading">
      <h2 id="create-organization-heading">Add an organization</h2>

      {error ? <ErrorBanner error={bannerError(error, (f) => f === 'type' || f === 'parentId' || isShownField(f))} /> : null}
      <div role="status" className="form__status">
        {created ? (
          <p className="banner banner--success">
            Created {organizationTypeLabels[created.type].toLowerCase()} “{created.name}”.
          </p>
        ) : null}
      </div>

      <Field label="Type" errors={fieldErrorsFor(errors, 'type')} required>
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

      <OrganizationFields
        type={draft.type}
        draft={draft}
        onChange={(fields) => setDraft((d) => ({ ...d, ...fields }))}
        errors={errors}
        afterName={
          parentType ? (
            <Field
              label={`Parent ${organizationTypeLabels[parentType].toLowerCase()}`}
              errors={fieldErrorsFor(errors, 'parentId')}
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
              <select name="parentId" value={draft.parentId} onChange={(e) => setDraft((d) => ({ ...d, parentId: e.target.value }))}>
                <option value="">Choose a {parentType}…</option>
                {parents.options.map((parent) => (
                  <option key={parent.id} value={parent.id}>
                    {parent.name}
                  </option>
                ))}
              </select>
            </Field>
          ) : null
        }
      />

      <div className="form__actions">
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Saving…' : `Add ${organizationTypeLabels[draft.type].toLowerCase()}`}
        </button>
      </div>
    </form>
  );
}
