import { useTranslation } from 'react-i18next';
import { useRef, useState, type FormEvent } from 'react';
import type { Student } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { CheckboxGroup } from '../../shared/components/CheckboxGroup';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { SlotsEditor } from '../../shared/components/SlotsEditor';
import { oneOf, transportationLabels, transportationModes } from '../../shared/labels';
import { careerClusterLabels, careerClusters } from '../../shared/organizationLabels';
import { checkPreferences, fromPreferences, toPreferences, type PreferencesDraft } from './preferences';

interface Props {
  student: Student;
  /** The record as the API returned it after saving (with its new version). */
  onSaved: (student: Student) => void;
  /** The API answered 412: someone else changed the record since it was loaded. */
  onConflict: () => void;
}

const shown = (field: string) =>
  ['careerInterests', 'skills', 'transportation', 'maxTravelMinutes', 'availability'].some((f) => field === f || field.startsWith(`${f}[`) || field.startsWith(`${f}.`));

/** What the student says about themself, saved with If-Match on the record's version. */
export function PreferencesForm({ student, onSaved, onConflict }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [draft, setDraft] = useState<PreferencesDraft>(() => fromPreferences(student.preferences));
  const { busy: saving, error, setError, run } = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, error);

  const update = <K extends keyof PreferencesDraft>(key: K, value: PreferencesDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const errors = error?.fieldErrors ?? {};
  const errorsFor = (field: string) => fieldErrorsFor(errors, field);
  const skillErrors = Object.entries(errors)
    .filter(([f]) => f === 'skills' || f.startsWith('skills['))
    .flatMap(([, m]) => m);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const problems = checkPreferences(draft);
    if (Object.keys(problems).length > 0) {
      setError({ message: t('errors.correctFields'), fieldErrors: problems });
      return;
    }
    await run(
      async () => onSaved(await api.ifMatch(student.version).updateStudentPreferences(student.id, toPreferences(draft))),
      (problem) => {
        if (problem.status !== 412 && problem.status !== 428) return problem;
        onConflict();
        return undefined;
      },
    );
  }

  return (
    <form ref={formRef} className="card form" onSubmit={submit} noValidate aria-labelledby="preferences-heading">
      <h2 id="preferences-heading">{t('preferences.title')}</h2>
      <p className="muted">{t('preferences.intro')}</p>
      {error ? <ErrorBanner error={bannerError(error, shown)} /> : null}

      <CheckboxGroup
        legend={t('preferences.interests')}
        hint={t('preferences.interestsHint')}
        options={careerClusters}
        labels={careerClusterLabels}
        selected={draft.careerInterests}
        onChange={(value) => update('careerInterests', value)}
        errors={errorsFor('careerInterests')}
        columns
      />

      <Field label={t('opportunity.skills')} errors={skillErrors} hint={t('preferences.skillsHint')}>
        <textarea name="skills" rows={2} value={draft.skills} onChange={(e) => update('skills', e.target.value)} />
      </Field>

      <SlotsEditor
        legend={t('preferences.availability')}
        hint={t('preferences.availabilityHint')}
        slots={draft.availability}
        onChange={(value) => update('availability', value)}
        fieldErrors={errors}
        path="availability"
      />

      <div className="form__row">
        <Field label={t('preferences.transport')} errors={errorsFor('transportation')}>
          <select
            name="transportation"
            value={draft.transportation}
            onChange={(e) => update('transportation', oneOf(transportationModes, e.target.value) ?? '')}
          >
            <option value="">{t('profile.notSet')}</option>
            {transportationModes.map((mode) => (
              <option key={mode} value={mode}>
                {transportationLabels[mode]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('preferences.trip')} errors={errorsFor('maxTravelMinutes')} hint={t('preferences.tripHint')}>
          <input
            name="maxTravelMinutes"
            type="number"
            inputMode="numeric"
            min={0}
            max={240}
            step={5}
            value={draft.maxTravelMinutes}
            onChange={(e) => update('maxTravelMinutes', e.target.value)}
          />
        </Field>
      </div>

      <fieldset className="fieldset">
        <legend>{t('preferences.lookingFor')}</legend>
        <label className="check">
          <input type="checkbox" name="prefersPaid" checked={draft.prefersPaid} onChange={(e) => update('prefersPaid', e.target.checked)} />
          {t('preferences.paid')}
        </label>
        <label className="check">
          <input type="checkbox" name="wantsCredit" checked={draft.wantsCredit} onChange={(e) => update('wantsCredit', e.target.checked)} />
          {t('preferences.credit')}
        </label>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('preferences.sharing')}</legend>
        <label className="check">
          <input
            type="checkbox"
            name="shareProfileWithEmployers"
            checked={draft.shareProfileWithEmployers}
            onChange={(e) => update('shareProfileWithEmployers', e.target.checked)}
          />
          {t('preferences.share')}
        </label>
        <p className="field__hint">{t('preferences.shareHint')}</p>
      </fieldset>

      <div className="form__actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? t('common.saving') : t('preferences.save')}
        </button>
      </div>
    </form>
  );
}
