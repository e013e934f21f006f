import type { z } from 'zod';
import type { Item } from '../../../content/pack.ts';
import { formList, formText, type FieldError } from '../../../http/forms.ts';
import { checklistFrom, checklistValues } from './checklist.ts';
import { LANGS, stationKey, TRANSLATIONS, type Control, type EditableKind, type FormValues, type KindSpec, type TextField } from './kinds.ts';

// An item in the content-pack format (`Item`) as an editor's form, and back: the pack's own
// schemas check what comes back, so what an editor saves is exactly what an import of the same
// files would write.
//
// Lists are edited as text, which works without JavaScript and keeps their order in plain view:
// challenges and takeaways one per line; action groups as a title line followed by "- action"
// lines, groups separated however the editor likes.

type Source = { fields: Record<string, unknown>; body: string };
type ActionGroup = { title: string; actions: string[] };

/** A text field's value in one language of an item (undefined where that language has none). */
function read(source: Source | undefined, field: TextField): unknown {
  if (!source) return undefined;
  if (field.body) return source.body || undefined;
  const quote = source.fields.quote as { text: string; speaker: string } | undefined;
  if (field.name === 'quoteText') return quote?.text;
  if (field.name === 'quoteSpeaker') return quote?.speaker;
  return source.fields[field.name];
}

function encode(control: Control, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (control === 'lines') return (value as string[]).join('\n');
  if (control === 'groups') return (value as ActionGroup[]).map((g) => [g.title, ...g.actions.map((a) => `- ${a}`)].join('\n')).join('\n\n');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Text back into a field's value; empty is undefined (for a translation: fall back to English). */
function decode(control: Control, raw: string): { value?: unknown; error?: string } {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (!text) return {};
  if (control === 'lines') return { value: text.split('\n').map((l) => l.trim()).filter(Boolean) };
  if (control === 'groups') {
    const groups: ActionGroup[] = [];
    for (const line of text.split('\n').map((l) => l.trim())) {
      if (!line) continue;
      const action = /^[-*•]\s*(.+)$/.exec(line);
      if (action) {
        const group = groups.at(-1);
        if (!group) return { error: 'admin.content.error.actionWithoutGroup' };
        group.actions.push(action[1]!.trim());
      } else groups.push({ title: line, actions: [] });
    }
    if (groups.some((g) => g.actions.length === 0)) return { error: 'admin.content.error.groupWithoutActions' };
    return { value: groups };
  }
  return { value: text };
}


/** The e-library's facets of a resource: checkbox groups on the form. */
export const FACETS = ['stations', 'themes', 'sectors', 'countries', 'languages'] as const;
/** Untranslated single values a kind may have, with the longest text the form takes. */
const SINGLE: Record<string, number> = { number: 6, level: 60, package: 6, position: 6, country: 2, sector: 60, link: 500, noLink: 60, ask: 500, year: 6, type: 60, source: 200 };

/** The form's values for an item: every translated field per language, then the kind's own fields. */
export function valuesOf(spec: KindSpec, item: Item): FormValues {
  const values: FormValues = {};
  for (const lang of LANGS) {
    const source = lang === 'en' ? { fields: item.fields as Record<string, unknown>, body: item.body } : item.translations[lang];
    for (const field of spec.texts) values[`${field.name}_${lang}`] = encode(field.control, read(source, field));
  }
  const fields = item.fields as Record<string, unknown>;
  for (const name of Object.keys(SINGLE)) {
    const v = fields[name];
    if (typeof v === 'string' || typeof v === 'number') values[name] = String(v);
  }
  if (spec.kind === 'resource') {
    const r = item as Item<'resource'>;
    for (const facet of FACETS) values[facet] = [...r.fields[facet]];
    values.stations = r.fields.stations.map(stationKey.toForm);
  }
  if (spec.kind === 'package') checklistValues(item as Item<'package'>, values);
  return values;
}

/** The kind's own (untranslated) fields from the form; numbers stay text when they are not numbers, for the schema to refuse. */
function sharedFields(kind: EditableKind, values: FormValues): Record<string, unknown> {
  const number = (name: string) => {
    const v = formText(values, name).trim();
    return /^\d{1,6}$/.test(v) ? Number(v) : v === '' ? undefined : v;
  };
  const optional = (name: string) => formText(values, name).trim() || undefined;
  switch (kind) {
    case 'package':
      return { level: optional('level') };
    case 'station':
      return {};
    case 'resource':
      return {
        type: optional('type'),
        source: optional('source'),
        link: optional('link'),
        noLink: optional('noLink'),
        ask: optional('ask'),
        year: number('year'),
        ...Object.fromEntries(FACETS.map((facet) => [facet, formList(values, facet)])),
        stations: formList(values, 'stations').map(stationKey.fromForm),
      };
    case 'case-study':
      return { package: number('package'), country: optional('country'), sector: optional('sector'), link: optional('link'), year: number('year') };
    case 'spotlight':
      return { position: number('position'), link: optional('link') };
    case 'page':
      return {};
  }
}

/** Where a schema problem shows on the form. */
function fieldOf(spec: KindSpec, path: PropertyKey[], lang: string): string {
  const [first, second, third] = path.map(String);
  if (first === 'quote') return `${second === 'speaker' ? 'quoteSpeaker' : 'quoteText'}_${lang}`;
  if (first === 'checklist') return second === undefined ? 'checklist' : `checklist_${second}_${third ?? 'text'}${third === 'stations' || third === 'id' ? '' : `_${lang}`}`;
  if (first && spec.texts.some((t) => t.name === first)) return `${first}_${lang}`;
  return first ?? 'form';
}

function schemaErrors(spec: KindSpec, error: z.ZodError, lang: string, errors: FieldError[]): void {
  for (const issue of error.issues) {
    const field = fieldOf(spec, issue.path, lang);
    if (errors.some((e) => e.field === field)) continue;
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    const [first] = issue.path;
    errors.push({
      field,
      key:
        first === 'year' ? 'admin.resource.error.year'
        : missing || issue.code === 'too_small' ? 'form.error.required'
        : first === 'link' || first === 'ask' ? 'centre.error.website'
        : 'form.error.invalid',
    });
  }
}

export interface Built {
  item: Item;
  errors: FieldError[];
}

/**
 * The item an editor's form describes. `identity` holds what the form cannot change (slug, a
 * package's number, a station's package and position, a resource's packages), set by the caller.
 */
export function itemFrom(spec: KindSpec, values: FormValues, identity: Record<string, unknown>, key: string): Built {
  const errors: FieldError[] = [];
  const perLang = new Map<string, Source>();
  for (const lang of LANGS) {
    const source: Source = { fields: {}, body: '' };
    for (const field of spec.texts) {
      const name = `${field.name}_${lang}`;
      const raw = formText(values, name);
      if (raw.trim().length > field.max) {
        errors.push({ field: name, key: 'form.error.tooLong', values: { max: field.max } });
        continue;
      }
      const { value, error } = decode(field.control, raw);
      if (error) errors.push({ field: name, key: error });
      else if (value === undefined && lang === 'en' && field.required) errors.push({ field: name, key: 'form.error.required' });
      if (value === undefined) continue;
      if (field.body) source.body = value as string;
      else if (field.name === 'quoteText' || field.name === 'quoteSpeaker') {
        const quote = (source.fields.quote ?? {}) as Record<string, unknown>;
        quote[field.name === 'quoteText' ? 'text' : 'speaker'] = value;
        source.fields.quote = quote;
      } else source.fields[field.name] = value;
    }
    const quote = source.fields.quote as Record<string, unknown> | undefined;
    if (quote && (!quote.text || !quote.speaker)) errors.push({ field: `${quote.text ? 'quoteSpeaker' : 'quoteText'}_${lang}`, key: 'admin.content.error.quoteHalf' });
    perLang.set(lang, source);
  }
  for (const [name, max] of Object.entries(SINGLE)) {
    if (formText(values, name).trim().length > max) errors.push({ field: name, key: 'form.error.tooLong', values: { max } });
  }

  const en = perLang.get('en')!;
  const fields: Record<string, unknown> = { ...sharedFields(spec.kind, values), ...en.fields, ...identity };
  const translations: Item['translations'] = {};
  for (const lang of TRANSLATIONS) {
    const t = perLang.get(lang)!;
    if (Object.keys(t.fields).length || t.body) translations[lang] = { fields: t.fields as never, body: t.body };
  }
  const fieldsets = spec.kind === 'package' ? checklistFrom(values, fields, translations, errors) : [];

  const schemaProblems: FieldError[] = [];
  const parsed = spec.file.safeParse(fields);
  if (!parsed.success) schemaErrors(spec, parsed.error, 'en', schemaProblems);
  for (const lang of TRANSLATIONS) {
    const t = translations[lang];
    if (!t) continue;
    const tp = spec.translation.safeParse(t.fields);
    if (!tp.success) schemaErrors(spec, tp.error, lang, schemaProblems);
    else t.fields = tp.data as never;
  }
  // The schema names a checklist point by its place in the saved order; the form by its fieldset.
  for (const e of schemaProblems) {
    const m = /^checklist_(\d+)_(.+)$/.exec(e.field);
    if (m) e.field = `checklist_${fieldsets[Number(m[1])] ?? m[1]}_${m[2]}`;
    if (!errors.some((x) => x.field === e.field)) errors.push(e);
  }
  return {
    item: { kind: spec.kind, key, hash: '', fields: (parsed.success ? parsed.data : fields) as never, body: en.body, translations },
    errors,
  };
}
