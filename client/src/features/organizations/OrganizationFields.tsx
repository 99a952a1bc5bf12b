import type { ReactNode } from 'react';
import type { CareerCluster, Organization, OrganizationType, UpdateOrganizationRequest } from '@launchpath/contracts';
import { fieldErrorsFor, type FieldErrors, type UiError } from '../../shared/api/problems';
import { AddressFields, emptyAddressDraft, type AddressDraft } from '../../shared/components/AddressFields';
import { ErrorList } from '../../shared/components/ErrorList';
import { Field } from '../../shared/components/Field';
import { careerClusterLabels, careerClusters, isCareerCluster } from '../../shared/organizationLabels';

/** The fields of an organization that can be edited (create sets them too), as the form types them. */
export interface OrganizationFieldsDraft {
  name: string;
  sourcedId: string;
  identifier: string;
  address: AddressDraft;
  /** Not edited: kept as the record has it ('' leaves it to the API's default, US). */
  country: string;
  industry: string;
  careerCluster: CareerCluster | '';
}

export const emptyFieldsDraft: OrganizationFieldsDraft = {
  name: '',
  sourcedId: '',
  identifier: '',
  address: emptyAddressDraft,
  country: '',
  industry: '',
  careerCluster: '',
};

/** The draft an organization starts the edit form with. */
export function fieldsDraftOf(organization: Organization): OrganizationFieldsDraft {
  const a = organization.address;
  return {
    name: organization.name,
    sourcedId: organization.sourcedId ?? '',
    identifier: organization.identifier ?? '',
    address: a ? { line1: a.line1, line2: a.line2 ?? '', city: a.city, state: a.state, postalCode: a.postalCode } : emptyAddressDraft,
    country: a?.country ?? '',
    industry: organization.industry ?? '',
    careerCluster: organization.careerCluster ?? '',
  };
}

const text = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/**
 * The editable fields as the API takes them: blanks as null, no address when every part is blank, and industry and
 * career cluster only for employers (the API refuses them on anything else).
 */
export function toEditableFields(type: OrganizationType, draft: OrganizationFieldsDraft): UpdateOrganizationRequest {
  const a = draft.address;
  const hasAddress = [a.line1, a.line2, a.city, a.state, a.postalCode].some((part) => part.trim() !== '');
  const employer = type === 'employer';
  return {
    name: draft.name.trim(),
    sourcedId: text(draft.sourcedId),
    identifier: text(draft.identifier),
    address: hasAddress
      ? { line1: a.line1.trim(), line2: text(a.line2), city: a.city.trim(), state: a.state.trim(), postalCode: a.postalCode.trim(), country: text(draft.country) }
      : null,
    industry: employer ? text(draft.industry) : null,
    careerCluster: employer && draft.careerCluster ? draft.careerCluster : null,
  };
}

const shown = new Set(['name', 'sourcedId', 'identifier', 'address', 'address.line1', 'address.line2', 'address.city', 'address.state', 'address.postalCode', 'industry', 'careerCluster']);

/** Whether these fields show a server error for `field` beside it (the banner lists the others). */
export function isShownField(field: string): boolean {
  return shown.has(field);
}

/** A 409 is a sourcedId another organization under the same parent has: shown beside that field too. */
export function withSourcedIdConflict(problem: UiError): UiError {
  return problem.status === 409 ? { ...problem, fieldErrors: { ...problem.fieldErrors, sourcedId: [problem.message] } } : problem;
}

interface Props {
  /** The organization's type: industry and career cluster are for employers only. */
  type: OrganizationType;
  draft: OrganizationFieldsDraft;
  onChange: (draft: OrganizationFieldsDraft) => void;
  errors: FieldErrors;
  /** Fields of the create form to show after the name (the parent). */
  afterName?: ReactNode;
}

/** Name, identifiers, address and (employers) industry and career cluster: what create and edit share. */
export function OrganizationFields({ type, draft, onChange, errors, afterName }: Props) {
  const set = <K extends keyof OrganizationFieldsDraft>(key: K, value: OrganizationFieldsDraft[K]) => onChange({ ...draft, [key]: value });
  const errorsFor = (field: string) => fieldErrorsFor(errors, field);
  return (
    <>
      <Field label="Name" errors={errorsFor('name')} required>
        <input name="name" type="text" autoComplete="organization" value={draft.name} onChange={(e) => set('name', e.target.value)} />
      </Field>
      {afterName}

      <Field label="Sourced ID" errors={errorsFor('sourcedId')} hint="The id in the district's student information system (OneRoster sourcedId), if any.">
        <input name="sourcedId" type="text" autoComplete="off" value={draft.sourcedId} onChange={(e) => set('sourcedId', e.target.value)} />
      </Field>

      <Field label="Identifier" errors={errorsFor('identifier')} hint="A public code such as an NCES or CDS id.">
        <input name="identifier" type="text" autoComplete="off" value={draft.identifier} onChange={(e) => set('identifier', e.target.value)} />
      </Field>

      {type === 'employer' ? (
        <>
          <Field label="Industry" errors={errorsFor('industry')}>
            <input name="industry" type="text" value={draft.industry} onChange={(e) => set('industry', e.target.value)} />
          </Field>
          <Field label="Career cluster" errors={errorsFor('careerCluster')}>
            <select name="careerCluster" value={draft.careerCluster} onChange={(e) => set('careerCluster', isCareerCluster(e.target.value) ? e.target.value : '')}>
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

      <fieldset className="form-section">
        <legend>Address</legend>
        <p className="field__hint">Optional. With an address, give the street, city, state and ZIP code.</p>
        <ErrorList errors={errorsFor('address')} />
        <AddressFields address={draft.address} onChange={(address) => set('address', address)} errors={errors} />
      </fieldset>
    </>
  );
}
