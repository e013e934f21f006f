import type { z } from 'zod';
import * as f from '../../../content/format.ts';
import type { Item, Kind } from '../../../content/pack.ts';
import type { FieldError } from '../../../http/forms.ts';

// How the back office edits packages, stations, case studies, spotlight items and pages: each
// kind's form maps to the content-pack format (`Item`) and back, and the pack's own schemas check
// it, so what an editor saves is exactly what an import of the same files would write.
//
// Lists are edited as text, which works without JavaScript and keeps their order in plain view:
// challenges and takeaways one per line; action groups as a title line followed by "- action"
// lines, groups separated however the editor likes.

export type EditableKind = Exclude<Kind, 'resource'>;
export type FormValues = Record<string, string | string[]>;
export type Control = 'text' | 'textarea' | 'markdown' | 'lines' | 'groups';

export interface TextField {
  name: string;
  control: Control;
  max: number;
  /** required in English */
  required?: boolean;
}

export interface KindSpec {
  kind: EditableKind;
  /** the URL segment under /admin */
  path: string;
  /** translated fields, shown in three columns */
  texts: TextField[];
  /** editors may create and delete items of this kind (pages are fixed: the site's routes name them) */
  creatable: boolean;
  file: z.ZodType;
  translation: z.ZodType;
}

const title: TextField = { name: 'title', control: 'text', max: 300, required: true };
const lead: TextField = { name: 'lead', control: 'textarea', max: 600 };
const body = (max: number): TextField => ({ name: 'body', control: 'markdown', max });

export const specs: Record<EditableKind, KindSpec> = {
  package: {
    kind: 'package',
    path: 'packages',
    texts: [title, { name: 'subtitle', control: 'textarea', max: 600 }, body(20000)],
    creatable: true,
    file: f.packageFile,
    translation: f.packageTranslation,
  },
  station: {
    kind: 'station',
    path: 'stations',
    texts: [title, lead, { name: 'offer', control: 'textarea', max: 1000 }, body(20000), { name: 'challenges', control: 'lines', max: 5000 }, { name: 'actionGroups', control: 'groups', max: 20000 }],
    creatable: true,
    file: f.stationFile,
    translation: f.stationTranslation,
  },
  'case-study': {
    kind: 'case-study',
    path: 'case-studies',
    texts: [
      { name: 'centre', control: 'text', max: 200, required: true },
      title,
      lead,
      { name: 'takeaways', control: 'lines', max: 3000 },
      { name: 'quoteText', control: 'textarea', max: 1000 },
      { name: 'quoteSpeaker', control: 'text', max: 200 },
      body(20000),
    ],
    creatable: true,
    file: f.caseStudyFile,
    translation: f.caseStudyTranslation,
  },
  spotlight: {
    kind: 'spotlight',
    path: 'spotlight',
    texts: [title, { name: 'linkText', control: 'text', max: 200 }, body(5000)],
    creatable: true,
    file: f.spotlightFile,
    translation: f.spotlightTranslation,
  },
  page: { kind: 'page', path: 'pages', texts: [title, lead, body(20000)], creatable: false, file: f.pageFile, translation: f.pageTranslation },
};

export const kindByPath = new Map(Object.values(specs).map((s) => [s.path, s]));

export const TRANSLATIONS = ['fr', 'ar'] as const;
export const LANGS = ['en', ...TRANSLATIONS] as const;

type Source = { fields: Record<string, unknown>; body: string };
type ActionGroup = { title: string; actions: string[] };

/** A text field's value in one language of an item (undefined where that language has none). */
function read(source: Source | undefined, name: string): unknown {
  if (!source) return undefined;
  if (name === 'body') return source.body || undefined;
  const quote = source.fields.quote as { text: string; speaker: string } | undefined;
  if (name === 'quoteText') return quote?.text;
  if (name === 'quoteSpeaker') return quote?.speaker;
  return source.fields[name];
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

const str = (values: FormValues, name: string) => {
  const v = values[name];
  return typeof v === 'string' ? v : '';
};
const strs = (values: FormValues, name: string) => {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
};

/** The form's values for an item: every translated field per language, then the kind's own fields. */
export function valuesOf(spec: KindSpec, item: Item): FormValues {
  const values: FormValues = {};
  for (const lang of LANGS) {
    const source = lang === 'en' ? { fields: item.fields as Record<string, unknown>, body: item.body } : item.translations[lang];
    for (const field of spec.texts) values[`${field.name}_${lang}`] = encode(field.control, read(source, field.name));
  }
  const fields = item.fields as Record<string, unknown>;
  for (const name of ['number', 'level', 'package', 'position', 'country', 'sector', 'link', 'year']) {
    const v = fields[name];
    if (typeof v === 'string' || typeof v === 'number') values[name] = String(v);
  }
  if (spec.kind === 'package') {
    const p = item as Item<'package'>;
    values.checklist_count = String(p.fields.checklist.length);
    p.fields.checklist.forEach((c, i) => {
      values[`checklist_${i}_id`] = c.id;
      values[`checklist_${i}_order`] = String(i + 1);
      values[`checklist_${i}_stations`] = c.stations.map(String);
      for (const lang of LANGS) {
        const t: { text?: string; why?: string } | undefined =
          lang === 'en' ? c : (item.translations[lang]?.fields as { checklist?: { id: string; text?: string; why?: string }[] } | undefined)?.checklist?.find((x) => x.id === c.id);
        values[`checklist_${i}_text_${lang}`] = t?.text ?? '';
        values[`checklist_${i}_why_${lang}`] = t?.why ?? '';
      }
    });
  }
  return values;
}

/** The kind's own (untranslated) fields from the form; numbers stay text when they are not numbers, for the schema to refuse. */
function sharedFields(kind: EditableKind, values: FormValues): Record<string, unknown> {
  const number = (name: string) => {
    const v = str(values, name).trim();
    return /^\d{1,6}$/.test(v) ? Number(v) : v === '' ? undefined : v;
  };
  const optional = (name: string) => str(values, name).trim() || undefined;
  switch (kind) {
    case 'package':
      return { level: optional('level') };
    case 'station':
      return {};
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
    errors.push({ field, key: missing || issue.code === 'too_small' ? 'form.error.required' : issue.path[0] === 'link' ? 'centre.error.website' : 'form.error.invalid' });
  }
}

export interface Built {
  item: Item;
  errors: FieldError[];
}

/**
 * The item an editor's form describes. `identity` holds what the form cannot change (slug, and a
 * package's number or a station's package and position), set by the caller.
 */
export function itemFrom(spec: KindSpec, values: FormValues, identity: Record<string, unknown>, key: string): Built {
  const errors: FieldError[] = [];
  const perLang = new Map<string, Source>();
  for (const lang of LANGS) {
    const source: Source = { fields: {}, body: '' };
    for (const field of spec.texts) {
      const name = `${field.name}_${lang}`;
      const raw = str(values, name);
      if (raw.trim().length > field.max) {
        errors.push({ field: name, key: 'form.error.tooLong', values: { max: field.max } });
        continue;
      }
      const { value, error } = decode(field.control, raw);
      if (error) errors.push({ field: name, key: error });
      else if (value === undefined && lang === 'en' && field.required) errors.push({ field: name, key: 'form.error.required' });
      if (value === undefined) continue;
      if (field.name === 'body') source.body = value as string;
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

/**
 * A package's checklist points: one fieldset each, ordered by their "order" field; a point with no
 * text at all, or marked for removal, is dropped. Returns the fieldset of each point in saved order.
 */
function checklistFrom(values: FormValues, fields: Record<string, unknown>, translations: Item['translations'], errors: FieldError[]): number[] {
  const count = Math.min(Number(str(values, 'checklist_count')) || 0, 50);
  const points: { order: number; index: number; id: string; stations: number[]; text: Record<string, string>; why: Record<string, string> }[] = [];
  for (let i = 0; i <= count; i++) {
    const p = (name: string) => str(values, `checklist_${i}_${name}`).trim();
    const text = Object.fromEntries(LANGS.map((l) => [l, p(`text_${l}`)]));
    const why = Object.fromEntries(LANGS.map((l) => [l, p(`why_${l}`)]));
    if (str(values, `checklist_${i}_remove`) === 'yes' || ![...Object.values(text), ...Object.values(why)].some(Boolean)) continue;
    for (const l of LANGS) {
      if (text[l]!.length > 300) errors.push({ field: `checklist_${i}_text_${l}`, key: 'form.error.tooLong', values: { max: 300 } });
      if (why[l]!.length > 1000) errors.push({ field: `checklist_${i}_why_${l}`, key: 'form.error.tooLong', values: { max: 1000 } });
    }
    const id = p('id') || text.en!.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
    const order = Number(p('order'));
    points.push({ order: Number.isFinite(order) && p('order') ? order : i + 1, index: i, id, stations: strs(values, `checklist_${i}_stations`).map(Number), text, why });
  }
  points.sort((a, b) => a.order - b.order || a.index - b.index);
  const ids = new Set<string>();
  for (const point of points) {
    if (ids.has(point.id)) errors.push({ field: `checklist_${point.index}_id`, key: 'admin.content.error.duplicateId' });
    ids.add(point.id);
  }
  fields.checklist = points.map((p) => ({ id: p.id, text: p.text.en || undefined, stations: p.stations, ...(p.why.en ? { why: p.why.en } : {}) }));
  for (const lang of TRANSLATIONS) {
    const list = points
      .filter((p) => p.text[lang] || p.why[lang])
      .map((p) => ({ id: p.id, ...(p.text[lang] ? { text: p.text[lang] } : {}), ...(p.why[lang] ? { why: p.why[lang] } : {}) }));
    if (!list.length) continue;
    translations[lang] ??= { fields: {} as never, body: '' };
    (translations[lang].fields as Record<string, unknown>).checklist = list;
  }
  return points.map((p) => p.index);
}
