import { useState, type FormEvent } from 'react';
import type { MessageDelivery, MessagePreferencesRequest } from '@launchpath/contracts';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';

const deliveryChoices: MessageDelivery[] = ['immediate', 'daily', 'none'];

/** Each language in itself, with its English name for those who do not read it. */
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
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<MessageDelivery>(delivery);
  const [lang, setLang] = useState(language ?? '');
  const [saved, setSaved] = useState<string>();
  const action = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(undefined);
    void action.run(async () => {
      await onSave({ delivery: chosen, language: lang || null });
      setSaved(t(`delivery.saved.${chosen}`));
    });
  }

  return (
    <form onSubmit={submit} className="form" aria-label={t('delivery.title')}>
      <fieldset className="fieldset">
        <legend>{t('delivery.optional')}</legend>
        {deliveryChoices.map((value) => (
          <label key={value} className="check">
            <input type="radio" name="delivery" value={value} checked={chosen === value} onChange={() => setChosen(value)} />
            <span>
              {t(`delivery.choices.${value}`)}
              <span className="field__hint"> — {t(`delivery.hints.${value}`)}</span>
            </span>
          </label>
        ))}
        <p className="field__hint">{t('delivery.required')}</p>
      </fieldset>
      <Field label={t('delivery.language')}>
        <select value={lang} onChange={(e) => setLang(e.target.value)}>
          <option value="">{t('delivery.asOnRecord')}</option>
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
          {t('delivery.save')}
        </button>
      </p>
      <Notice>{saved}</Notice>
    </form>
  );
}
