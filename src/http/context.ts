import { direction, type Lang } from '../i18n/languages.ts';
import { translator, type Translate } from '../i18n/messages.ts';
import type { Person } from './personal.ts';

/** What every page view needs to know about the request it renders for. */
export interface PageContext {
  lang: Lang;
  dir: 'ltr' | 'rtl';
  t: Translate;
  /** the path after the language prefix, e.g. "/packages/2" */
  path: string;
  /** the query string with its "?", or "" */
  search: string;
  baseUrl: string;
  asset: (name: string) => string;
  format: Formatters;
  /** the signed-in person on pages of one person (account, back office); public pages never know */
  person?: Person;
}

export interface Formatters {
  number(n: number): string;
  country(code: string): string;
  language(code: string): string;
  /** "a, b and c" in the page's language (Intl.ListFormat, conjunction) */
  list(items: readonly string[]): string;
}

const formatterCache = new Map<Lang, Formatters>();

function formatters(lang: Lang): Formatters {
  let f = formatterCache.get(lang);
  if (!f) {
    const numbers = new Intl.NumberFormat(lang);
    const regions = new Intl.DisplayNames([lang], { type: 'region' });
    const languageNames = new Intl.DisplayNames([lang], { type: 'language' });
    // Names and counts repeat on every page (a search shows a hundred facet counts): each is
    // formatted once per language. Bounded, as the numbers are not a closed set.
    const remembered = (format: (key: string) => string) => {
      const seen = new Map<string, string>();
      return (key: string) => {
        let out = seen.get(key);
        if (out === undefined) {
          out = format(key);
          if (seen.size >= 5000) seen.clear();
          seen.set(key, out);
        }
        return out;
      };
    };
    const count = remembered((n) => numbers.format(Number(n)));
    const lists = new Intl.ListFormat(lang, { type: 'conjunction' });
    f = {
      number: (n) => (Number.isInteger(n) ? count(String(n)) : numbers.format(n)),
      country: remembered((code) => regions.of(code) ?? code),
      language: remembered((code) => languageNames.of(code) ?? code),
      list: (items) => lists.format(items),
    };
    formatterCache.set(lang, f);
  }
  return f;
}

export function pageContext(lang: Lang, path: string, search: string, baseUrl: string, asset: (n: string) => string): PageContext {
  return { lang, dir: direction(lang), t: translator(lang), path, search, baseUrl, asset, format: formatters(lang) };
}
