import { useId, useRef, useState, type FormEvent } from 'react';
import type { Placement, SubmitReflectionRequest } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { formatDateTime } from '../../shared/format';

const worthwhile = ['Not worthwhile', 'A little worthwhile', 'Somewhat worthwhile', 'Worthwhile', 'Very worthwhile'];

/**
 * The student's reflections on the placement: written by the student, read by the student and school staff. Employers
 * do not see them (the API answers 404), so the section is not shown to them.
 */
export function ReflectionsSection({ placement }: { placement: Placement }) {
  const api = useApi();
  const visible = placement.allowedActions.includes('readReflections');
  const write = placement.allowedActions.includes('reflect');
  const reflections = useResource(visible ? `reflections:${placement.id}` : null, (a, signal) => a.listReflections(placement.id, signal));
  const [notice, setNotice] = useState<string>();
  if (!visible) return null;

  const list = reflections.data;
  return (
    <section aria-labelledby="reflections-heading">
      <h2 id="reflections-heading">Reflections</h2>
      {!write ? <p className="muted">Written by the student; the employer does not see them.</p> : null}
      {reflections.error ? <ErrorBanner error={reflections.error} onRetry={reflections.reload} /> : null}
      {!list && !reflections.error ? <Loading>Loading the reflections…</Loading> : null}
      <Notice>{notice}</Notice>
      {write ? (
        <ReflectionForm
          onSubmit={async (body) => {
            const saved = await api.submitReflection(placement.id, body);
            reflections.set([...(reflections.data ?? []), saved]);
            setNotice('Your reflection is saved.');
          }}
        />
      ) : null}
      {list && list.length === 0 ? <p>No reflections yet.</p> : null}
      {list && list.length > 0 ? (
        <ul className="cards" aria-label="Reflections">
          {[...list].reverse().map((r) => (
            <li key={r.id} className="card">
              <p className="muted">
                {formatDateTime(r.createdAt)}
                {r.rating ? ` · ${worthwhile[r.rating - 1] ?? r.rating} (${r.rating} of 5)` : ''}
              </p>
              <p className="reflection__text">{r.text}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

const shown = new Set(['text', 'rating']);

/** A reflection, prompted: what the student did, learned, and how it connects to class. */
function ReflectionForm({ onSubmit }: { onSubmit: (body: SubmitReflectionRequest) => Promise<void> }) {
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [text, setText] = useState('');
  const [rating, setRating] = useState('');
  const { busy, error, setError, run } = useAction();
  useFocusOnError(formRef, error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!text.trim()) {
      setError({ message: 'Please correct the highlighted fields.', fieldErrors: { text: ['Write your reflection first.'] } });
      return;
    }
    if (await run(() => onSubmit({ text: text.trim(), ...(rating ? { rating: Number(rating) } : {}) }))) {
      setText('');
      setRating('');
    }
  };

  return (
    <form ref={formRef} className="form card" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h3 id={headingId}>Write a reflection</h3>
      {error ? <ErrorBanner error={bannerError(error, (field) => shown.has(field))} /> : null}
      <Field
        label="Your reflection"
        required
        errors={error ? fieldErrorsFor(error.fieldErrors, 'text') : []}
        hint="What did you do? What did you learn? How does it connect to what you study in class, and to what you want to do next?"
      >
        <textarea rows={5} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <Field label="How worthwhile was this time?" hint="Optional." errors={error ? fieldErrorsFor(error.fieldErrors, 'rating') : []}>
        <select value={rating} onChange={(e) => setRating(e.target.value)}>
          <option value="">Choose…</option>
          {worthwhile.map((label, i) => (
            <option key={label} value={String(i + 1)}>
              {i + 1} – {label}
            </option>
          ))}
        </select>
      </Field>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save reflection'}
        </button>
      </div>
    </form>
  );
}
