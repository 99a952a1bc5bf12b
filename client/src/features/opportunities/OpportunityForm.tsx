import type { FieldErrors } from '../../shared/api/problems';
import { fieldErrorsFor } from '../../shared/api/problems';
import { AddressFields } from '../../shared/components/AddressFields';
import { ErrorList } from '../../shared/components/ErrorList';
import { Field } from '../../shared/components/Field';
import { OptionSelect } from '../../shared/components/OptionSelect';
import { SlotsEditor } from '../../shared/components/SlotsEditor';
import {
  audienceLabels,
  audiences,
  compensationLabels,
  compensations,
  modalities,
  modalityLabels,
  oneOf,
  opportunityTypeLabels,
  opportunityTypes,
  stageLabels,
  stages,
} from '../../shared/labels';
import { careerClusterLabels, careerClusters } from '../../shared/organizationLabels';
import { AudiencePicker } from './AudiencePicker';
import type { OpportunityDraft } from './opportunityForm';

interface Props {
  draft: OpportunityDraft;
  onChange: (draft: OpportunityDraft) => void;
  /** Field errors keyed as in OpportunityFields ("title", "address.city", "schedule[0].start"). */
  errors: FieldErrors;
  /** The employer's worksites to choose from (none: the choice is not shown). */
  worksites?: readonly { id: string; name: string }[];
}

/** The fields the form shows; the banner lists errors for any other. */
export function isShownField(field: string): boolean {
  const roots = [
    'title', 'description', 'duties', 'type', 'stage', 'careerCluster', 'pathway', 'skills', 'modality', 'siteName', 'worksiteId', 'address', 'seats',
    'startDate', 'endDate', 'schedule', 'expectedHours', 'compensation', 'hourlyWage', 'stipendAmount', 'creditOffered', 'creditDescription',
    'minGrade', 'minAge', 'prerequisiteStage', 'requiredForms', 'hazardous', 'audience', 'audienceOrganizationIds',
  ];
  const root = field.split(/[.[]/)[0];
  return roots.includes(root);
}

/** Every field of an opportunity, in sections: about, where and when, pay and credit, who can take part, audience. */
export function OpportunityForm({ draft, onChange, errors, worksites = [] }: Props) {
  const set = <K extends keyof OpportunityDraft>(key: K, value: OpportunityDraft[K]) => onChange({ ...draft, [key]: value });
  const errorsFor = (field: string) => fieldErrorsFor(errors, field);
  const listErrors = (field: string) =>
    Object.entries(errors)
      .filter(([key]) => key === field || key.startsWith(`${field}[`))
      .flatMap(([, messages]) => messages);
  const onSite = draft.modality !== 'virtual';

  return (
    <>
      <fieldset className="form-section">
        <legend>About the opportunity</legend>
        <Field label="Title" errors={errorsFor('title')} required>
          <input name="title" type="text" maxLength={200} value={draft.title} onChange={(e) => set('title', e.target.value)} />
        </Field>
        <div className="form__row form__row--3">
          <Field label="Kind" errors={errorsFor('type')} required>
            <OptionSelect name="type" options={opportunityTypes} labels={opportunityTypeLabels} value={draft.type} onChange={(value) => set('type', value ?? draft.type)} />
          </Field>
          <Field label="Stage" errors={errorsFor('stage')} required hint="Awareness and exploration come before preparation and training.">
            <OptionSelect name="stage" options={stages} labels={stageLabels} value={draft.stage} onChange={(value) => set('stage', value ?? draft.stage)} />
          </Field>
          <Field label="Career cluster" errors={errorsFor('careerCluster')} required>
            <OptionSelect name="careerCluster" options={careerClusters} labels={careerClusterLabels} value={draft.careerCluster} blank="Choose a cluster…" onChange={(value) => set('careerCluster', value ?? '')} />
          </Field>
        </div>
        <Field label="Description" errors={errorsFor('description')} required>
          <textarea name="description" rows={4} maxLength={4000} value={draft.description} onChange={(e) => set('description', e.target.value)} />
        </Field>
        <Field label="Duties" errors={errorsFor('duties')} hint="The meaningful tasks participants will do.">
          <textarea name="duties" rows={3} maxLength={4000} value={draft.duties} onChange={(e) => set('duties', e.target.value)} />
        </Field>
        <div className="form__row">
          <Field label="Pathway" errors={errorsFor('pathway')} hint="The program of study it serves, if any.">
            <input name="pathway" type="text" value={draft.pathway} onChange={(e) => set('pathway', e.target.value)} />
          </Field>
          <Field label="Skills" errors={listErrors('skills')} hint="Separate with commas.">
            <input name="skills" type="text" value={draft.skills} onChange={(e) => set('skills', e.target.value)} />
          </Field>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Where and when</legend>
        <Field label="Modality" errors={errorsFor('modality')} required>
          <OptionSelect name="modality" options={modalities} labels={modalityLabels} value={draft.modality} onChange={(value) => set('modality', value ?? draft.modality)} />
        </Field>
        {onSite ? (
          <div className="subsection">
            <p className="field__hint">In-person and hybrid opportunities need the site’s address.</p>
            <ErrorList errors={errorsFor('address')} />
            {worksites.length > 0 ? (
              <Field label="Worksite" errors={errorsFor('worksiteId')} hint="Where it happens; a minor's placement may need the worksite's safety checklist approved.">
                <select name="worksiteId" value={draft.worksiteId} onChange={(e) => set('worksiteId', e.target.value)}>
                  <option value="">Not one of our worksites</option>
                  {worksites.map((w) => (
                    <option key={w.id} value={w.id}>
                      {w.name}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            <Field label="Site name" errors={errorsFor('siteName')}>
              <input name="siteName" type="text" value={draft.siteName} onChange={(e) => set('siteName', e.target.value)} />
            </Field>
            <AddressFields
              address={{ line1: draft.line1, line2: draft.line2, city: draft.city, state: draft.state, postalCode: draft.postalCode }}
              onChange={(address) => onChange({ ...draft, ...address })}
              errors={errors}
              required
            />
          </div>
        ) : null}
        <div className="form__row form__row--3">
          <Field label="Seats" errors={errorsFor('seats')} required>
            <input name="seats" type="number" min={1} max={10000} value={draft.seats} onChange={(e) => set('seats', e.target.value)} />
          </Field>
          <Field label="Start date" errors={errorsFor('startDate')}>
            <input name="startDate" type="date" value={draft.startDate} onChange={(e) => set('startDate', e.target.value)} />
          </Field>
          <Field label="End date" errors={errorsFor('endDate')}>
            <input name="endDate" type="date" value={draft.endDate} onChange={(e) => set('endDate', e.target.value)} />
          </Field>
        </div>
        <SlotsEditor legend="Weekly schedule" slots={draft.schedule} onChange={(value) => set('schedule', value)} fieldErrors={errors} path="schedule" />
        <Field label="Expected hours in total" errors={errorsFor('expectedHours')}>
          <input name="expectedHours" type="number" min={1} max={5000} value={draft.expectedHours} onChange={(e) => set('expectedHours', e.target.value)} />
        </Field>
      </fieldset>

      <fieldset className="form-section">
        <legend>Pay and credit</legend>
        <div className="form__row form__row--3">
          <Field label="Compensation" errors={errorsFor('compensation')} required>
            <OptionSelect name="compensation" options={compensations} labels={compensationLabels} value={draft.compensation} onChange={(value) => set('compensation', value ?? draft.compensation)} />
          </Field>
          {draft.compensation === 'paid' ? (
            <Field label="Hourly wage (USD)" errors={errorsFor('hourlyWage')} required>
              <input name="hourlyWage" type="number" min={0} step="0.01" value={draft.hourlyWage} onChange={(e) => set('hourlyWage', e.target.value)} />
            </Field>
          ) : null}
          {draft.compensation === 'stipend' ? (
            <Field label="Stipend amount (USD, total)" errors={errorsFor('stipendAmount')} required>
              <input name="stipendAmount" type="number" min={0} step="0.01" value={draft.stipendAmount} onChange={(e) => set('stipendAmount', e.target.value)} />
            </Field>
          ) : null}
        </div>
        <label className="check">
          <input type="checkbox" name="creditOffered" checked={draft.creditOffered} onChange={(e) => set('creditOffered', e.target.checked)} />
          School credit offered
        </label>
        {draft.creditOffered ? (
          <Field label="Credit description" errors={errorsFor('creditDescription')}>
            <input name="creditDescription" type="text" maxLength={400} value={draft.creditDescription} onChange={(e) => set('creditDescription', e.target.value)} />
          </Field>
        ) : null}
      </fieldset>

      <fieldset className="form-section">
        <legend>Who can take part</legend>
        <div className="form__row form__row--3">
          <Field label="Lowest grade" errors={errorsFor('minGrade')} hint="6–12, or 13 for postsecondary.">
            <input name="minGrade" type="number" min={6} max={13} value={draft.minGrade} onChange={(e) => set('minGrade', e.target.value)} />
          </Field>
          <Field label="Minimum age" errors={errorsFor('minAge')}>
            <input name="minAge" type="number" min={10} max={99} value={draft.minAge} onChange={(e) => set('minAge', e.target.value)} />
          </Field>
          <Field label="Stage completed first" errors={errorsFor('prerequisiteStage')} hint="A stage the student must have done before.">
            <OptionSelect name="prerequisiteStage" options={stages} labels={stageLabels} value={draft.prerequisiteStage} blank="None" onChange={(value) => set('prerequisiteStage', value ?? '')} />
          </Field>
        </div>
        <Field label="Required forms" errors={listErrors('requiredForms')} hint="Separate with commas, for example: Parent permission, Work permit.">
          <input name="requiredForms" type="text" value={draft.requiredForms} onChange={(e) => set('requiredForms', e.target.value)} />
        </Field>
        <label className="check">
          <input type="checkbox" name="hazardous" checked={draft.hazardous} onChange={(e) => set('hazardous', e.target.checked)} />
          Hazardous work (federal hazardous-occupation orders: participants must be 18 or older)
        </label>
        <ErrorList errors={errorsFor('hazardous')} />
      </fieldset>

      <fieldset className="form-section">
        <legend>Audience</legend>
        <Field label="Offered to" errors={errorsFor('audience')} required hint="Published opportunities are shown to these students.">
          <select
            name="audience"
            value={draft.audience}
            onChange={(e) => onChange({ ...draft, audience: oneOf(audiences, e.target.value) ?? draft.audience, audienceOrganizationIds: [] })}
          >
            {audiences.map((a) => (
              <option key={a} value={a}>
                {audienceLabels[a]}
              </option>
            ))}
          </select>
        </Field>
        {draft.audience !== 'region' ? (
          <AudiencePicker
            type={draft.audience}
            selected={draft.audienceOrganizationIds}
            onChange={(ids) => set('audienceOrganizationIds', ids)}
            errors={listErrors('audienceOrganizationIds')}
          />
        ) : null}
      </fieldset>
    </>
  );
}
