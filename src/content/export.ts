import { Unzip, UnzipInflate, strToU8, zipSync } from 'fflate';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { DB } from '../db/database.ts';
import { languages } from '../i18n/languages.ts';
import * as f from './format.ts';
import { readAllItems, readVocabularies } from './items.ts';
import { ContentError, folderOf, type Item, type Kind, type Vocabularies } from './pack.ts';

// Writes content in the starter-content format (the reverse of pack.ts), and packs it into a zip
// or takes one apart. The files read like the hand-written starter pack: keys in the order of the
// format's schemas, text in double quotes, short lists of names on one line. Exporting then
// importing gives the same content back.

const schemas: Record<Kind, { file: z.ZodObject; translation: z.ZodObject }> = {
  package: { file: f.packageFile, translation: f.packageTranslation },
  station: { file: f.stationFile, translation: f.stationTranslation },
  resource: { file: f.resourceFile, translation: f.resourceTranslation },
  'case-study': { file: f.caseStudyFile, translation: f.caseStudyTranslation },
  spotlight: { file: f.spotlightFile, translation: f.spotlightTranslation },
  page: { file: f.pageFile, translation: f.pageTranslation },
};

/** Names and codes, written bare when YAML reads them back as the same text. */
const names = new Set(['slug', 'level', 'type', 'id', 'country', 'sector']);
/** Lists of names or numbers, written on one line: `themes: [innovation, funding]`. */
const inline = new Set(['themes', 'sectors', 'countries', 'languages', 'stations', 'packages']);
/** Lists a resource file always shows, even empty, as the starter files do. */
const shownEmpty = new Set(['themes', 'sectors', 'countries', 'languages', 'stations']);

const bare = (s: string) => /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(s) && parseYaml(s) === s;
// A JSON string is a valid YAML double-quoted scalar.
const scalar = (key: string, v: unknown) => (typeof v === 'string' ? (names.has(key) && bare(v) ? v : JSON.stringify(v)) : String(v));

function entry(key: string, value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}${key}: []`];
    if (inline.has(key) || value.every((v) => typeof v === 'number')) {
      return [`${indent}${key}: [${value.map((v) => (typeof v === 'string' && bare(v) ? v : scalar('', v))).join(', ')}]`];
    }
    const lines = [`${indent}${key}:`];
    for (const v of value) {
      if (typeof v === 'object' && v !== null) {
        const inner = mapping(v as Record<string, unknown>, `${indent}    `);
        lines.push(`${indent}  - ${inner[0]!.trimStart()}`, ...inner.slice(1));
      } else lines.push(`${indent}  - ${scalar(key, v)}`);
    }
    return lines;
  }
  if (typeof value === 'object' && value !== null) return [`${indent}${key}:`, ...mapping(value as Record<string, unknown>, `${indent}  `)];
  return [`${indent}${key}: ${scalar(key, value)}`];
}

function mapping(o: Record<string, unknown>, indent: string, order = Object.keys(o)): string[] {
  return order.filter((k) => o[k] !== undefined).flatMap((k) => entry(k, o[k], indent));
}

// An empty front matter still needs its line: `---\n---` does not open a block.
const file = (front: string[], body: string) => `---\n${front.length ? front.join('\n') : ''}\n---\n${body ? `${body}\n` : ''}`;

/** One item's files: `<folder>/<name>.<lang>.md` → text. A translation file holds only what is translated. */
export function serialiseItem(item: Item, published: boolean): Map<string, string> {
  const { file: schema, translation } = schemas[item.kind];
  const { draft: _draft, ...fields } = item.fields as Record<string, unknown>;
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v) && v.length === 0 && !(item.kind === 'resource' && shownEmpty.has(k))) delete fields[k];
  }
  const front = [...(published ? [] : ['draft: true']), ...mapping(fields, '', Object.keys(schema.shape))];
  const out = new Map([[`${item.key}.en.md`, file(front, item.body)]]);
  for (const lang of languages) {
    const t = lang === 'en' ? undefined : item.translations[lang];
    if (!t) continue;
    out.set(`${item.key}.${lang}.md`, file(mapping(t.fields, '', Object.keys(translation.shape)), t.body));
  }
  return out;
}

/** vocabularies.yml: each term on one line with its labels, English first. */
export function serialiseVocabularies(v: Vocabularies): string {
  const lines = ['# Controlled vocabularies: resource types, themes and sectors, with a label per language.', '# The order of the terms is the order the platform lists them in.'];
  for (const kind of ['types', 'themes', 'sectors'] as const) {
    lines.push('', `${kind}:`);
    for (const [slug, labels] of Object.entries(v[kind])) {
      const order = [...languages.filter((l) => l in labels), ...Object.keys(labels).filter((l) => !(languages as readonly string[]).includes(l))];
      lines.push(`  ${bare(slug) ? slug : JSON.stringify(slug)}: {${order.map((l) => `${bare(l) ? l : JSON.stringify(l)}: ${JSON.stringify(labels[l])}`).join(', ')}}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Every item of the platform, drafts included, and the vocabularies, as the files of a content pack. */
export async function exportPack(db: DB): Promise<Map<string, string>> {
  const files = new Map([['vocabularies.yml', serialiseVocabularies(await readVocabularies(db))]]);
  for (const { item, published } of await readAllItems(db)) {
    for (const [path, text] of serialiseItem(item, published)) files.set(path, text);
  }
  return files;
}

/** A zip of the pack's files, for download. */
export function packToZip(files: Map<string, string>): Uint8Array {
  return zipSync(Object.fromEntries([...files].map(([path, text]) => [path, strToU8(text)])), { level: 9 });
}

/** What a zip may hold: a content pack is text, so these are far above any real one. */
export const ZIP_LIMITS = { entries: 5_000, bytes: 50 * 1024 * 1024 };

/** The entry names an operating system adds when zipping a folder; never part of a pack. */
const junk = (path: string) => path.startsWith('__MACOSX/') || path.split('/').some((segment) => segment.startsWith('.') && segment !== '.' && segment !== '..');

/**
 * The files of an uploaded zip, checked before anything is read: at most 5,000 entries and 50 MB
 * unpacked, counted both as each entry declares and as it actually inflates (a zip bomb lies);
 * no absolute paths or `..`; only `.md` and `.yml` files (anything else is refused, so a pack is
 * never half-read); directories and what macOS or editors add (`__MACOSX/`, hidden files) are
 * skipped. A zip of the pack's folder is accepted too: its one top folder is dropped.
 */
export function zipToFiles(data: Uint8Array): Map<string, string> {
  const fail = (message: string): never => {
    throw new ContentError(`the zip file: ${message}`);
  };
  const files = new Map<string, string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let entries = 0;
  let total = 0;
  const unzip = new Unzip((entry) => {
    const name = entry.name;
    if (++entries > ZIP_LIMITS.entries) fail(`it has more than ${ZIP_LIMITS.entries} entries`);
    if (/^[/\\]|^[A-Za-z]:|\\|\0/.test(name) || name.split('/').some((s, i, all) => s === '..' || s === '.' || (s === '' && i < all.length - 1))) {
      fail(`"${name}" points outside the pack`);
    }
    if (name.endsWith('/') || junk(name)) return;
    if (!/\.(md|yml)$/.test(name)) fail(`"${name}" is not a Markdown (.md) or vocabularies (.yml) file`);
    if (files.has(name)) fail(`"${name}" appears twice`);
    const declared = entry.originalSize;
    if (declared !== undefined && total + declared > ZIP_LIMITS.bytes) fail(`it unpacks to more than ${ZIP_LIMITS.bytes / 1024 / 1024} MB`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    entry.ondata = (error, chunk, final) => {
      if (error instanceof ContentError) throw error;
      if (error) fail(`"${name}" cannot be unpacked (${error.message})`);
      size += chunk.length;
      total += chunk.length;
      if (total > ZIP_LIMITS.bytes) fail(`it unpacks to more than ${ZIP_LIMITS.bytes / 1024 / 1024} MB`);
      if (declared !== undefined && size > declared) fail(`"${name}" unpacks to more than the size it declares`);
      chunks.push(chunk);
      if (!final) return;
      try {
        files.set(name, decoder.decode(Buffer.concat(chunks)));
      } catch {
        fail(`"${name}" is not UTF-8 text`);
      }
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  if (declaredEntries(data) > ZIP_LIMITS.entries) fail(`it has more than ${ZIP_LIMITS.entries} entries`);
  try {
    // In slices: the unzipper recurses once per entry within what it is given.
    for (let at = 0; at < data.length; at += 16_384) unzip.push(data.subarray(at, at + 16_384), at + 16_384 >= data.length);
  } catch (error) {
    if (error instanceof ContentError) throw error;
    fail(`it cannot be read (${(error as Error).message})`);
  }
  if (entries === 0) fail('it is empty or not a zip file');
  return withoutTopFolder(files);
}

/** The number of entries the zip's directory declares (0 when it has none), read before anything is unpacked. */
function declaredEntries(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let at = data.length - 22; at >= Math.max(0, data.length - 65_557); at--) {
    if (view.getUint32(at, true) === 0x06054b50) return view.getUint16(at + 10, true);
  }
  return 0;
}

/** `intve-content/packages/…` → `packages/…`, when every file is in one top folder. */
function withoutTopFolder(files: Map<string, string>): Map<string, string> {
  const paths = [...files.keys()];
  const top = paths[0]?.split('/')[0];
  if (!top || paths.some((p) => !p.startsWith(`${top}/`)) || files.has('vocabularies.yml')) return files;
  const folders = new Set(Object.values(folderOf));
  if (folders.has(top)) return files;
  return new Map([...files].map(([p, text]) => [p.slice(top.length + 1), text]));
}
