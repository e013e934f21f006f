import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { countries, centreTypes, languageCodes, partnerTopics } from '../src/modules/centres/lists.ts';
import { centreSeeker, suggest, type MatchProfile, type MatchSeeker } from '../src/modules/network/matching/match.ts';
import { rng, sampler } from './synthetic.ts';
import { percentiles } from './tools.ts';

// node bench/matching.ts: partner suggestions for one centre against 10,000 (issue 14's target:
// p95 under 100 ms). Pure computation in this process, no database: the profiles are generated
// (deterministic), each seeker is one of them, and every `suggest()` call is timed on its own.
// Run by hand; it prints and writes nothing.

const CANDIDATES = Number(process.env.BENCH_CENTRES ?? 10_000);
const SEEKERS = Number(process.env.BENCH_RUNS ?? 500);
const LIMIT = 20;
const TARGET_P95_MS = 100;

const random = rng(14);
const { pick, some } = sampler(random);

const vocabularies = parse(readFileSync(new URL('../content/vocabularies.yml', import.meta.url), 'utf8')) as { sectors: Record<string, unknown> };
const sectors = Object.keys(vocabularies.sectors);
const areas = ['teaching-learning', 'cooperation-partnerships', 'governance-funding'];
const commonLanguages = ['en', 'fr', 'ru', 'ar', 'de', 'es', 'it', 'uk'];

function profile(id: number): MatchProfile {
  const low = 1 + Math.floor(random() * 5);
  return {
    id,
    country: pick(countries),
    type: pick(centreTypes),
    sectors: some(sectors, 1, 3),
    eqfLevels: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => low + i),
    languages: [...new Set([...some(commonLanguages, 1, 2), pick(languageCodes)])],
    offers: some(partnerTopics, 0, 4),
    seeks: some(partnerTopics, 0, 3),
    // about a third share their latest self-assessment for matching
    maturity: random() < 0.35 ? Object.fromEntries(areas.map((a) => [a, 1 + random() * 4])) : null,
  };
}

const candidates = Array.from({ length: CANDIDATES }, (_, i) => profile(i + 1));
const seekers: MatchSeeker[] = Array.from({ length: SEEKERS }, (_, i) => {
  const self = candidates[Math.floor(random() * candidates.length)]!;
  // every other seeker is a consortium: it wants the countries it lacks and excludes its partners
  return centreSeeker(self, i % 2 ? { wantedCountries: some(countries, 1, 3), excludeIds: some(candidates, 3, 8).map((c) => c.id) } : {});
});

function run(label: string, options: Parameters<typeof suggest>[2]): void {
  for (let i = 0; i < 50; i++) suggest(seekers[i % seekers.length]!, candidates, options);
  const samples: number[] = [];
  let suggested = 0;
  for (const seeker of seekers) {
    const start = performance.now();
    const out = suggest(seeker, candidates, options);
    samples.push(performance.now() - start);
    suggested += out.length;
  }
  const p = percentiles(samples);
  const ms = (x: number) => x.toFixed(2).padStart(7);
  console.log(
    `${label.padEnd(34)} p50 ${ms(p.p50)} ms  p95 ${ms(p.p95)} ms  max ${ms(p.max)} ms  ` +
      `(${(suggested / seekers.length).toFixed(1)} suggestions each; p95 target ${TARGET_P95_MS} ms: ${p.p95 < TARGET_P95_MS ? 'met' : 'MISSED'})`,
  );
}

console.log(`suggest(): ${SEEKERS} seekers against ${CANDIDATES.toLocaleString('en')} candidate profiles, top ${LIMIT}; Node ${process.version}`);
run('no filter', { limit: LIMIT });
run('filtered (EQF 4–5, en or fr)', { limit: LIMIT, filters: { eqfLevels: [4, 5], languages: ['en', 'fr'] } });
run('top 100', { limit: 100 });
