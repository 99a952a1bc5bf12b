import { useTranslation } from 'react-i18next';
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

/** The rating's five steps (1–5), as message keys. */
const worthwhile = [1, 2, 3, 4, 5].map((n) => `reflections.rating${n}`);

/**
 * The student's reflections on the placement: written by the student, read by the student and school staff. Employers
 * do not see them (the API answers 404), so the section is not shown to them.
 */
export function ReflectionsSection({ placement }: { placement: Placement }) {
  const { t } = useTranslation();
  const api = useApi();
  const visible = placement.allowedActions.includes('readReflections');
  const write = placement.allowedActions.includes('reflect');
  const reflections = useResource(visible ? `reflections:${placement.id}` : null, (a, signal) => a.listReflections(placement.id, signal));
  const [notice, setNotice] = useState<string>();
  if (!visible) return null;

  const list = reflections.data;
  return (
    <section aria-labelledby="reflections-heading">
      <h2 id="reflections-heading">{t('reflections.title')}</h2>
      {!write ? <p className="muted">{t('reflections.whoWrites')}</p> : null}
      {reflections.error ? <ErrorBanner error={reflections.error} onRetry={reflections.reload} /> : null}
      {!list && !reflections.error ? <Loading>{t('reflections.loading')}</Loading> : null}
      <Notice>{notice}</Notice>
      {write ? (
        <ReflectionForm
          onSubmit={async (body) => {
            const saved = await api.submitReflection(placement.id, body);
            reflections.set([...(reflections.data ?? []), saved]);
            setNotice(t('reflections.saved'));
          }}
        />
      ) : null}
      {list && list.length === 0 ? <p>{t('reflections.none')}</p> : null}
      {list && list.length > 0 ? (
        <ul className="cards" aria-label={t('reflections.title')}>
          {[...list].reverse().map((r) => (
            <li key={r.id} className="card">
              <p className="muted">
                {formatDateTime(r.createdAt)}
                {r.rating ? ` · ${worthwhile[r.rating - 1] ? t(worthwhile[r.rating - 1]) : r.rating} (${t('reflections.outOf', { rating: r.rating })})` : ''}
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
  const { t } = useTranslation();
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
      setError({ message: t('errors.correctFields'), fieldErrors: { text: [t('reflections.writeFirst')] } });
      return;
    }
    if (await run(() => onSubmit({ text: text.trim(), ...(rating ? { rating: Number(rating) } : {}) }))) {
      setText('');
      setRating('');
    }
  };

  return (
    <form ref={formRef} className="form card" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h3 id={headingId}>{t('reflections.write')}</h3>
      {error ? <ErrorBanner error={bannerError(error, (field) => shown.has(field))} /> : null}
      <Field
        label={t('reflections.yours')}
        required
        errors={error ? fieldErrorsFor(error.fieldErrors, 'text') : []}
        hint={t('reflections.hint')}
      >
        <textarea rows={5} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <Field label={t('reflections.howWorthwhile')} hint={t('reflections.optional')} errors={error ? fieldErrorsFor(error.fieldErrors, 'rating') : []}>
        <select value={rating} onChange={(e) => setRating(e.target.value)}>
          <option value="">{t('reflections.choose')}</option>
          {worthwhile.map((key, i) => (
            <option key={key} value={String(i + 1)}>
              {i + 1} – {t(key)}
            </option>
          ))}
        </select>
      </Field>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.saving') : t('reflections.save')}
        </button>
      </div>
    </form>
  );
}
