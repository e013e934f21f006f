import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { openDatabase } from '../src/db/database.ts';
import { FacetIndex } from '../src/modules/library/facet-index.ts';
import { loadFacetRows } from '../src/modules/library/repository.ts';
import { noFilters } from '../src/modules/library/service.ts';
import { analyse } from '../src/modules/search/analyse.ts';
import { SearchIndex } from '../src/modules/search/engine/search-index.ts';
import type { MatchResult } from '../src/modules/search/provider.ts';
import { documentsAfter } from '../src/modules/search/repository/documents.ts';
import { sqliteSearch } from '../src/modules/search/repository/sqlite.ts';
import { languages } from '../src/i18n/languages.ts';
import { buildLibrary } from './build.ts';
import { rng, searchQueries, terms, themes, types } from './synthetic.ts';

// The search engines compared in process (issue 13, decision 0016): the same library, the same
// e-library queries (full-text match, then the facet index's filters, counts and first page), one
// at a time, with nothing else running in this process. Candidates:
//   memory      the platform's in-memory index (src/modules/search/engine)
//   minisearch  MiniSearch 7 (a well-kept library) with the platform's own text analysis
//   database    SQLite's FTS5 through the database provider (what answered before)
// Then the shapes that come next: a directory of 10,000 centres and 100,000 community posts in
// the in-memory index, searched as site search is.
//
//   node --expose-gc bench/search.ts              builds a library of BENCH_RESOURCES (100,000)
//   node --expose-gc bench/search.ts <file.db>    uses a kept benchmark database (BENCH_KEEP=1)

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 100_000);
const QUERIES = 200;

type Candidate = 'memory' | 'minisearch' | 'database';

export interface Timing {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  perSecond: number;
}

export interface CandidateResult {
  candidate: Candidate;
  buildMs: number;
  memoryMb: number;
  oneWord: Timing;
  twoWords: Timing;
  typo: Timing & { found: number };
}

export interface ShapeResult {
  shape: string;
  documents: number;
  buildMs: number;
  memoryMb: number;
  search: Timing;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const r2 = (n: number) => Math.round(n * 100) / 100;

function timing(ms: number[]): Timing {
  const sorted = ms.slice().sort((a, b) => a - b);
  const mean = ms.reduce((s, x) => s + x, 0) / ms.length;
  return { p50Ms: r2(pct(sorted, 50)), p99Ms: r2(pct(sorted, 99)), maxMs: r2(sorted.at(-1)!), perSecond: Math.round(1000 / mean) };
}

/** Heap and typed-array memory in use after a full collection (needs --expose-gc). */
function memoryInUse(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Random word pairs and misspelt words, the same every run. */
function otherQueries(): { pairs: { q: string; type: string; theme: string }[]; typos: { q: string; type: string; theme: string }[] } {
  const random = rng(777);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const common = terms.slice(0, 120);
  const pairs = Array.from({ length: QUERIES }, () => ({ q: `${pick(common)} ${pick(terms)}`, type: pick(types), theme: pick(themes) }));
  const long = terms.filter((w) => w.length >= 6);
  const typos = Array.from({ length: QUERIES }, () => {
    const w = pick(long);
    const at = 1 + Math.floor(random() * (w.length - 2));
    return { q: w.slice(0, at) + w.slice(at + 1), type: pick(types), theme: pick(themes) };
  });
  return { pairs, typos };
}

export async function compareSearch(file: string, log: (line: string) => void): Promise<{ candidates: CandidateResult[]; shapes: ShapeResult[] }> {
  const database = openDatabase(`sqlite:${file}`);
  const rows = await loadFacetRows(database.db);
  const facets = FacetIndex.fromRows(rows, languages);
  const docs: Awaited<ReturnType<typeof documentsAfter>> = [];
  for (let after = 0; ;) {
    const batch = await documentsAfter(database.db, after, 10_000);
    if (batch.length === 0) break;
    docs.push(...batch);
    after = batch.at(-1)!.id;
  }
  const resourceDocs = new Set(rows.documents.map((d) => d.id));
  log(`${docs.length.toLocaleString('en')} search documents, ${rows.resources.length.toLocaleString('en')} resources`);

  const oneWord = searchQueries(QUERIES);
  const { pairs, typos } = otherQueries();

  const candidates: CandidateResult[] = [];
  for (const candidate of ['memory', 'minisearch', 'database'] as const) {
    const before = memoryInUse();
    const started = performance.now();
    let match: (q: string) => Promise<MatchResult | null> | MatchResult | null;
    const held: unknown[] = [];
    if (candidate === 'memory') {
      const index = new SearchIndex();
      for (const d of docs) index.put(d);
      index.tidy(true);
      held.push(index);
      match = (q) => {
        const m = index.match(q, 'en', ['resource']);
        return m && { perLang: m.perLang.map((l) => ({ lang: l.lang, ids: l.ids, titleIds: [], scores: l.scores })), phrase: (ids) => m.phrase(ids) };
      };
    } else if (candidate === 'minisearch') {
      const mini = new MiniSearch<{ id: number; title: string; body: string }>({
        fields: ['title', 'body'],
        tokenize: (text) => analyse(text, 'en'),
        processTerm: (term) => term,
        searchOptions: { boost: { title: 3 }, combineWith: 'AND', fuzzy: (term) => (term.length >= 5 ? 1 : false), prefix: false },
      });
      mini.addAll(docs.filter((d) => resourceDocs.has(d.id)).map((d) => ({ id: d.id, title: d.title, body: d.body })));
      held.push(mini);
      match = (q) => {
        if (analyse(q, 'en').length === 0) return null;
        const found = mini.search(q);
        return { perLang: [{ lang: 'en', ids: found.map((f) => f.id as number), titleIds: [], scores: found.map((f) => f.score) }] };
      };
    } else {
      const provider = sqliteSearch(database.db);
      match = (q) => provider.matchDocuments(q, 'en');
    }
    const buildMs = performance.now() - started;
    const memoryMb = (memoryInUse() - before) / 1048576;
    held.push(match);

    const run = async (queries: { q: string; type: string; theme: string }[]) => {
      const ms: number[] = [];
      let found = 0;
      for (const q of queries) {
        const t0 = performance.now();
        const m = await match(q.q);
        const result = facets.query({
          lang: 'en',
          filters: noFilters({ type: [q.type], theme: [q.theme] }),
          sort: 'relevance',
          offset: 0,
          limit: 20,
          withFacets: true,
          matches: m ? facets.matchesFrom(m) : null,
        });
        ms.push(performance.now() - t0);
        if (result.total > 0) found++;
      }
      return { ...timing(ms), found };
    };
    // One pass to warm up, then the measured one.
    await run(oneWord.slice(0, 20));
    // Only the misspelt words report how many found something; the other two keep their timings.
    const { found: _oneFound, ...one } = await run(oneWord);
    const { found: _twoFound, ...two } = await run(pairs);
    const result: CandidateResult = {
      candidate,
      buildMs: Math.round(buildMs),
      memoryMb: Math.round(memoryMb),
      oneWord: one,
      twoWords: two,
      typo: await run(typos),
    };
    candidates.push(result);
    log(
      `  ${candidate}: built in ${result.buildMs} ms, ${result.memoryMb} MB; one word p50 ${one.p50Ms} / p99 ${one.p99Ms} ms; two words p99 ${two.p99Ms} ms; typos found ${result.typo.found}/${QUERIES}`,
    );
    held.length = 0;
  }
  await database.close();
  // Everything loaded before the candidates stays alive until here, so each one's memory is its own.
  log(`(${rows.resources.length + docs.length} rows held while measuring)`);

  const shapes = [shape('directory: 10,000 centres', centreDocs(10_000), log), shape('community posts: 100,000', postDocs(100_000), log)];
  return { candidates, shapes };
}

/** Builds the in-memory index of a shape and searches it as site search does: 200 one- and two-word queries. */
function shape(
  name: string,
  docs: { id: number; kind: string; ref: string; lang: string; title: string; body: string }[],
  log: (line: string) => void,
): ShapeResult {
  const before = memoryInUse();
  const started = performance.now();
  const index = new SearchIndex();
  for (const d of docs) index.put(d);
  index.tidy(true);
  const buildMs = performance.now() - started;
  const memoryMb = (memoryInUse() - before) / 1048576;
  const random = rng(99);
  const pick = () => terms[Math.floor(random() * 150)]!;
  const ms: number[] = [];
  for (let i = 0; i < QUERIES * 2; i++) {
    const q = i % 2 ? `${pick()} ${pick()}` : pick();
    const t0 = performance.now();
    index.search(q, 'en', { offset: 0, limit: 20 });
    if (i >= 20) ms.push(performance.now() - t0);
  }
  const result = { shape: name, documents: docs.length, buildMs: Math.round(buildMs), memoryMb: Math.round(memoryMb), search: timing(ms) };
  log(`  ${name}: built in ${result.buildMs} ms, ${result.memoryMb} MB; search p50 ${result.search.p50Ms} / p99 ${result.search.p99Ms} ms`);
  return result;
}

const sentence = (random: () => number, n: number) =>
  Array.from({ length: n }, () => terms[Math.min(terms.length - 1, Math.floor(terms.length * random() ** 2))]).join(' ');

function centreDocs(n: number) {
  const random = rng(10);
  const cities = ['Sousse', 'Tampere', 'Porto', 'Lyon', 'Kraków', 'Amman', 'Casablanca', 'Lviv', 'Izmir', 'Graz', 'Aarhus', 'Bilbao'];
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    kind: 'centre',
    ref: `centre:${i}:`,
    lang: 'en',
    title: `${cities[i % cities.length]} ${sentence(random, 2)} centre ${i}`,
    body: sentence(random, 30),
  }));
}

function postDocs(n: number) {
  const random = rng(20);
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    kind: 'post',
    ref: `post:${i}:`,
    lang: 'en',
    title: sentence(random, 4 + Math.floor(random() * 6)),
    body: sentence(random, 60 + Math.floor(random() * 40)),
  }));
}

export function searchMarkdown(r: { candidates: CandidateResult[]; shapes: ShapeResult[] }, resources: number): string {
  const t = (x: Timing) => `${x.p50Ms} / ${x.p99Ms}`;
  return [
    `## Search engines compared in process (${resources.toLocaleString('en')} resources)`,
    '',
    '200 e-library searches each (full-text match, facet filters and counts, first page of 20 ids; no HTML), one at a time: one word with two facets, two random words with two facets, and one misspelt word of six letters or more with two facets.',
    '',
    '| candidate | build ms | memory MB | one word p50 / p99 ms | per second | two words p50 / p99 ms | misspelt p50 / p99 ms | misspelt found |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.candidates.map(
      (c) =>
        `| ${c.candidate} | ${c.buildMs} | ${c.memoryMb} | ${t(c.oneWord)} | ${c.oneWord.perSecond} | ${t(c.twoWords)} | ${t(c.typo)} | ${c.typo.found} / ${QUERIES} |`,
    ),
    '',
    'The shapes that come next, in the in-memory index, searched as site search is (one- and two-word queries, first page of 20):',
    '',
    '| shape | documents | build ms | memory MB | p50 / p99 ms | per second |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...r.shapes.map((s) => `| ${s.shape} | ${s.documents.toLocaleString('en')} | ${s.buildMs} | ${s.memoryMb} | ${t(s.search)} | ${s.search.perSecond} |`),
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const given = process.argv[2];
  const dir = given ? null : mkdtempSync(join(tmpdir(), 'intve-search-bench-'));
  try {
    const file = given ?? join(dir!, 'bench.db');
    if (!given) {
      console.log(`Building a library of ${RESOURCES.toLocaleString('en')} resources…`);
      await buildLibrary(file, root, RESOURCES, () => undefined);
    }
    const result = await compareSearch(file, (line) => console.log(line));
    const md = `# Search engines\n\n${new Date().toISOString()} · ${cpus()[0]?.model ?? 'CPU'} × ${cpus().length} · Node ${process.version}\n\n${searchMarkdown(result, RESOURCES)}`;
    console.log(`\n${md}`);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/search-latest.md'), md);
    writeFileSync(join(root, 'bench/results/search-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
