import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { languages, type Lang } from './languages.ts';

// UI strings live in message catalogues (ICU MessageFormat, with plurals). en.json is the source:
// each key has the message and a note on where it appears; fr.json and ar.json map keys to text.
// A missing translation falls back to English; the catalogue test keeps them complete.

export type Values = Record<string, string | number | Date>;
export type Translate = (key: string, values?: Values) => string;

const load = (lang: Lang): Record<string, string> => {
  const raw = JSON.parse(readFileSync(new URL(`./${lang}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).map(([key, v]) => [key, typeof v === 'string' ? v : (v as { message: string }).message]));
};

export const catalogues: Record<Lang, Record<string, string>> = Object.fromEntries(languages.map((lang) => [lang, load(lang)])) as Record<
  Lang,
  Record<string, string>
>;

const compiled = new Map<string, IntlMessageFormat>();

export function translator(lang: Lang): Translate {
  return (key, values) => {
    const cacheKey = `${lang}\0${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      const message = catalogues[lang][key] ?? catalogues.en[key];
      if (message === undefined) throw new Error(`missing message: ${key}`);
      format = new IntlMessageFormat(message, lang);
      compiled.set(cacheKey, format);
    }
    return String(format.format(values));
  };
}
