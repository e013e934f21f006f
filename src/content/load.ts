import type { Database } from '../db/database.ts';
import type { Lang } from '../i18n/languages.ts';
import type { SearchDocument, SearchProvider } from '../modules/search/index.ts';
import { resourceDocuments } from '../modules/library/documents.ts';
import { plainText } from '../ui/markdown.ts';
import { readItem } from './items.ts';
import { readContentPack, type Item } from './pack.ts';
import { hasRevisions } from './repository/revisions.ts';
import * as repo from './repository/writes.ts';
import { getSourceHashes, recordSource, replaceVocabularies } from './repository/sources.ts';
import { bumpContentVersion } from '../platform/content-version/repository.ts';

// Loads the content pack idempotently: an item whose files have not changed since the last load
// is skipped, so starting twice writes nothing the second time. Items load in dependency order.
//
// The back office owns an item from its first edit: an item with a revision (any row in
// `revisions` for its kind and id) is not overwritten when its files change. The loader says so
// once per version of the files (it records their hash as seen) and counts it as skipped.
// Importing the pack (content/import.ts) is the explicit way to overwrite such an item.

const order: Item['kind'][] = ['package', 'station', 'resource', 'case-study', 'spotlight', 'page'];

export interface LoadResult {
  loaded: number;
  unchanged: number;
  /** keys of the items whose files changed but which the back office has edited: left as they are */
  skipped: string[];
}

export interface LoadOptions {
  /** where the one line per skipped item goes (default: standard error) */
  warn?: (message: string) => void;
}

/** Whether the back office has kept a revision of the item: then it owns it. */
async function editedInBackOffice(db: Database['db'], item: Item): Promise<boolean> {
  const stored = await readItem(db, item.kind, (item.fields as { slug: string }).slug);
  return stored !== null && (await hasRevisions(db, item.kind, stored.id));
}

export async function loadContent(database: Database, search: SearchProvider, dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const pack = await readContentPack(dir);
  const { db } = database;
  const known = await getSourceHashes(db);
  let loaded = 0;
  const skipped: string[] = [];

  if (known.get('vocabularies') !== pack.vocabulariesHash) {
    await db.transaction().execute(async (trx) => {
      await replaceVocabularies(trx, pack.vocabularies);
      await recordSource(trx, 'vocabularies', pack.vocabulariesHash);
    });
    loaded++;
  }

  const items = [...pack.items].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const item of items) {
    if (known.get(item.key) === item.hash) continue;
    if (await editedInBackOffice(db, item)) {
      warn(`content: ${item.key} was not loaded: its files changed, but it has been edited in the back office, which keeps it. To overwrite it with the files, import them (npm run content:import -- ${dir}).`);
      await recordSource(db, item.key, item.hash);
      skipped.push(item.key);
      continue;
    }
    const published = (item.fields as { draft?: true }).draft !== true;
    const documents = await db.transaction().execute(async (trx) => writeItem(trx, item, published));
    await search.remove([`${item.kind}:${(item.fields as { slug: string }).slug}:`]);
    if (published) await search.index(documents);
    await recordSource(db, item.key, item.hash);
    loaded++;
  }
  if (loaded > 0) await bumpContentVersion(db);
  return { loaded, unchanged: pack.items.length + 1 - loaded - skipped.length, skipped };
}

/**
 * Each language an item has, English first: `own` holds only what that file says (translation
 * rows keep NULL for the rest, so pages can mark the English fallback); `merged` lays it over the
 * English fields, for the search index.
 */
function languagesOf<T extends object>(item: Item): { lang: Lang; own: Partial<T>; merged: T; body: string | null; text: string }[] {
  const out: { lang: Lang; own: Partial<T>; merged: T; body: string | null; text: string }[] = [
    { lang: 'en', own: item.fields as T, merged: item.fields as T, body: item.body, text: item.body },
  ];
  for (const [lang, t] of Object.entries(item.translations) as [Lang, { fields: object; body: string }][]) {
    const own = Object.fromEntries(Object.entries(t.fields).filter(([, v]) => v !== undefined)) as Partial<T>;
    out.push({ lang, own, merged: { ...(item.fields as T), ...own }, body: t.body || null, text: t.body || item.body });
  }
  return out;
}

const orNull = <T>(v: T | undefined) => v ?? null;

/**
 * Writes one item of the pack format into the content tables and returns its search documents.
 * `published` is left alone unless given (the loader and imports give the files' state: published
 * unless `draft: true`).
 */
export async function writeItem(trx: Database['db'], item: Item, published?: boolean): Promise<SearchDocument[]> {
  const state = published === undefined ? {} : { published };
  const docs: SearchDocument[] = [];
  const doc = (d: Omit<SearchDocument, 'ref'> & { ref?: string }) =>
    docs.push({ ...d, ref: d.ref ?? `${item.kind}:${(item.fields as { slug: string }).slug}:` });
  switch (item.kind) {
    case 'package': {
      const p = item as Item<'package'>;
      const langs = languagesOf<Item<'package'>['fields']>(p);
      const checklistIn = (own: Partial<Item<'package'>['fields']>, id: string) =>
        own.checklist?.find((c) => c.id === id) as { text?: string; why?: string } | undefined;
      await repo.upsertPackage(trx, {
        ...state,
        number: p.fields.number,
        slug: p.fields.slug,
        level: p.fields.level,
        translations: langs.map(({ lang, own, body }) => ({
          lang,
          title: orNull(own.title),
          subtitle: orNull(own.subtitle),
          introduction: body,
        })),
        checklist: p.fields.checklist.map((c) => ({
          key: c.id,
          stations: c.stations,
          translations: langs.map(({ lang, own }) => {
            const t = checklistIn(own, c.id);
            return { lang, text: orNull(t?.text), why: orNull(t?.why) };
          }),
        })),
      });
      for (const { lang, own, merged, text } of langs) {
        const checklist = p.fields.checklist.map((c) => checklistIn(own, c.id)?.text ?? c.text);
        doc({
          kind: 'package',
          lang,
          title: merged.title,
          body: [merged.subtitle, plainText(text), ...checklist].filter(Boolean).join(' '),
          path: `/packages/${p.fields.number}`,
        });
      }
      break;
    }
    case 'station': {
      const s = item as Item<'station'>;
      const langs = languagesOf<Item<'station'>['fields']>(s);
      await repo.upsertStation(trx, {
        ...state,
        packageNumber: s.fields.package,
        position: s.fields.position,
        slug: s.fields.slug,
        translations: langs.map(({ lang, own, body }) => ({
          lang,
          title: orNull(own.title),
          lead: orNull(own.lead),
          offer: orNull(own.offer),
          context: body,
          challenges: own.challenges,
          actionGroups: own.actionGroups,
        })),
      });
      const path = `/packages/${s.fields.package}/stations/${s.fields.position}`;
      for (const { lang, merged, text } of langs) {
        doc({
          kind: 'station',
          lang,
          title: merged.title,
          body: [merged.lead, merged.offer, plainText(text), ...merged.challenges].filter(Boolean).join(' '),
          path,
        });
        merged.actionGroups.forEach((group, g) =>
          group.actions.forEach((action, a) =>
            doc({
              kind: 'action',
              ref: `station:${s.fields.slug}:action:${g + 1}:${a + 1}`,
              lang,
              title: action,
              body: `${group.title}. ${merged.title}`,
              path: `${path}#actions-${g + 1}`,
            }),
          ),
        );
      }
      break;
    }
    case 'resource': {
      const r = item as Item<'resource'>;
      const resourceTranslations = languagesOf<Item<'resource'>['fields']>(r).map(({ lang, own, body }) => ({ lang, title: orNull(own.title), description: body }));
      const id = await repo.upsertResource(trx, {
        ...state,
        slug: r.fields.slug,
        type: r.fields.type,
        source: r.fields.source,
        link: orNull(r.fields.link),
        noLink: orNull(r.fields.noLink),
        ask: orNull(r.fields.ask),
        year: orNull(r.fields.year),
        translations: resourceTranslations,
        themes: r.fields.themes,
        sectors: r.fields.sectors,
        countries: r.fields.countries,
        languages: r.fields.languages,
        stations: r.fields.stations.map((key) => {
          const [, packageNumber, position] = /^package-(\d+)-station-(\d+)$/.exec(key)!.map(Number) as [number, number, number];
          return { packageNumber, position };
        }),
        packages: r.fields.packages,
      });
      docs.push(...resourceDocuments({ id, slug: r.fields.slug, source: r.fields.source }, resourceTranslations));
      break;
    }
    case 'case-study': {
      const c = item as Item<'case-study'>;
      const langs = languagesOf<Item<'case-study'>['fields']>(c);
      await repo.upsertCaseStudy(trx, {
        ...state,
        slug: c.fields.slug,
        packageNumber: c.fields.package,
        country: c.fields.country,
        sector: orNull(c.fields.sector),
        link: orNull(c.fields.link),
        year: orNull(c.fields.year),
        translations: langs.map(({ lang, own, body }) => ({
          lang,
          centre: orNull(own.centre),
          title: orNull(own.title),
          lead: orNull(own.lead),
          takeaways: own.takeaways,
          quote_text: own.quote?.text ?? null,
          quote_speaker: own.quote?.speaker ?? null,
          summary: body,
        })),
      });
      for (const { lang, merged, text } of langs) {
        doc({
          kind: 'case_study',
          lang,
          title: `${merged.centre}: ${merged.title}`,
          body: [merged.lead, ...merged.takeaways, plainText(text)].filter(Boolean).join(' '),
          path: `/case-studies/${c.fields.slug}`,
        });
      }
      break;
    }
    case 'spotlight': {
      const s = item as Item<'spotlight'>;
      const langs = languagesOf<Item<'spotlight'>['fields']>(s);
      await repo.upsertSpotlight(trx, {
        ...state,
        slug: s.fields.slug,
        position: s.fields.position,
        link: orNull(s.fields.link),
        translations: langs.map(({ lang, own, body }) => ({
          lang,
          title: orNull(own.title),
          link_text: orNull(own.linkText),
          description: body,
        })),
      });
      for (const { lang, merged, text } of langs) {
        doc({ kind: 'spotlight', lang, title: merged.title, body: plainText(text), path: `/spotlight#${s.fields.slug}` });
      }
      break;
    }
    case 'page': {
      const p = item as Item<'page'>;
      await repo.upsertPage(trx, {
        ...state,
        slug: p.fields.slug,
        translations: languagesOf<Item<'page'>['fields']>(p).map(({ lang, own, body }) => ({
          lang,
          title: orNull(own.title),
          lead: orNull(own.lead),
          body,
        })),
      });
      break;
    }
  }
  return docs;
}
