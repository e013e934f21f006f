import type { Database } from '../db/database.ts';
import type { User } from '../modules/accounts/repository.ts';
import { audit } from '../modules/admin/repository.ts';
import type { SearchDocument, SearchProvider } from '../modules/search/index.ts';
import { kindOrder, readAllItems, readItem, readVocabularies, type StoredItem } from './items.ts';
import { writeItem } from './load.ts';
import { ContentError, identity, parseContentPack, type Item, type Vocabularies } from './pack.ts';
import { bumpContentVersion } from '../platform/content-version/repository.ts';
import { addBaseline, addRevision, hasRevisions } from './repository/revisions.ts';
import { replaceVocabularies } from './repository/sources.ts';

// Imports a content pack (files in the starter-content format) into the platform: the explicit
// way to overwrite content, whoever edited it last. The whole pack is validated first, so a wrong
// file writes nothing. Then every item that differs from the platform's is written in one
// transaction, with a revision each and one audit entry; items the pack does not have are kept.

export interface ImportResult {
  /** keys (`resources/digcomp`) of the items the pack added */
  created: string[];
  /** keys of the items the pack changed */
  updated: string[];
  unchanged: number;
  /** keys of the items on the platform that the pack does not have: kept as they are */
  kept: string[];
  /** whether the pack's vocabularies replaced the platform's */
  vocabularies: boolean;
}

/** Who imports: a signed-in editor, or null for the command line. */
export type Importer = User | null;

/** The audit log and revisions name an actor; the command line has no account. */
const commandLine = { id: null, name: 'command line (content:import)' } as unknown as User;

/** What a comparison ignores: the file hash, the file name, the draft flag (compared as `published`), list order where the database keeps none. */
export function comparable(item: Item): string {
  const { draft: _draft, ...fields } = item.fields as Record<string, unknown>;
  if (item.kind === 'resource') {
    const sorted = (k: string) => [...new Set(fields[k] as (string | number)[])].sort();
    for (const k of ['themes', 'sectors', 'countries', 'languages', 'stations']) fields[k] = sorted(k);
    // A package is implied by the resource's stations; the database does not tell the two apart.
    const viaStations = new Set((fields.stations as string[]).map((s) => Number(/^package-(\d+)-/.exec(s)?.[1])));
    fields.packages = (sorted('packages') as number[]).filter((n) => !viaStations.has(n));
  }
  return stable({ kind: item.kind, fields, body: item.body, translations: item.translations });
}

/** JSON with object keys sorted, so that key order does not count as a difference. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** The same terms in the same order, with the same labels. */
const sameVocabularies = (a: Vocabularies, b: Vocabularies) => (['types', 'themes', 'sectors'] as const).every((k) => stable(Object.entries(a[k])) === stable(Object.entries(b[k])));

const slugOf = (item: Item) => (item.fields as { slug: string }).slug;

export async function importPack(database: Database, search: SearchProvider, files: Map<string, string>, actor: Importer, source = 'upload'): Promise<ImportResult> {
  if (files.size === 0) throw new ContentError('the pack has no files');
  const { db } = database;
  const stored = await readAllItems(db);
  const vocabularies = await readVocabularies(db);
  // Throws a ContentError naming the file and field; nothing has been written yet.
  const pack = parseContentPack(files, { known: { vocabularies, items: stored.map((s) => s.item) } });

  const existing = new Map<string, StoredItem>(stored.map((s) => [identity(s.item), s]));
  const items = [...pack.items].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
  const inPack = new Set(items.map(identity));
  const result: ImportResult = {
    created: [],
    updated: [],
    unchanged: 0,
    kept: stored.filter((s) => !inPack.has(identity(s.item))).map((s) => s.item.key),
    vocabularies: files.has('vocabularies.yml') && !sameVocabularies(pack.vocabularies, vocabularies),
  };
  const who = actor ?? commandLine;
  const documents: SearchDocument[] = [];
  const stale: string[] = [];

  await db.transaction().execute(async (trx) => {
    if (result.vocabularies) await replaceVocabularies(trx, pack.vocabularies);
    for (const item of items) {
      const published = (item.fields as { draft?: true }).draft !== true;
      const before = existing.get(identity(item));
      if (before && before.published === published && comparable(before.item) === comparable(item)) {
        result.unchanged++;
        continue;
      }
      // An item nobody has edited keeps its state before the import as its first revision, so the import can be undone.
      if (before && !(await hasRevisions(trx, item.kind, before.id))) {
        await addBaseline(trx, item.kind, before.id, { item: before.item, published: before.published });
      }
      const written = await writeItem(trx, item, published);
      // A draft is not searchable: its documents go, and none come back until it is published.
      if (published) documents.push(...written);
      stale.push(`${item.kind}:${slugOf(item)}:`);
      if (before && slugOf(before.item) !== slugOf(item)) stale.push(`${item.kind}:${slugOf(before.item)}:`);
      // The revision holds the item as the platform now has it, as the back office's own revisions do.
      const now = (await readItem(trx, item.kind, slugOf(item)))!;
      await addRevision(trx, item.kind, now.id, who, 'imported', { item: now.item, published: now.published });
      (before ? result.updated : result.created).push(item.key);
    }
    await audit(trx, who, 'pack.imported', source, {
      created: result.created.length,
      updated: result.updated.length,
      unchanged: result.unchanged,
      kept: result.kept.length,
    });
  });

  // After the commit (on SQLite the search index shares the one connection), and before the new
  // content version, so no page is cached for that version with the old search results.
  if (stale.length) {
    await search.remove(stale);
    await search.index(documents);
  }
  if (result.created.length || result.updated.length || result.vocabularies) await bumpContentVersion(db);
  return result;
}
