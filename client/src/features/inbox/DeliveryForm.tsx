import { useState, type FormEvent } from 'react';
import type { MessageDelivery, MessagePreferencesRequest } from '@launchpath/contracts';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';

const deliveryChoices: { value: MessageDelivery; label: string; hint: string }[] = [
  { value: 'immediate', label: 'Each email as it happens', hint: 'A placement’s news, hours decisions and match results, one email each.' },
  { value: 'daily', label: 'One email a day', hint: 'Everything of the day in one email, at 4 pm.' },
  { value: 'none', label: 'None', hint: 'Stop them.' },
];

export const languageNames: Record<string, string> = { en: 'English', es: 'Español (Spanish)' };

/**
 * How the emails a person may stop reach them, and the language LaunchPath writes to them in. What a placement
 * requires (consent, agreement and approval links, account links) always comes, at once.
 */
export function DeliveryForm({ delivery, language, onSave }: {
  delivery: MessageDelivery;
  language: string | null | undefined;
  onSave: (choice: MessagePreferencesRequest) => Promise<unknown>;
}) {
  const [chosen, setChosen] = useState<MessageDelivery>(delivery);
  const [lang, setLang] = useState(language ?? '');
  const [saved, setSaved] = useState<string>();
  const action = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(undefined);
    void action.run(async () => {
      await onSave({ delivery: chosen, language: lang || null });
      setSaved(chosen === 'none' ? 'Saved: optional emails are stopped.' : chosen === 'daily' ? 'Saved: one email a day.' : 'Saved: each email as it happens.');
    });
  }

  return (
    <form onSubmit={submit} className="form" aria-label="Email choices">
      <fieldset className="fieldset">
        <legend>Optional emails</legend>
        {deliveryChoices.map((c) => (
          <label key={c.value} className="check">
            <input type="radio" name="delivery" value={c.value} checked={chosen === c.value} onChange={() => setChosen(c.value)} />
            <span>
              {c.label}
              <span className="field__hint"> — {c.hint}</span>
            </span>
          </label>
        ))}
        <p className="field__hint">Consent, agreement and approval links, and account emails, always come at once.</p>
      </fieldset>
      <Field label="Language of LaunchPath’s emails">
        <select value={lang} onChange={(e) => setLang(e.target.value)}>
          <option value="">As on my school record</option>
          {Object.entries(languageNames).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      {action.error ? <ErrorBanner error={action.error} /> : null}
      <p>
        <button type="submit" className="button" disabled={action.busy}>
          Save my choices
        </button>
      </p>
      <Notice>{saved}</Notice>
    </form>
  );
}
