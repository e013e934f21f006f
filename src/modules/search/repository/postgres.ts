import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../db/database.ts';
import type { Tables } from '../../../db/schema.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { normaliseArabic } from '../analyse.ts';
import type { MatchResult, SearchDocument, SearchHit, SearchProvider, SearchQuery } from '../provider.ts';

// PostgreSQL's own full-text search with a language configuration per document language,
// accents folded by unaccent. Title words carry weight A, body words weight B.

// A language PostgreSQL has no configuration for (Ukrainian) takes 'simple': words lower-cased,
// no stop words, no stems.
export const configs: Record<Lang, string> = { en: 'english', fr: 'french', ar: 'arabic', ru: 'russian', uk: 'simple' };

function cfg(lang: Lang) {
  return sql.lit(configs[lang]);
}

/** Text as the configuration for its language reads it: Arabic goes through the same normalisation as on SQLite. */
const prepare = (text: string, lang: Lang) => (lang === 'ar' ? normaliseArabic(text) : text);

/** Documents matching in the reader's language or in English, with a score (lower = better). */
function matches(text: string, lang: Lang): RawBuilder<unknown> {
  const variants: Lang[] = lang === 'en' ? ['en'] : [lang, 'en'];
  const conditions = variants.map((l) => sql`(d.lang = ${l} and d.tsv @@ plainto_tsquery(${cfg(l)}::regconfig, unaccent(${prepare(text, l)})))`);
  const rank = sql`case ${sql.join(
    variants.map((l) => sql`when d.lang = ${l} then ts_rank(d.tsv, plainto_tsquery(${cfg(l)}::regconfig, unaccent(${prepare(text, l)})))`),
    sql` `,
  )} end`;
  return sql`select d.id as doc_id, -${rank} as score from search_documents d where ${sql.join(conditions, sql` or `)}`;
}

/** True when the text has words the configurations do not drop as stop words. */
async function searchable(db: DB, text: string, lang: Lang): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select numnode(plainto_tsquery(${cfg(lang)}::regconfig, unaccent(${prepare(text, lang)}))) > 0
    or numnode(plainto_tsquery('english', unaccent(${text}))) > 0 as ok`.execute(db);
  return r.rows[0]?.ok ?? false;
}

export function postgresSearch(db: DB): SearchProvider {
  return {
    async index(documents: SearchDocument[]) {
      await db.transaction().execute(async (trx) => {
        for (const doc of documents) await indexOne(trx, doc);
      });
    },

    async rebuild() {
      let n = 0;
      for (const lang of Object.keys(configs) as Lang[]) {
        if (lang === 'ar') continue;
        const r = await sql`update search_documents set tsv = ${weighted(lang, sql.ref('title'), sql.ref('body'))} where lang = ${lang}`.execute(db);
        n += Number(r.numAffectedRows ?? 0);
      }
      // Arabic text is normalised in JavaScript first, so its rows are analysed one by one.
      for (let after = 0; ;) {
        const docs = await db
          .selectFrom('search_documents')
          .select(['id', 'title', 'body'])
          .where('lang', '=', 'ar')
          .where('id', '>', after)
          .orderBy('id')
          .limit(500)
          .execute();
        if (docs.length === 0) return n;
        for (const d of docs) await sql`update search_documents set tsv = ${weighted('ar', d.title, d.body)} where id = ${d.id}`.execute(db);
        n += docs.length;
        after = docs.at(-1)!.id;
      }
    },

    async remove(refPrefixes: string[]) {
      for (const prefix of refPrefixes) {
        await db.deleteFrom('search_documents').where('ref', 'like', `${prefix}%`).execute();
      }
    },

    async search(query: SearchQuery) {
      if (!query.text.trim() || !(await searchable(db, query.text, query.lang))) return { hits: [], total: 0 };
      const kinds = query.kinds?.length ? sql`and d.kind in (${sql.join(query.kinds)})` : sql``;
      const rows = await sql<SearchHit & { total: number }>`
        with m as (${matches(query.text, query.lang)}),
        ranked as (
          select d.kind, d.ref, d.lang, d.title, d.body, d.path, m.score,
            row_number() over (partition by d.ref order by (d.lang = ${query.lang}) desc, m.score) as rn
          from m join search_documents d on d.id = m.doc_id
          where d.lang in (${query.lang}, 'en') ${kinds}
        )
        select kind, ref, lang, title, body, path, score::float8 as score, count(*) over () as total
        from ranked where rn = 1
        order by score, ref
        limit ${query.limit} offset ${query.offset}`.execute(db);
      let total = rows.rows[0]?.total ?? 0;
      if (rows.rows.length === 0 && query.offset > 0) {
        const r = await sql<{ n: number }>`with m as (${matches(query.text, query.lang)})
          select count(distinct d.ref) as n from m join search_documents d on d.id = m.doc_id
          where d.lang in (${query.lang}, 'en') ${kinds}`.execute(db);
        total = r.rows[0]?.n ?? 0;
      }
      return { hits: rows.rows.map(({ total: _t, ...hit }) => hit), total };
    },

    async matchDocuments(text: string, lang: Lang, kind: SearchDocument['kind'] = 'resource'): Promise<MatchResult | null> {
      if (!text.trim() || !(await searchable(db, text, lang))) return null;
      const variants: Lang[] = lang === 'en' ? ['en'] : [lang, 'en'];
      const query = (l: Lang) => sql`plainto_tsquery(${cfg(l)}::regconfig, unaccent(${prepare(text, l)}))`;
      const rows = await sql<{ id: number; lang: Lang; in_title: boolean }>`
        select d.id, d.lang, case ${sql.join(
          variants.map((l) => sql`when d.lang = ${l} then ts_filter(d.tsv, '{a}') @@ ${query(l)}`),
          sql` `,
        )} end as in_title
        from search_documents d
        where d.kind = ${kind} and (${sql.join(
          variants.map((l) => sql`(d.lang = ${l} and d.tsv @@ ${query(l)})`),
          sql` or `,
        )})`.execute(db);
      return {
        perLang: variants.map((l) => {
          const mine = rows.rows.filter((r) => r.lang === l);
          return { lang: l, ids: mine.map((r) => r.id), titleIds: mine.filter((r) => r.in_title).map((r) => r.id) };
        }),
      };
    },
  };
}

/** A document's terms: title words weigh A, body words B. */
const weighted = (lang: Lang, title: unknown, body: unknown) => {
  const text = (value: unknown) => (typeof value === 'string' ? prepare(value, lang) : value);
  return sql`setweight(to_tsvector(${cfg(lang)}::regconfig, unaccent(${text(title)})), 'A') || setweight(to_tsvector(${cfg(lang)}::regconfig, unaccent(${text(body)})), 'B')`;
};

async function indexOne(trx: Kysely<Tables>, doc: SearchDocument): Promise<void> {
  await sql`insert into search_documents (kind, ref, lang, title, body, path, resource_id, community_id, tsv)
    values (${doc.kind}, ${doc.ref}, ${doc.lang}, ${doc.title}, ${doc.body}, ${doc.path}, ${doc.resourceId ?? null}, ${doc.communityId ?? null},
      ${weighted(doc.lang, doc.title, doc.body)})
    on conflict (ref, lang) do update set kind = excluded.kind, title = excluded.title, body = excluded.body,
      path = excluded.path, resource_id = excluded.resource_id, community_id = excluded.community_id, tsv = excluded.tsv`.execute(trx);
}
