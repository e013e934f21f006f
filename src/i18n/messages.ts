import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { direction, languages, type Lang } from './languages.ts';

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

// A value put into a message may run in the other direction: a centre's Latin name in an Arabic
// sentence, an Arabic name in an English one. Left alone, the bidi algorithm lets its letters and
// the numbers and punctuation around it swap places ("تقرير Round 1 · 2026" reads wrong). So a
// value with a letter of the other direction goes in as a Unicode isolate (FSI … PDI, the same as
// <bdi> in HTML); browsers, mail readers and the PDF layout all honour it and show nothing. Addresses
// are left bare, and a message puts them where their direction cannot matter (on a line of their own).
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LTR_LETTER = /(?![\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])\p{L}/u;

export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}

/**
 * Left bare: an address (a link, an e-mail address), since a mail reader that turns it into a link
 * would take the PDI in too; and text of several lines (a centre's message in a mail), which is
 * paragraphs of its own, each taking its direction from its first letter.
 */
const BARE = /^(?:https?:\/\/|\/)\S*$|^[^\s@]+@[^\s@]+$|\n/;

function isolated(values: Values | undefined, rtl: boolean): Values | undefined {
  if (!values) return values;
  let out: Values | undefined;
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string' && !BARE.test(value) && (rtl ? LTR_LETTER : RTL_LETTER).test(value)) (out ??= { ...values })[name] = isolate(value);
  }
  return out ?? values;
}

export function translator(lang: Lang): Translate {
  const rtl = direction(lang) === 'rtl';
  return (key, values) => {
    const cacheKey = `${lang}\0${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      const message = catalogues[lang][key] ?? catalogues.en[key];
      if (message === undefined) throw new Error(`missing message: ${key}`);
      format = new IntlMessageFormat(message, lang);
      compiled.set(cacheKey, format);
    }
    return String(format.format(isolated(values, rtl)));
  };
}
