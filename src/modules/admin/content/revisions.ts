import { diffWords } from 'diff';
import type { Item } from '../../../content/pack.ts';
import { valuesOf } from './form.ts';
import { LANGS, type KindSpec } from './kinds.ts';

// What the revisions page and the translation badges show: the words each revision changed, and
// each language's state against the English.

/** A revision's snapshot: the item in the content-pack format, and whether it was public. */
export interface Snapshot {
  item: Item;
  published: boolean;
}

export type TranslationStatus = 'missing' | 'current' | 'outdated';

/** Per language: missing, up to date, or outdated (saved before the English last changed). */
export function translationStatus(translations: { lang: string; updatedAt: string }[]): Record<string, TranslationStatus> {
  const en = translations.find((t) => t.lang === 'en');
  return Object.fromEntries(
    LANGS.map((lang) => {
      const t = translations.find((x) => x.lang === lang);
      if (!t) return [lang, 'missing'];
      return [lang, lang !== 'en' && en && t.updatedAt < en.updatedAt ? 'outdated' : 'current'];
    }),
  );
}

export interface FieldChange {
  field: string;
  /** words removed and added, for text */
  parts: { value: string; added?: boolean; removed?: boolean }[];
}

/** What changed between two snapshots, field by field (as the form names them), in words. */
export function changes(spec: KindSpec, before: Snapshot | null, after: Snapshot): FieldChange[] {
  const flat = (s: Snapshot | null): Record<string, string> => {
    if (!s) return {};
    const out: Record<string, string> = { published: s.published ? 'yes' : 'no' };
    for (const [k, v] of Object.entries(valuesOf(spec, s.item))) {
      if (k === 'checklist_count' || /_order$/.test(k)) continue;
      out[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => (a[k] ?? '') !== (b[k] ?? ''))
    .map((field) => ({ field, parts: diffWords(a[field] ?? '', b[field] ?? '') }));
}
