import { describe, expect, it } from 'vitest';
import { i18n } from '../shared/i18n/i18n';

// Labels register their English where they are declared, when loaded: load every module that may declare some.
import.meta.glob(['../**/*.ts', '!../**/*.test.ts', '!../test/**'], { eager: true });

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [k, v] of flatten(value, path)) flat.set(k, v);
  }
  return flat;
}

const english = flatten(i18n.getResourceBundle('en', 'translation') as Messages);
const spanish = flatten(i18n.getResourceBundle('es', 'translation') as Messages);
/** The placeholders a message fills (a singular form may leave out the count: "Tu opción quedó guardada."). */
const variables = (text: string, key: string) =>
  [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).filter((v) => !(v === 'count' && key.endsWith('_one'))).sort();

/** The keys the source code asks for by name: t('a.b'), i18next.t('a.b'), <Trans i18nKey="a.b">. */
const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const used = new Map<string, string>();
for (const [file, text] of Object.entries(sources)) {
  for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'|i18nKey="([a-zA-Z0-9_.]+)"/g)) used.set(match[1] ?? match[2], file);
}

describe('The message files', () => {
  it('have every English message in Spanish too, with the same placeholders', () => {
    expect(english.size).toBeGreaterThan(300);
    const missing = [...english.keys()].filter((key) => !spanish.get(key)?.trim());
    expect(missing, 'messages missing in es.json').toEqual([]);
    const different = [...english].filter(([key, text]) => spanish.has(key) && variables(text, key).join() !== variables(spanish.get(key)!, key).join()).map(([key]) => key);
    expect(different, 'placeholders that differ between en.json and es.json').toEqual([]);
  });

  it('have no Spanish message without its English', () => {
    expect([...spanish.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('have every message the code asks for by name (plurals by their _one and _other forms)', () => {
    expect(used.size).toBeGreaterThan(100);
    const unknown = [...used].filter(([key]) => !english.has(key) && !english.has(`${key}_other`)).map(([key, file]) => `${key} (${file})`);
    expect(unknown).toEqual([]);
  });
});
