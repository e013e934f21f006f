import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { Lang } from '../i18n/languages.ts';
import * as f from './format.ts';

// Reads a content pack from disk into validated items. Every problem is reported with the file
// and the field, so a broken pack stops start-up with a message an editor can act on.

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

export async function readContentPack(dir: string): Promise<ContentPack> {
  const vocabSource = await readFile(join(dir, 'vocabularies.yml'), 'utf8');
  const vocab = f.vocabulariesFile.safeParse(parseYaml(vocabSource));
  if (!vocab.success) throw problem(join(dir, 'vocabularies.yml'), vocab.error);

  const items: Item[] = [];
  for (const [folder, spec] of Object.entries(folders)) {
    const names = (await readdir(join(dir, folder)).catch(() => [] as string[])).filter((n) => n.endsWith('.md')).sort();
    const groups = new Map<string, Map<string, string>>();
    for (const name of names) {
      const m = /^(.+)\.([a-z]{2})\.md$/.exec(name);
      if (!m || !f.lang.safeParse(m[2]).success) {
        throw new ContentError(`${join(dir, folder, name)}: file names must end in .en.md, .fr.md or .ar.md`);
      }
      const files = groups.get(m[1]!) ?? new Map<string, string>();
      files.set(m[2]!, name);
      groups.set(m[1]!, files);
    }
    for (const [base, files] of groups) {
      const key = `${folder}/${base}`;
      const english = files.get('en');
      if (!english) throw new ContentError(`${join(dir, folder, base)}: a translation has no English file (${base}.en.md)`);
      const hash = createHash('sha256');
      const read = async (name: string) => {
        const source = await readFile(join(dir, folder, name), 'utf8');
        hash.update(name).update('\0').update(source).update('\0');
        try {
          return f.parseFrontMatter(source);
        } catch (error) {
          throw new ContentError(`${join(dir, folder, name)}: ${(error as Error).message}`);
        }
      };
      const en = await read(english);
      const parsed = spec.file.safeParse(en.data);
      if (!parsed.success) throw problem(join(dir, folder, english), parsed.error);
      const translations: Item['translations'] = {};
      for (const [l, name] of [...files].sort()) {
        if (l === 'en') continue;
        const t = await read(name);
        const tp = spec.translation.safeParse(t.data);
        if (!tp.success) throw problem(join(dir, folder, name), tp.error);
        translations[l as 'fr' | 'ar'] = { fields: tp.data as never, body: t.body };
      }
      items.push({ kind: spec.kind, key, hash: hash.digest('hex'), fields: parsed.data as never, body: en.body, translations });
    }
  }
  checkReferences(dir, vocab.data, items);
  return {
    vocabularies: vocab.data,
    vocabulariesHash: createHash('sha256').update(vocabSource).digest('hex'),
    items,
  };
}

function checkReferences(dir: string, vocab: Vocabularies, items: Item[]): void {
  const of = <K extends Kind>(kind: K) => items.filter((i): i is Item<K> => i.kind === kind);
  const packages = new Set(of('package').map((p) => p.fields.number));
  const stations = new Set(of('station').map((s) => s.key.replace('stations/', '')));
  const fail = (item: Item, message: string) => {
    throw new ContentError(`${relative('.', join(dir, item.key))}.en.md: ${message}`);
  };
  const checklistIds = new Set<string>();
  for (const p of of('package')) {
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
