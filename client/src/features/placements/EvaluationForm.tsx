import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { EvaluationKind, Rubric, RubricCriterion, SubmitEvaluationRequest } from '@launchpath/contracts';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { ErrorList } from '../../shared/components/ErrorList';
import { Field } from '../../shared/components/Field';
import { OptionSelect } from '../../shared/components/OptionSelect';
import { bannerError } from '../../shared/components/formErrors';
import { byCategory, evaluationKindLabels, toRatings, unrated, type RatingChoice } from './evaluations';

const shown = new Set(['kind', 'ratings', 'comments']);

interface Props {
  rubric: Rubric;
  /** The kinds still to submit, in order; the first is preselected. */
  kinds: readonly EvaluationKind[];
  /** Rejects with what the API threw. */
  onSubmit: (body: SubmitEvaluationRequest) => Promise<void>;
}

/** The employer's evaluation: one rating per criterion on the rubric's scale (or not applicable), and comments. */
export function EvaluationForm({ rubric, kinds, onSubmit }: Props) {
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<EvaluationKind>(kinds[0]);
  const [choices, setChoices] = useState<Record<string, RatingChoice>>({});
  const [comments, setComments] = useState('');
  const [missing, setMissing] = useState<readonly string[]>([]);
  const { busy, error, setError, run } = useAction();

  // After a failed submit: the first criterion left unrated, else the first invalid field, else the message.
  useEffect(() => {
    if (!error || !formRef.current) return;
    const form = formRef.current;
    (form.querySelector<HTMLElement>('fieldset[data-invalid] input') ?? form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.querySelector<HTMLElement>('[role="alert"]'))?.focus();
  }, [error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const left = unrated(rubric, choices);
    setMissing(left);
    if (left.length > 0) {
      setError({ message: `Rate every skill, or choose “Not applicable”: ${left.length} left.`, fieldErrors: {} });
      return;
    }
    await run(() => onSubmit({ kind, ratings: toRatings(rubric, choices), ...(comments.trim() ? { comments: comments.trim() } : {}) }));
  };

  const ratingErrors = error ? fieldErrorsFor(error.fieldErrors, 'ratings') : [];
  return (
    <form ref={formRef} className="form card" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h3 id={headingId}>Evaluate the student</h3>
      <p className="muted">
        {rubric.name}. Rate each skill from what you saw at work; choose “Not applicable” where the placement gave no chance to show it.
      </p>
      {error ? <ErrorBanner error={bannerError(error, (field) => shown.has(field))} /> : null}
      <Field label="Evaluation" required errors={error ? fieldErrorsFor(error.fieldErrors, 'kind') : []}>
        <OptionSelect options={kinds} labels={evaluationKindLabels} value={kind} onChange={(value) => setKind(value ?? kind)} />
      </Field>
      <ErrorList errors={ratingErrors} />
      {byCategory(rubric.criteria).map(([category, criteria]) => (
        <fieldset key={category} className="form-section">
          <legend>{category}</legend>
          {criteria.map((criterion) => (
            <CriterionRatingField
              key={criterion.id}
              criterion={criterion}
              rubric={rubric}
              value={choices[criterion.id] ?? ''}
              invalid={missing.includes(criterion.id)}
              onChange={(value) => {
                setChoices((c) => ({ ...c, [criterion.id]: value }));
                setMissing((m) => m.filter((id) => id !== criterion.id));
              }}
            />
          ))}
        </fieldset>
      ))}
      <Field label="Comments" hint="Optional: strengths, and what to work on next." errors={error ? fieldErrorsFor(error.fieldErrors, 'comments') : []}>
        <textarea rows={3} maxLength={4000} value={comments} onChange={(e) => setComments(e.target.value)} />
      </Field>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Submitting…' : 'Submit evaluation'}
        </button>
      </div>
    </form>
  );
}

function CriterionRatingField({
  criterion,
  rubric,
  value,
  invalid,
  onChange,
}: {
  criterion: RubricCriterion;
  rubric: Rubric;
  value: RatingChoice;
  invalid: boolean;
  onChange: (value: RatingChoice) => void;
}) {
  const id = useId();
  const options: [RatingChoice, string][] = [...rubric.levels.map((l): [RatingChoice, string] => [String(l.level), `${l.level} – ${l.label}`]), ['na', 'Not applicable']];
  return (
    <fieldset className={invalid ? 'fieldset fieldset--invalid' : 'fieldset'} data-invalid={invalid || undefined} aria-describedby={invalid ? `${id}-error` : undefined}>
      <legend>{criterion.description}</legend>
      <div className="rating-scale">
        {options.map(([choice, label]) => (
          <label key={choice} className="check">
            <input type="radio" name={id} value={choice} checked={value === choice} onChange={() => onChange(choice)} />
            {label}
          </label>
        ))}
      </div>
      {invalid ? (
        <p id={`${id}-error`} className="field__errors">
          Choose a rating, or “Not applicable”.
        </p>
      ) : null}
    </fieldset>
  );
}
