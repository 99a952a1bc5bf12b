import { useRef, useState, type FormEvent } from 'react';
import type { Rubric } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import type { FieldErrors } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { ErrorList } from '../../shared/components/ErrorList';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import '../../shared/admin.css';

export const minLevels = 2;
export const maxLevels = 6;
export const maxCriteria = 50;

export interface CriterionDraft {
  /** Local key for React. */
  key: string;
  /** The stored id; empty for a criterion added here (one is made from its text when saving). */
  id: string;
  category: string;
  description: string;
}

export interface RubricDraft {
  name: string;
  levels: string[];
  criteria: CriterionDraft[];
}

let keys = 0;
const nextKey = () => `criterion-${++keys}`;

export function rubricDraft(rubric: Rubric): RubricDraft {
  return {
    name: rubric.name,
    levels: [...rubric.levels].sort((a, b) => a.level - b.level).map((l) => l.label),
    criteria: rubric.criteria.map((c) => ({ key: nextKey(), id: c.id, category: c.category, description: c.description })),
  };
}

/** "Applied Workplace Skills", "Uses tools safely" → "applied-workplace-skills-uses-tools-safely" (64 characters at most), unique among `taken`. */
export function criterionId(category: string, description: string, taken: ReadonlySet<string>): string {
  const base =
    `${category} ${description}`
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/g, '') || 'criterion';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The problems of a draft, keyed like the API's fields ("levels[1].label", "criteria[0].description"); none: the rubric to send. */
export function readRubric(draft: RubricDraft): { errors: FieldErrors; rubric?: Rubric } {
  const errors: Record<string, string[]> = {};
  if (!draft.name.trim()) errors.name = ['Name the rubric.'];
  draft.levels.forEach((label, i) => {
    if (!label.trim()) errors[`levels[${i}].label`] = ['Describe this level.'];
  });
  if (draft.criteria.length === 0) errors.criteria = ['Add at least one criterion.'];
  draft.criteria.forEach((c, i) => {
    if (!c.category.trim()) errors[`criteria[${i}].category`] = ['Enter the category.'];
    if (!c.description.trim()) errors[`criteria[${i}].description`] = ['Describe what is evaluated.'];
  });
  if (Object.keys(errors).length > 0) return { errors };
  const taken = new Set(draft.criteria.map((c) => c.id).filter(Boolean));
  const criteria = draft.criteria.map((c) => {
    const id = c.id || criterionId(c.category, c.description, taken);
    taken.add(id);
    return { id, category: c.category.trim(), description: c.description.trim() };
  });
  const levels = draft.levels.map((label, i) => ({ level: i + 1, label: label.trim() }));
  // The API ignores the body's version: the version the form opened with travels in If-Match.
  return { errors, rubric: { name: draft.name.trim(), levels, criteria, version: 0 } };
}

/** The region's evaluation rubric (criteria by category, and the rating scale), for its curators. */
export function RubricEditor({ regionId }: { regionId: string }) {
  const rubric = useResource(`rubric:${regionId}`, (api, signal) => api.getRubric(regionId, signal));
  const [saved, setSaved] = useState(0);
  const [notice, setNotice] = useState<string>();
  return (
    <section className="card" aria-labelledby="rubric-heading">
      <h2 id="rubric-heading">Evaluation rubric</h2>
      <p className="field__hint">
        What employers rate at the midpoint and the end of a placement, and the scale they rate on. Evaluations already made keep the rubric they were
        made with.
      </p>
      <Notice>{notice}</Notice>
      {rubric.status === 'error' && rubric.error ? <ErrorBanner error={rubric.error} onRetry={rubric.reload} /> : null}
      {rubric.status === 'loading' && !rubric.data ? <Loading>Loading the rubric…</Loading> : null}
      {rubric.data ? (
        <RubricForm
          key={`${saved}:${rubric.data.version}`}
          regionId={regionId}
          rubric={rubric.data}
          onEdit={() => setNotice(undefined)}
          onConflict={() => {
            setNotice('Someone else changed the rubric after you opened it. The latest rubric is shown: make your changes again.');
            rubric.reload();
          }}
          onSaved={(next) => {
            rubric.set(next);
            setSaved((n) => n + 1);
            setNotice('The rubric is saved. New evaluations use it.');
          }}
        />
      ) : null}
    </section>
  );
}

const shownFields = (field: string) => field === 'name' || /^(levels|criteria)(\[\d+\](\.(label|id|category|description))?)?$/.test(field);

interface FormProps {
  regionId: string;
  rubric: Rubric;
  onSaved: (rubric: Rubric) => void;
  onEdit: () => void;
  /** The API refused a stale version (412): someone else saved since this form opened. */
  onConflict: () => void;
}

function RubricForm({ regionId, rubric, onSaved, onEdit, onConflict }: FormProps) {
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
