import { useTranslation } from 'react-i18next';
import { currentLanguage, languageNames, languages, showLanguage, type Language } from './i18n';

/**
 * The switch between LaunchPath's languages, at the foot of every page: the other language, named in itself. The
 * choice is remembered in this browser; `onChange` saves it for a signed-in person.
 */
export function LanguageSwitch({ onChange }: { onChange?: (language: Language) => void }) {
  const { t } = useTranslation();
  const current = currentLanguage();
  return (
    <p className="language-switch">
      <span className="visually-hidden">{t('shell.language')}: </span>
      {languages
        .filter((l) => l !== current)
        .map((language) => (
          <button
            key={language}
            type="button"
            className="button button--link"
            lang={language}
            onClick={() => {
              showLanguage(language, true);
              onChange?.(language);
            }}
          >
            {languageNames[language]}
          </button>
        ))}
    </p>
  );
}
