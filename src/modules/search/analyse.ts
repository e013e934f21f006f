import { stemmer as arabicStem } from '@orama/stemmers/arabic';
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as frenchStem } from '@orama/stemmers/french';
import { stemmer as russianStem } from '@orama/stemmers/russian';
import { stopwords as arabicStop } from '@orama/stopwords/arabic';
import { stopwords as englishStop } from '@orama/stopwords/english';
import { stopwords as frenchStop } from '@orama/stopwords/french';
import { stopwords as russianStop } from '@orama/stopwords/russian';
import type { Lang } from '../../i18n/languages.ts';

// Text analysis for the SQLite index: the same steps PostgreSQL's language configurations take
// (split into words, drop stop words, reduce to a stem, fold accents), done in JavaScript so
// that FTS5 stores and matches stems. Queries go through the same function as documents.

export const stemmers: Record<Lang, (word: string) => string> = { en: englishStem, fr: frenchStem, ar: arabicStem, ru: russianStem };
const stopwords: Record<Lang, Set<string>> = {
  en: new Set(englishStop),
  fr: new Set(frenchStop),
  ar: new Set(arabicStop),
  ru: new Set(russianStop),
};

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case without diacritics, tashkeel or tatweel: "Éducation" → "education". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]/gu, '')
    .toLowerCase();
}

/** The index terms of a text in a language, in order. */
export function analyse(text: string, lang: Lang): string[] {
  const stem = stemmers[lang];
  const stop = stopwords[lang];
  const out: string[] = [];
  for (const word of text.normalize('NFKC').toLowerCase().match(WORD) ?? []) {
    if (stop.has(word)) continue;
    const term = fold(stem(word));
    if (term) out.push(term);
  }
  return out;
}

/** The words a person typed, folded, for highlighting and excerpts. */
export function queryWords(text: string): string[] {
  return [...new Set((fold(text).match(WORD) ?? []).filter((w) => w.length > 1))];
}
