import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type LogEvent } from 'kysely';
import type { Database } from '../src/db/database.ts';
import type { Tables } from '../src/db/schema.ts';
import { libraryService } from '../src/modules/library/service.ts';
import { analyse } from '../src/modules/search/analyse.ts';
import { createSearch } from '../src/modules/search/index.ts';

// Times the e-library's SQL for the benchmark's two-facet searches in-process (no HTTP, no
// rendering, nothing else running), statement by statement, and explains the slowest statement.
// Run on its own against a kept database: node bench/diagnose.ts <file.db>

export interface StatementTiming {
  statement: string;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  totalMs: number;
}

export interface Diagnosis {
  queries: number;
  perSearch: { p50Ms: number; p99Ms: number; maxMs: number };
  statements: StatementTiming[];
  slowest: { q: string; type: string; theme: string; ms: number; ftsMatches: number; total: number }[];
  byBand: { band: string; p50Ms: number; p99Ms: number; meanFtsMatches: number }[];
  explain: { statement: string; sql: string; plan: string[] };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const round = (n: number) => Math.round(n * 100) / 100;

const FACET_OF: Record<string, string> = {
  'r.type': 'type',
  'r.source': 'source',
  'r.year': 'year',
  'f.theme': 'theme',
  'f.sector': 'sector',
  'f.country': 'country',
  'f.language': 'language',
  'fp.number': 'package',
  "fp.number || '-' || fs.position": 'station',
};

function statementName(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.includes('match ?') && s.startsWith('select rowid as id from search_fts')) return 'full-text match (ids)';
  if (s.startsWith('select "id", "slug"')) return 'page rows (20)';
  if (s.startsWith('select "resource_id", "lang", "title", "description"')) return 'page texts (20)';
  if (/^select count\(\*\) as n from/.test(s)) return 'count';
  const m = /^select (.+?) as value, count\(\*\) as n/.exec(s);
  if (m) return `facet counts: ${FACET_OF[m[1]!] ?? m[1]}`;
  return s.slice(0, 40);
}

export async function diagnose(file: string, queries: { q: string; type: string; theme: string }[]): Promise<Diagnosis> {
  const handle = new SQLite(file, { readonly: true });
  let current: { name: string; ms: number; sql: string; params: readonly unknown[] }[] = [];
  const db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: handle }),
    log: (event: LogEvent) => {
      current.push({ name: statementName(event.query.sql), ms: event.queryDurationMillis, sql: event.query.sql, params: event.query.parameters });
    },
  });
  const database: Database = { db, dialect: 'sqlite', ping: () => Promise.resolve(true), stats: () => ({}), close: () => db.destroy() };
  const search = createSearch(database);
  const countFts = handle.prepare('select count(*) as n from search_fts where search_fts match ?');

  // The facet index is built once, as the server builds it on its first search.
  const library = libraryService(db, search, () => 'bench');
  const built = performance.now();
  await library.warm();
  console.error(`facet index built in ${Math.round(performance.now() - built)} ms`);
  const none = { package: [], station: [], sector: [], source: [], country: [], language: [], year: [] };
  const run = (q: { q: string; type: string; theme: string }) =>
    library.list('en', { q: q.q, type: [q.type], theme: [q.theme], ...none, sort: 'relevance', page: 1 });

  // Warm the page cache of SQLite and the JIT.
  for (const q of queries.slice(0, 10)) await run(q);

  const perSearch: number[] = [];
  const perStatement = new Map<string, number[]>();
  const detail: Diagnosis['slowest'] = [];
  let worst: { ms: number; statements: typeof current } = { ms: -1, statements: [] };
  const bands = new Map<string, { ms: number[]; fts: number[] }>();
  const deadline = performance.now() + 120_000;
  for (const [i, q] of queries.entries()) {
    if (performance.now() > deadline) break; // bounded: at most two minutes of searches
    current = [];
    const t = performance.now();
    const result = await run(q);
    const ms = performance.now() - t;
    perSearch.push(ms);
    for (const s of current) perStatement.set(s.name, [...(perStatement.get(s.name) ?? []), s.ms]);
    const terms = analyse(q.q, 'en');
    const ftsMatches = terms.length ? (countFts.get(terms.map((x) => `"${x}"`).join(' ')) as { n: number }).n : 0;
    detail.push({ ...q, ms: round(ms), ftsMatches, total: result.total });
    const band = ['top 30 terms', 'terms 30-100', 'rarer terms'][i % 3]!;
    const b = bands.get(band) ?? { ms: [], fts: [] };
    b.ms.push(ms);
    b.fts.push(ftsMatches);
    bands.set(band, b);
    if (ms > worst.ms) worst = { ms, statements: current };
  }

  const slowestStatement = [...worst.statements].sort((a, b) => b.ms - a.ms)[0];
  let explain: Diagnosis['explain'] = { statement: '', sql: '', plan: [] };
  if (slowestStatement) {
    const rows = handle.prepare(`explain query plan ${slowestStatement.sql}`).all(...(slowestStatement.params as unknown[])) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const depth = new Map<number, number>([[0, -1]]);
    const plan = rows.map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    });
    explain = { statement: slowestStatement.name, sql: slowestStatement.sql.replace(/\s+/g, ' ').trim(), plan };
  }
  await db.destroy();

  const sortedSearch = [...perSearch].sort((a, b) => a - b);
  return {
    queries: perSearch.length,
    perSearch: { p50Ms: round(pct(sortedSearch, 50)), p99Ms: round(pct(sortedSearch, 99)), maxMs: round(sortedSearch.at(-1) ?? Number.NaN) },
    statements: [...perStatement.entries()]
      .map(([statement, ms]) => {
        const s = [...ms].sort((a, b) => a - b);
        return {
          statement,
          p50Ms: round(pct(s, 50)),
          p99Ms: round(pct(s, 99)),
          maxMs: round(s.at(-1) ?? Number.NaN),
          totalMs: round(ms.reduce((a, b) => a + b, 0)),
        };
      })
      .sort((a, b) => b.totalMs - a.totalMs),
    slowest: detail.sort((a, b) => b.ms - a.ms).slice(0, 8),
    byBand: [...bands.entries()].map(([band, b]) => {
      const s = [...b.ms].sort((x, y) => x - y);
      return {
        band,
        p50Ms: round(pct(s, 50)),
        p99Ms: round(pct(s, 99)),
        meanFtsMatches: Math.round(b.fts.reduce((x, y) => x + y, 0) / b.fts.length),
      };
    }),
    explain,
  };
}

if (import.meta.main) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/diagnose.ts <sqlite file built by bench/run.ts with BENCH_KEEP=1>');
    process.exit(2);
  }
  const { searchQueries } = await import('./synthetic.ts');
  console.log(JSON.stringify(await diagnose(file, searchQueries(Number(process.env.BENCH_QUERIES ?? 200))), null, 2));
}
