import type { Lang } from './languages.ts';

/** A piece of content with the language it is actually in (English where no translation exists). */
export interface Text<T = string> {
  value: T;
  lang: Lang;
}

type Row = { lang: string };
type Localised<R, K extends keyof R> = { [P in K]: Text<NonNullable<R[P]>> | null };

/**
 * Picks each field from the reader's language, falling back field by field to English, and
 * remembers which language each value is in so pages can mark fallbacks with their own `lang`.
 */
export function localise<R extends Row, K extends keyof R>(rows: readonly R[], lang: Lang, keys: readonly K[]): Localised<R, K> {
  const own = rows.find((r) => r.lang === lang);
  const english = rows.find((r) => r.lang === 'en');
  const out = {} as Localised<R, K>;
  for (const key of keys) {
    const mine = own?.[key];
    if (mine !== null && mine !== undefined) out[key] = { value: mine, lang };
    else {
      const fallback = english?.[key];
      out[key] = fallback !== null && fallback !== undefined ? { value: fallback, lang: 'en' } : null;
    }
  }
  return out;
}

/** Parses a JSON list stored in a text column; a Text of the parsed value. */
export function parseList<T>(text: Text<string> | null): Text<T[]> | null {
  return text ? { value: JSON.parse(text.value) as T[], lang: text.lang } : null;
}
