import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';

/**
 * The app's languages and messages (i18next): English and Spanish. Every page a student, a guardian or a one-time link
 * opens reads its words from en.json / es.json (the labels of the API's values are written in English in
 * shared/labels.ts, which registers them as the English of the `labels` section); staff pages are English, and move into the files page by page.
 *
 * The language: a one-time link's `?lang=` (the email was written in it), else the person's choice — made with the
 * switch at the foot of every page (remembered in this browser and, signed in, saved as their preference) or, signed
 * in, their preference from the API — else the browser's languages, else English.
 */
export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

/** Each language in itself, for the switch. */
export const languageNames: Record<Language, string> = { en: 'English', es: 'Español' };

const storageKey = 'launchpath.language';

export function isLanguage(value: string | null | undefined): value is Language {
  return !!value && (languages as readonly string[]).includes(value);
}

/** The first of the browser's languages LaunchPath writes in ("es-MX" → es), or English. */
export function browserLanguage(preferred: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages ?? []): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function remembered(): Language | undefined {
  try {
    const value = localStorage.getItem(storageKey);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The language before anyone signs in: a link's ?lang= (remembered), else the one chosen here before, else the browser's. */
export function startingLanguage(search: string = typeof window === 'undefined' ? '' : window.location.search): Language {
  const fromLink = new URLSearchParams(search).get('lang');
  if (isLanguage(fromLink)) {
    remember(fromLink);
    return fromLink;
  }
  return remembered() ?? browserLanguage();
}

function remember(language: Language) {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing without storage: the choice lasts for this page only.
  }
}

/** Shows the app in `language` now; `remembered` keeps it for this browser (the person chose it). */
export function showLanguage(language: Language, remembered = false) {
  if (remembered) remember(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  if (i18next.language !== language) void i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

/** The locale dates and numbers are written in: US English or US Spanish (dates "7 de dic. de 2026", numbers "3,877"). */
export function locale(): string {
  return currentLanguage() === 'es' ? 'es-US' : 'en-US';
}

/** A number in the reader's locale. */
export function formatNumber(value: number): string {
  return value.toLocaleString(locale());
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: startingLanguage(),
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage();

export const i18n = i18next;

/**
 * Labels of the API's values (career clusters, statuses…), written in English where they are declared: registered as
 * the English of `labels.<section>` and read through the current language (Spanish from es.json), so a page keeps
 * writing `stageLabels[stage]`.
 */
export function translatedLabels<K extends string>(section: string, english: Record<K, string>): Record<K, string> {
  i18next.addResourceBundle('en', 'translation', { labels: { [section]: english } }, true, true);
  return new Proxy(english, {
    get(target, key, receiver) {
      if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(target, key)) return i18next.t(`labels.${section}.${key}`);
      return Reflect.get(target, key, receiver);
    },
  });
}
