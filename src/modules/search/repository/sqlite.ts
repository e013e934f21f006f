import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../db/database.ts';
import type { Tables } from '../../../db/schema.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { analyse } from '../analyse.ts';
import type { DocumentMatches, MatchResult, SearchDocument, SearchHit, SearchProvider, SearchQuery } from '../provider.ts';

// SQLite FTS5 over pre-analysed text (see analyse.ts). The FTS table is contentless: it keeps
// only terms, keyed by search_documents.id. Title terms weigh four times body terms.

const ftsQuery = (terms: string[]) => terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');

/** The FTS matches for the reader's language and English: (rowid, score, lang the query was analysed for). */
function matches(text: string, lang: Lang): RawBuilder<unknown> | null {
  const variants: Lang[] = lang === 'en' ? ['en'] : [lang, 'en'];
  const parts = variants
    .map((l) => ({ l, terms: analyse(text, l) }))
    .filter((v) => v.terms.length > 0)
    .map(
      ({ l, terms }) =>
        sql`select rowid as doc_id, bm25(search_fts, 4.0, 1.0) as score, ${l} as qlang from search_fts where search_fts match ${ftsQuery(terms)}`,
    );
  if (parts.length === 0) return null;
  return sql.join(parts, sql` union all `);
}

export function sqliteSearch(db: DB): SearchProvider {
  return {
    async index(documents: SearchDocument[]) {
      await db.transaction().execute(async (trx) => {
        for (const doc of documents) await indexOne(trx, doc);
      });
    },

    async rebuild() {
      await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
      let n = 0;
      for (let after = 0; ;) {
        const docs = await db.selectFrom('search_documents').select(['id', 'lang', 'title', 'body']).where('id', '>', after).orderBy('id').limit(500).execute();
        if (docs.length === 0) return n;
        for (const d of docs) await indexTerms(db, d.id, { lang: d.lang as Lang, title: d.title, body: d.body });
        n += docs.length;
        after = docs.at(-1)!.id;
      }
    },

    async remove(refPrefixes: string[]) {
      for (const prefix of refPrefixes) {
        const ids = await db.selectFrom('search_documents').select('id').where('ref', 'like', `${prefix}%`).execute();
        for (const { id } of ids) await sql`delete from search_fts where rowid = ${id}`.execute(db);
        await db.deleteFrom('search_documents').where('ref', 'like', `${prefix}%`).execute();
      }
    },

    async search(query: SearchQuery) {
      const m = matches(query.text, query.lang);
      if (!m) return { hits: [], total: 0 };
      const kinds = query.kinds?.length ? sql`and d.kind in (${sql.join(query.kinds)})` : sql``;
      const rows = await sql<SearchHit & { total: number }>`
        with m as materialized (${m}),
        ranked as (
          select d.kind, d.ref, d.lang, d.title, d.body, d.path, m.score,
            row_number() over (partition by d.ref order by (d.lang = ${query.lang}) desc, m.score) as rn
          from m join search_documents d on d.id = m.doc_id and d.lang = m.qlang
          where d.lang in (${query.lang}, 'en') ${kinds}
        )
        select kind, ref, lang, title, body, path, score, count(*) over () as total
        from ranked where rn = 1
        order by score, ref
        limit ${query.limit} offset ${query.offset}`.execute(db);
      const total = rows.rows[0]?.total ?? (query.offset > 0 ? await countOnly(db, m, query) : 0);
      return { hits: rows.rows.map(({ total: _t, ...hit }) => hit), total };
    },

    async matchDocuments(text: string, lang: Lang): Promise<MatchResult | null> {
      const variants: Lang[] = lang === 'en' ? ['en'] : [lang, 'en'];
      const out: DocumentMatches[] = [];
      let searchable = false;
      for (const l of variants) {
        const terms = analyse(text, l);
        if (terms.length === 0) continue;
        searchable = true;
        const query = ftsQuery(terms);
        const [all, titled] = await Promise.all([
          sql<{ id: number }>`select rowid as id from search_fts where search_fts match ${query}`.execute(db),
          sql<{ id: number }>`select rowid as id from search_fts where search_fts match ${`{title} : (${query})`}`.execute(db),
        ]);
        out.push({ lang: l, ids: all.rows.map((r) => r.id), titleIds: titled.rows.map((r) => r.id) });
      }
      return searchable ? { perLang: out } : null;
    },
  };
}

async function countOnly(db: DB, m: RawBuilder<unknown>, query: SearchQuery): Promise<number> {
  const kinds = query.kinds?.length ? sql`and d.kind in (${sql.join(query.kinds)})` : sql``;
  const r = await sql<{ n: number }>`
    with m as materialized (${m})
    select count(distinct d.ref) as n from m join search_documents d on d.id = m.doc_id and d.lang = m.qlang
    where d.lang in (${query.lang}, 'en') ${kinds}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

async function indexOne(trx: Kysely<Tables>, doc: SearchDocument): Promise<void> {
  const row = await trx
    .insertInto('search_documents')
    .values({
      kind: doc.kind,
      ref: doc.ref,
      lang: doc.lang,
      title: doc.title,
      body: doc.body,
      path: doc.path,
      resource_id: doc.resourceId ?? null,
      community_id: doc.communityId ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['ref', 'lang']).doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        title: eb.ref('excluded.title'),
        body: eb.ref('excluded.body'),
        path: eb.ref('excluded.path'),
        resource_id: eb.ref('excluded.resource_id'),
        community_id: eb.ref('excluded.community_id'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`delete from search_fts where rowid = ${row.id}`.execute(trx);
  await indexTerms(trx, row.id, doc);
}

async function indexTerms(db: Kysely<Tables>, id: number, doc: Pick<SearchDocument, 'lang' | 'title' | 'body'>): Promise<void> {
  await sql`insert into search_fts (rowid, title, body) values (${id}, ${analyse(doc.title, doc.lang).join(' ')}, ${analyse(doc.body, doc.lang).join(' ')})`.execute(
    db,
  );
}
