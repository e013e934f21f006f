import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { languages, type Lang, type TranslationLang } from '../i18n/languages.ts';
import * as f from './format.ts';

// Reads a content pack (from disk, or as files taken from a zip) into validated items. Every
// problem is reported with the file and the field, so a broken pack stops start-up, or an import,
// with a message an editor can act on.

export type Kind = 'package' | 'station' | 'resource' | 'case-study' | 'spotlight' | 'page';

type Fields = {
  package: z.infer<typeof f.packageFile>;
  station: z.infer<typeof f.stationFile>;
  resource: z.infer<typeof f.resourceFile>;
  'case-study': z.infer<typeof f.caseStudyFile>;
  spotlight: z.infer<typeof f.spotlightFile>;
  page: z.infer<typeof f.pageFile>;
};
type TranslationFields = {
  package: z.infer<typeof f.packageTranslation>;
  station: z.infer<typeof f.stationTranslation>;
  resource: z.infer<typeof f.resourceTranslation>;
  'case-study': z.infer<typeof f.caseStudyTranslation>;
  spotlight: z.infer<typeof f.spotlightTranslation>;
  page: z.infer<typeof f.pageTranslation>;
};

export interface Item<K extends Kind = Kind> {
  kind: K;
  /** folder/name without language, e.g. "stations/package-2-station-1" */
  key: string;
  /** hash of every file of the item, to load only what changed */
  hash: string;
  fields: Fields[K];
  body: string;
  translations: Partial<Record<Exclude<Lang, 'en'>, { fields: TranslationFields[K]; body: string }>>;
}

/** kind (types, themes, sectors) → slug → language → label */
export type Vocabularies = Record<'types' | 'themes' | 'sectors', Record<string, Record<string, string>>>;

export interface ContentPack {
  vocabularies: Vocabularies;
  vocabulariesHash: string;
  items: Item[];
}

const folders: Record<string, { kind: Kind; file: z.ZodType; translation: z.ZodType }> = {
  packages: { kind: 'package', file: f.packageFile, translation: f.packageTranslation },
  stations: { kind: 'station', file: f.stationFile, translation: f.stationTranslation },
  resources: { kind: 'resource', file: f.resourceFile, translation: f.resourceTranslation },
  'case-studies': { kind: 'case-study', file: f.caseStudyFile, translation: f.caseStudyTranslation },
  spotlight: { kind: 'spotlight', file: f.spotlightFile, translation: f.spotlightTranslation },
  pages: { kind: 'page', file: f.pageFile, translation: f.pageTranslation },
};

export class ContentError extends Error {}

function problem(file: string, error: z.ZodError): ContentError {
  const issue = error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : '(front matter)';
  return new ContentError(`${file}: ${where}: ${issue.message}`);
}

/** Options for parsing a pack that is not the whole content: what the platform already holds. */
export interface ParseOptions {
  /** shown before each file name in messages (the folder read from disk) */
  source?: string;
  /**
   * What the platform already has: references may point at these items, and vocabularies.yml may
   * be left out (import of part of the content). A pack item replaces the known item it identifies.
   */
  known?: { vocabularies: Vocabularies; items: Item[] };
}

/** The content folders, in load order: what an item refers to comes first. */
export const contentFolders = Object.keys(folders);
/** The folder of each kind, to name an item's files. */
export const folderOf = Object.fromEntries(Object.entries(folders).map(([folder, spec]) => [spec.kind, folder])) as Record<Kind, string>;

/** What identifies an item in the database: a package by number, a station by place, the rest by slug. */
export function identity(item: Item): string {
  if (item.kind === 'package') return `package:${(item as Item<'package'>).fields.number}`;
  if (item.kind === 'station') {
    const s = (item as Item<'station'>).fields;
    return `station:${s.package}-${s.position}`;
  }
  return `${item.kind}:${(item.fields as { slug: string }).slug}`;
}

/** A content folder's files as relative path → text: vocabularies.yml (when there is one) and the Markdown of each content folder. */
export async function readPackFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const vocabularies = await readFile(join(dir, 'vocabularies.yml'), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (vocabularies !== undefined) files.set('vocabularies.yml', vocabularies);
  for (const folder of contentFolders) {
    const names = (await readdir(join(dir, folder)).catch(() => [] as string[])).filter((n) => n.endsWith('.md')).sort();
    for (const name of names) files.set(`${folder}/${name}`, await readFile(join(dir, folder, name), 'utf8'));
  }
  return files;
}

/** Reads and validates a content folder (the starter pack at start-up). */
export async function readContentPack(dir: string): Promise<ContentPack> {
  return parseContentPack(await readPackFiles(dir), { source: dir });
}

/**
 * Validates a content pack given as relative path → text: every file against its kind's schema,
 * then the references between items. The first problem throws a ContentError naming the file and
 * the field. Files outside the pack's folders are refused, so a misnamed folder is not silently
 * skipped.
 */
// eslint-disable-next-line no-control-regex -- the characters no content file may hold (tabs and line breaks may)
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const codeOf = (text: string, at: number) => `U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')}`;

/** Where parsed YAML holds a control character (written as an escape such as "\0"), if anywhere. */
function controlIn(value: unknown, path: string[] = []): { field: string; code: string } | null {
  if (typeof value === 'string') {
    const at = value.search(CONTROL);
    return at < 0 ? null : { field: path.join('.') || '(front matter)', code: codeOf(value, at) };
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const found = controlIn(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

export function parseContentPack(files: Map<string, string>, options: ParseOptions = {}): ContentPack {
  const { source, known } = options;
  const shown = (path: string) => (source ? join(source, path) : path);
  // A control character means nothing in a text, and PostgreSQL refuses NUL in one: refused
  // before anything is written, the same on both databases, whether typed into the file or
  // written as a YAML escape (forms strip them instead: http/text-input.ts).
  const refuseControls = (path: string, data: unknown) => {
    const found = controlIn(data);
    if (found) throw new ContentError(`${shown(path)}: ${found.field}: a control character (${found.code}); remove it and save the file again`);
  };
  for (const [path, text] of files) {
    const at = text.search(CONTROL);
    if (at < 0) continue;
    const line = text.slice(0, at).split('\n').length;
    throw new ContentError(`${shown(path)}: line ${line}: a control character (${codeOf(text, at)}); remove it and save the file again`);
  }
  const vocabSource = files.get('vocabularies.yml');
  let vocabularies: Vocabularies;
  if (vocabSource === undefined) {
    if (!known) throw new ContentError(`${shown('vocabularies.yml')}: the pack has no vocabularies.yml`);
    vocabularies = known.vocabularies;
  } else {
    let data: unknown;
    try {
      data = parseYaml(vocabSource);
    } catch (error) {
      throw new ContentError(`${shown('vocabularies.yml')}: ${(error as Error).message}`);
    }
    refuseControls('vocabularies.yml', data);
    const vocab = f.vocabulariesFile.safeParse(data);
    if (!vocab.success) throw problem(shown('vocabularies.yml'), vocab.error);
    vocabularies = vocab.data;
  }

  const groupsOf = new Map<string, Map<string, Map<string, string>>>(contentFolders.map((folder) => [folder, new Map()]));
  for (const path of [...files.keys()].sort()) {
    if (path === 'vocabularies.yml') continue;
    const slash = path.indexOf('/');
    const groups = groupsOf.get(path.slice(0, slash));
    const name = path.slice(slash + 1);
    if (slash < 0 || !groups || name.includes('/') || !name.endsWith('.md')) {
      throw new ContentError(`${shown(path)}: not part of a content pack (Markdown files go in ${contentFolders.join(', ')}; vocabularies in vocabularies.yml)`);
    }
    const m = /^(.+)\.([a-z]{2})\.md$/.exec(name);
    if (!m || !f.lang.safeParse(m[2]).success) {
      throw new ContentError(`${shown(path)}: file names must end in ${languages.map((l) => `.${l}.md`).join(', ')}`);
    }
    const byLang = groups.get(m[1]!) ?? new Map<string, string>();
    byLang.set(m[2]!, name);
    groups.set(m[1]!, byLang);
  }

  const items: Item[] = [];
  for (const [folder, spec] of Object.entries(folders)) {
    for (const [base, names] of groupsOf.get(folder)!) {
      const key = `${folder}/${base}`;
      const english = names.get('en');
      if (!english) throw new ContentError(`${shown(key)}: a translation has no English file (${base}.en.md)`);
      const hash = createHash('sha256');
      const read = (name: string) => {
        const text = files.get(`${folder}/${name}`)!;
        hash.update(name).update('\0').update(text).update('\0');
        let file: f.ParsedFile;
        try {
          file = f.parseFrontMatter(text);
        } catch (error) {
          throw new ContentError(`${shown(`${folder}/${name}`)}: ${(error as Error).message}`);
        }
        refuseControls(`${folder}/${name}`, file.data);
        return file;
      };
      const en = read(english);
      const parsed = spec.file.safeParse(en.data);
      if (!parsed.success) throw problem(shown(`${folder}/${english}`), parsed.error);
      const translations: Item['translations'] = {};
      for (const [l, name] of [...names].sort()) {
        if (l === 'en') continue;
        const t = read(name);
        const tp = spec.translation.safeParse(t.data);
        if (!tp.success) throw problem(shown(`${folder}/${name}`), tp.error);
        translations[l as TranslationLang] = { fields: tp.data as never, body: t.body };
      }
      items.push({ kind: spec.kind, key, hash: hash.digest('hex'), fields: parsed.data as never, body: en.body, translations });
    }
  }

  // Known items the pack does not replace take part in the reference checks, named as such.
  const replaced = new Set(items.map(identity));
  const others = (known?.items ?? []).filter((i) => !replaced.has(identity(i)));
  const fromPack = new Set(items);
  const label = (item: Item) =>
    fromPack.has(item) ? `${source ? relative('.', join(source, item.key)) : item.key}.en.md` : `${item.key}.en.md (already on the platform)`;
  // Known items first, so a clash is reported on the pack's file, the one to fix.
  checkReferences(label, vocabularies, [...others, ...items]);
  return {
    vocabularies,
    vocabulariesHash: vocabSource === undefined ? '' : createHash('sha256').update(vocabSource).digest('hex'),
    items,
  };
}

function checkReferences(label: (item: Item) => string, vocab: Vocabularies, items: Item[]): void {
  const of = <K extends Kind>(kind: K) => items.filter((i): i is Item<K> => i.kind === kind);
  const packages = new Set(of('package').map((p) => p.fields.number));
  const stations = new Set(of('station').map((s) => s.key.replace('stations/', '')));
  const fail = (item: Item, message: string) => {
    throw new ContentError(`${label(item)}: ${message}`);
  };
  const checklistIds = new Set<string>();
  const numbers = new Map<number, string>();
  for (const p of of('package')) {
    if (numbers.has(p.fields.number)) fail(p, `package number ${p.fields.number} is also used by ${numbers.get(p.fields.number)}`);
    numbers.set(p.fields.number, p.key);
    for (const c of p.fields.checklist) {
      if (checklistIds.has(c.id)) fail(p, `checklist id "${c.id}" is used twice`);
      checklistIds.add(c.id);
      for (const s of c.stations) {
        if (!stations.has(`package-${p.fields.number}-station-${s}`)) fail(p, `checklist "${c.id}" names station ${s}, which does not exist`);
      }
    }
  }
  for (const s of of('station')) {
    if (!packages.has(s.fields.package)) fail(s, `package ${s.fields.package} does not exist`);
    if (s.key !== `stations/package-${s.fields.package}-station-${s.fields.position}`) {
      fail(s, `the file must be named package-${s.fields.package}-station-${s.fields.position}.en.md`);
    }
  }
  for (const r of of('resource')) {
    if (!vocab.types[r.fields.type]) fail(r, `type "${r.fields.type}" is not in vocabularies.yml`);
    for (const t of r.fields.themes) if (!vocab.themes[t]) fail(r, `theme "${t}" is not in vocabularies.yml`);
    for (const t of r.fields.sectors) if (!vocab.sectors[t]) fail(r, `sector "${t}" is not in vocabularies.yml`);
    for (const s of r.fields.stations) if (!stations.has(s)) fail(r, `station "${s}" does not exist`);
    for (const p of r.fields.packages) if (!packages.has(p)) fail(r, `package ${p} does not exist`);
  }
  for (const c of of('case-study')) {
    if (!packages.has(c.fields.package)) fail(c, `package ${c.fields.package} does not exist`);
    if (c.fields.sector && !vocab.sectors[c.fields.sector]) fail(c, `sector "${c.fields.sector}" is not in vocabularies.yml`);
  }
  const slugs = new Map<string, string>();
  for (const i of items) {
    const s = `${i.kind}:${(i.fields as { slug?: string }).slug ?? i.key}`;
    if (slugs.has(s)) fail(i, `slug is also used by ${slugs.get(s)}`);
    slugs.set(s, i.key);
  }
}
