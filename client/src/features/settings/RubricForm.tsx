import { useRef, useState, type FormEvent } from 'react';
import type { Rubric } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { ErrorList } from '../../shared/components/ErrorList';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import '../../shared/admin.css';
import { minLevels,  maxLevels,  maxCriteria,  type CriterionDraft,  type RubricDraft,  nextKey,  rubricDraft,  readRubric,  shownFields } from './rubricDraft';

export interface FormProps {
  regionId: string;
  rubric: Rubric;
  onSaved: (rubric: Rubric) => void;
  onEdit: () => void;
  /** The API refused a stale version (412): someone else saved since this form opened. */
  onConflict: () => void;
}

export function RubricForm({ regionId, rubric, onSaved, onEdit, onConflict }: FormProps) {
  const api = useApi();
  const [draft, setDraftState] = useState<RubricDraft>(() => rubricDraft(rubric));
  const { busy, error, setError, run } = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, error);
  const errors = error?.fieldErrors ?? {};
  const setDraft = (next: RubricDraft) => {
    onEdit();
    setDraftState(next);
  };
  const setCriterion = (index: number, patch: Partial<CriterionDraft>) =>
    setDraft({ ...draft, criteria: draft.criteria.map((c, i) => (i === index ? { ...c, ...patch } : c)) });
  const categories = [...new Set(draft.criteria.map((c) => c.category.trim()).filter(Boolean))];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const { errors: problems, rubric: body } = readRubric(draft);
    if (!body) {
      setError({ message: 'Please correct the highlighted fields.', fieldErrors: problems });
      return;
    }
    // If-Match carries the version this form opened with, so another curator's save is not overwritten unseen.
    await run(
      async () => onSaved(await api.ifMatch(rubric.version ?? 0).putRubric(regionId, body)),
      (problem) => {
        if (problem.status !== 412) return problem;
        onConflict();
        return undefined;
      },
    );
  };

  const criterionErrors = (i: number, field: 'category' | 'description') => [
    ...(errors[`criteria[${i}].${field}`] ?? []),
    ...(field === 'description' ? [...(errors[`criteria[${i}].id`] ?? []), ...(errors[`criteria[${i}]`] ?? [])] : []),
  ];

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label="Evaluation rubric">
      {error ? <ErrorBanner error={bannerError(error, shownFields)} /> : null}
      <Field label="Name" errors={errors.name} required>
        <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </Field>

      <fieldset className="form-section">
        <legend>Rating scale</legend>
        <p className="field__hint">
          From the lowest level to the highest ({minLevels} to {maxLevels} levels). Employers can also answer “not applicable”.
        </p>
        <ErrorList errors={errors.levels} />
        <ol className="rubric-list">
          {draft.levels.map((label, i) => (
            <li key={i}>
              <span className="rubric-level" aria-hidden="true">
                Level {i + 1}
              </span>
              <Field label={`Level ${i + 1}`} errors={errors[`levels[${i}].label`]}>
                <input value={label} onChange={(e) => setDraft({ ...draft, levels: draft.levels.map((l, j) => (j === i ? e.target.value : l)) })} />
              </Field>
            </li>
          ))}
        </ol>
        <div className="actions">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={draft.levels.length >= maxLevels}
            onClick={() => setDraft({ ...draft, levels: [...draft.levels, ''] })}
          >
            Add a level
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={draft.levels.length <= minLevels}
            onClick={() => setDraft({ ...draft, levels: draft.levels.slice(0, -1) })}
          >
            Remove the highest level
          </button>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Criteria</legend>
        <p className="field__hint">Skills employers rate, grouped by category (up to {maxCriteria}).</p>
        <ErrorList errors={errors.criteria} />
        <datalist id={`rubric-categories-${regionId}`}>
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <ol className="rubric-list">
          {draft.criteria.map((c, i) => (
            <li key={c.key}>
              <Field label={`Criterion ${i + 1}: category`} errors={criterionErrors(i, 'category')}>
                <input value={c.category} list={`rubric-categories-${regionId}`} onChange={(e) => setCriterion(i, { category: e.target.value })} />
              </Field>
              <Field label={`Criterion ${i + 1}: what is evaluated`} errors={criterionErrors(i, 'description')}>
                <input value={c.description} onChange={(e) => setCriterion(i, { description: e.target.value })} />
              </Field>
              <button
                type="button"
                className="button button--danger-outline button--small"
                aria-label={`Remove criterion ${i + 1}${c.description ? `: ${c.description}` : ''}`}
                onClick={() => setDraft({ ...draft, criteria: draft.criteria.filter((_, j) => j !== i) })}
              >
                Remove
              </button>
              {c.id ? <p className="criterion-id">Id: {c.id}</p> : null}
            </li>
          ))}
        </ol>
        <div className="actions">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={draft.criteria.length >= maxCriteria}
            onClick={() =>
              setDraft({ ...draft, criteria: [...draft.criteria, { key: nextKey(), id: '', category: categories[categories.length - 1] ?? '', description: '' }] })
            }
          >
            Add a criterion
          </button>
        </div>
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save the rubric'}
        </button>
      </div>
    </form>
  );
}
