import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FrameworkError, frameworkFile, frameworkTranslation, parseFrameworkYaml, type FrameworkTranslation } from './format.ts';

import { languages, translationLangs, type TranslationLang } from '../../../i18n/languages.ts';
import { indicatorsOf, type FrameworkDocument, type Texts } from './document.ts';

// Framework files under content/frameworks/ read into documents: a framework's files become one
// document with every language merged in, after checking that ids are unique and translations
// name ids that exist.

export interface FrameworkSource {
  document: FrameworkDocument;
  /** hash of the framework's files, to publish a new version only when they change */
  hash: string;
  /** the English file, for messages */
  file: string;
}

/** Reads and checks every framework under `<dir>/frameworks/`; problems name the file and the field. */
export async function readFrameworks(dir: string): Promise<FrameworkSource[]> {
  const folder = join(dir, 'frameworks');
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.endsWith('.yml')).sort();
  const out: FrameworkSource[] = [];
  for (const name of names.filter((n) => n.endsWith('.en.yml'))) {
    const base = name.slice(0, -'.en.yml'.length);
    const file = join(folder, name);
    const hash = createHash('sha256');
    const source = await readFile(file, 'utf8');
    hash.update(name).update('\0').update(source).update('\0');
    const en = parseFrameworkYaml(frameworkFile, source, file);
    if (en.slug !== base) throw new FrameworkError(`${file}: slug: must be "${base}", as the file is named`);
    const translations: Partial<Record<TranslationLang, FrameworkTranslation>> = {};
    for (const lang of translationLangs) {
      const tname = `${base}.${lang}.yml`;
      if (!names.includes(tname)) continue;
      const tsource = await readFile(join(folder, tname), 'utf8');
      hash.update(tname).update('\0').update(tsource).update('\0');
      translations[lang] = parseFrameworkYaml(frameworkTranslation, tsource, join(folder, tname));
    }
    out.push({ document: merge(en, translations, file), hash: hash.digest('hex'), file });
  }
  for (const name of names) {
    const m = /^(.+)\.([a-z]{2})\.yml$/.exec(name);
    if (!m || !(languages as readonly string[]).includes(m[2]!)) {
      throw new FrameworkError(`${join(folder, name)}: file names must end in ${languages.map((l) => `.${l}.yml`).join(', ')}`);
    }
    if (!names.includes(`${m[1]!}.en.yml`)) throw new FrameworkError(`${join(folder, name)}: a translation has no English file (${m[1]!}.en.yml)`);
  }
  return out;
}

/** One document with every language, after checking that ids are unique and translations name real ids. */
function merge(
  en: ReturnType<typeof frameworkFile.parse>,
  translations: Partial<Record<TranslationLang, FrameworkTranslation>>,
  file: string,
): FrameworkDocument {
  const seen = new Set<string>();
  const unique = (id: string) => {
    if (seen.has(id)) throw new FrameworkError(`${file}: id "${id}" is used twice`);
    seen.add(id);
  };
  const texts = (english: string, pick: (t: FrameworkTranslation) => string | undefined): Texts => {
    const out: Texts = { en: english };
    for (const lang of translationLangs) {
      const t = translations[lang];
      const value = t ? pick(t) : undefined;
      if (value) out[lang] = value;
    }
    return out;
  };
  const document: FrameworkDocument = {
    slug: en.slug,
    title: texts(en.title, (t) => t.title),
    description: texts(en.description, (t) => t.description),
    dimensions: en.dimensions.map((d) => {
      unique(d.id);
      return {
        id: d.id,
        title: texts(d.title, (t) => t.dimensions[d.id]?.title),
        description: texts(d.description, (t) => t.dimensions[d.id]?.description),
        criteria: d.criteria.map((c) => {
          unique(c.id);
          return {
            id: c.id,
            title: texts(c.title, (t) => t.criteria[c.id]?.title),
            description: texts(c.description, (t) => t.criteria[c.id]?.description),
            indicators: c.indicators.map((i) => {
              unique(i.id);
              return {
                ...i,
                statement: texts(i.statement, (t) => t.indicators[i.id]?.statement),
                explanation: texts(i.explanation, (t) => t.indicators[i.id]?.explanation),
              };
            }),
          };
        }),
      };
    }),
  };
  for (const lang of translationLangs) {
    const t = translations[lang];
    if (!t) continue;
    const where = file.replace(/\.en\.yml$/, `.${lang}.yml`);
    for (const [section, ids] of [
      ['dimensions', document.dimensions.map((d) => d.id)],
      ['criteria', document.dimensions.flatMap((d) => d.criteria.map((c) => c.id))],
      ['indicators', indicatorsOf(document).map((i) => i.id)],
    ] as const) {
      for (const key of Object.keys(t[section]))
        if (!ids.includes(key)) throw new FrameworkError(`${where}: ${section}.${key}: there is no such id in the English file`);
    }
  }
  return document;
}
