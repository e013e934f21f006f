import type { Kysely } from 'kysely';
import type { Tables } from '../../db/schema.ts';

// What the content loader remembers of the files it loaded (a hash per item), and the
// vocabularies (types, themes, sectors) with their labels.

type Tx = Kysely<Tables>;
const now = () => new Date().toISOString();

export async function getSourceHashes(db: Tx): Promise<Map<string, string>> {
  const rows = await db.selectFrom('content_sources').select(['path', 'hash']).execute();
  return new Map(rows.map((r) => [r.path, r.hash]));
}

export async function recordSource(db: Tx, path: string, hash: string): Promise<void> {
  await db
    .insertInto('content_sources')
    .values({ path, hash, loaded_at: now() })
    .onConflict((oc) => oc.column('path').doUpdateSet({ hash, loaded_at: now() }))
    .execute();
}

export async function replaceVocabularies(
  db: Tx,
  vocab: Record<string, Record<string, Record<string, string>>>,
): Promise<void> {
  await db.deleteFrom('vocabulary_labels').execute();
  await db.deleteFrom('vocabulary_terms').execute();
  for (const [kind, terms] of Object.entries(vocab)) {
    let position = 0;
    for (const [slug, labels] of Object.entries(terms)) {
      await db.insertInto('vocabulary_terms').values({ kind, slug, position: position++ }).execute();
      for (const [lang, label] of Object.entries(labels)) {
        await db.insertInto('vocabulary_labels').values({ kind, slug, lang, label }).execute();
      }
    }
  }
}

/** The vocabulary terms in their order, and every label of each. */
export async function vocabularyRows(db: Tx) {
  const [terms, labels] = await Promise.all([
    db.selectFrom('vocabulary_terms').selectAll().orderBy('kind').orderBy('position').execute(),
    db.selectFrom('vocabulary_labels').selectAll().execute(),
  ]);
  return { terms, labels };
}
