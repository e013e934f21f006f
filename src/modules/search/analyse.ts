import { stemmer as arabicStem } from '@orama/stemmers/arabic';
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as frenchStem } from '@orama/stemmers/french';
import { stemmer as russianStem } from '@orama/stemmers/russian';
import { stemmer as ukrainianStem } from '@orama/stemmers/ukrainian';
import { stopwords as arabicStop } from '@orama/stopwords/arabic';
import { stopwords as englishStop } from '@orama/stopwords/english';
import { stopwords as frenchStop } from '@orama/stopwords/french';
import { stopwords as russianStop } from '@orama/stopwords/russian';
import { stopwords as ukrainianStop } from '@orama/stopwords/ukrainian';
import type { Lang } from '../../i18n/languages.ts';

// Text analysis for the SQLite index: the same steps PostgreSQL's language configurations take
// (split into words, drop stop words, reduce to a stem, fold accents), done in JavaScript so
// that FTS5 stores and matches stems. Queries go through the same function as documents.

export const stemmers: Record<Lang, (word: string) => string> = { en: englishStem, fr: frenchStem, ar: arabicStem, ru: russianStem, uk: ukrainianStem };
const stopwords: Record<Lang, Set<string>> = {
  en: new Set(englishStop),
  fr: new Set(frenchStop),
  ar: new Set(arabicStop),
  ru: new Set(russianStop),
  uk: new Set(ukrainianStop),
};

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case without diacritics, tashkeel or tatweel: "Éducation" → "education". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]/gu, '')
    .toLowerCase();
}

// Two gaps in the Snowball Arabic stemmer (PostgreSQL's and ours alike), filled before it runs so
// that the forms of a word meet: a sound feminine plural without the article keeps part of its
// ending ("شراكات" and "شراكاتها" → "شراكا", but "الشراكات" and "شراكة" → "شراك"), and the
// conjunctions و and ف before the article keep the article on ("والشراكات" → "والشراكا").
const ARABIC_WORD = /[\u0621-\u064A\u0640\p{Mn}]+/gu;
const ARABIC_MARKS = /[\u064B-\u0652\u0640]/g;
const PLURAL = /^(\p{L}{3,})ات(ها|هما|هم|هن|كما|كم|كن|نا|ك|ه)?$/u;

/** Arabic text with those word forms rewritten; other text unchanged. Documents and queries both pass through it. */
export function normaliseArabic(text: string): string {
  return text.normalize('NFKC').replace(ARABIC_WORD, (found) => {
    let word = found.replace(ARABIC_MARKS, '');
    if (word.length > 5 && /^[وف]ال/.test(word)) word = word.slice(1);
    if (word.startsWith('ال')) return word;
    // "شراكات" → "شراكة", "شراكاتها" → "شراكتها": the forms the stemmer already reduces to "شراك".
    return word.replace(PLURAL, (_, stem: string, suffix: string | undefined) => (suffix ? `${stem}ت${suffix}` : `${stem}ة`));
  });
}

/** Calls `each` with every searchable word of a text (lower case) and its index term, in order. */
export function eachTerm(text: string, lang: Lang, each: (word: string, term: string) => void): void {
  const stem = stemmers[lang];
  const stop = stopwords[lang];
  const prepared = lang === 'ar' ? normaliseArabic(text) : text.normalize('NFKC');
  for (const word of prepared.toLowerCase().match(WORD) ?? []) {
    if (stop.has(word)) continue;
    const term = fold(stem(word));
    if (term) each(word, term);
  }
}

/** The index terms of a text in a language, in order. */
export function analyse(text: string, lang: Lang): string[] {
  const out: string[] = [];
  eachTerm(text, lang, (_, term) => out.push(term));
  return out;
}

/** Each searchable word of a query with its index term; the word (folded) tells how long it was as typed. */
export function analyseWords(text: string, lang: Lang): { word: string; term: string }[] {
  const out: { word: string; term: string }[] = [];
  eachTerm(text, lang, (word, term) => out.push({ word: fold(word), term }));
  return out;
}

/** The words a person typed, folded, for highlighting and excerpts. */
export function queryWords(text: string): string[] {
  return [...new Set((fold(text).match(WORD) ?? []).filter((w) => w.length > 1))];
}
