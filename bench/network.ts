import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { countries, centreTypes, languageCodes, partnerTopics } from '../src/modules/centres/lists.ts';
import { centreDocument } from '../src/modules/centres/service.ts';
import type { CentreRow } from '../src/modules/centres/repository.ts';
import { createSearch } from '../src/modules/search/index.ts';
import { networkProfile, signIn, user } from '../test/factories/index.ts';
import { testDatabase } from '../test/helpers/app.ts';
import { rng, sampler } from './synthetic.ts';
import { msText as ms, percentiles } from './tools.ts';

// node bench/network.ts: the centre directory and partner suggestions at 10,000 centres (issue
// 14's targets: a directory search with text and three filters, not cached, p99 under 20 ms;
// suggestions for one centre against 10,000 under 100 ms at p95). Through the whole app in this
// process (Fastify's inject: routing, validation, the search engine, the directory index,
// rendering; no network), on SQLite by default, PostgreSQL when DATABASE_URL names one. Every
// directory address is asked once, so none comes from the page cache. Writes
// bench/results/network-<engine>-latest.md.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CENTRES = Number(process.env.BENCH_CENTRES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 400);
const TARGETS = { directoryP99: 20, suggestionsP95: 100 };

const random = rng(2026);
const { pick, some } = sampler(random);
const places = ['Chișinău', 'Tirana', 'Lyon', 'Porto', 'Kraków', 'Tbilisi', 'Casablanca', 'Tunis', 'Almaty', 'Bologna', 'Tampere', 'Kharkiv', 'Cluj', 'Izmir'];
const kinds = ['Vocational School', 'Training Centre', 'Centre of Excellence', 'Technical College', 'Polytechnic', 'Academy of Crafts'];
const focus = ['Hospitality', 'Energy', 'Agriculture', 'Automotive', 'Health Care', 'Construction', 'Digital Skills', 'Textiles', 'Logistics', 'Tourism'];
const noteWords = ['kitchens', 'workshops', 'laboratory', 'solar', 'welding', 'nursing', 'vineyard', 'robotics', 'dual', 'apprentices', 'hotel', 'greenhouse'];

async function main(): Promise<void> {
  const engine = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';
  console.log(`Network benchmark on ${engine}: ${CENTRES.toLocaleString('en')} centres, ${RUNS} requests per measure; Node ${process.version}`);
  const t = await testDatabase({ starterContent: true });
  try {
    const db = t.database.db;
    const sectors = (await db.selectFrom('vocabulary_terms').select('slug').where('kind', '=', 'sectors').execute()).map((r) => r.slug);
    const owner = await user(t, { name: 'Bench Leader' });

    // The centres, written in bulk (the forms would take minutes), with their search documents.
    const filling = performance.now();
    const now = new Date().toISOString();
    const docs: ReturnType<typeof centreDocument>[] = [];
    for (let start = 0; start < CENTRES; start += 500) {
      await db.transaction().execute(async (trx) => {
        for (let i = start; i < Math.min(CENTRES, start + 500); i++) {
          const city = pick(places);
          const name = `${pick(focus)} ${pick(kinds)} ${city} ${i + 1}`;
          const row = {
            slug: `bench-centre-${i + 1}`,
            name,
            country: pick(countries),
            city,
            website: null,
            type: pick(centreTypes),
            description: `We train ${pick(focus).toLowerCase()} professionals with ${pick(noteWords)} and ${pick(noteWords)} close to employers.`,
            eqf_levels: JSON.stringify(some([3, 4, 5, 6], 1, 3).sort()),
            languages: JSON.stringify([...new Set(['en', pick(languageCodes)])]),
            logo: null,
            published: 1,
            erasmus_accredited: random() < 0.3 ? 1 : 0,
            ene_member: random() < 0.1 ? 1 : 0,
            created_by: owner.id,
            created_at: now,
            updated_at: now,
          };
          const { id } = await trx.insertInto('centres').values(row).returning('id').executeTakeFirstOrThrow();
          const mine = some(sectors, 1, 3);
          await trx
            .insertInto('centre_sectors')
            .values(mine.map((sector) => ({ centre_id: id, sector })))
            .execute();
          const offers = some(partnerTopics, 0, 4);
          const seeks = some(partnerTopics, 0, 3).filter((x) => !offers.includes(x));
          const topics = [
            ...offers.map((topic) => ({ centre_id: id, side: 'offers', topic, note: random() < 0.3 ? `${pick(noteWords)} ${pick(noteWords)}` : null })),
            ...seeks.map((topic) => ({ centre_id: id, side: 'seeks', topic, note: null })),
          ];
          if (topics.length) await trx.insertInto('centre_topics').values(topics).execute();
          const network = networkProfile({ offers: topics.filter((x) => x.side === 'offers'), seeks: topics.filter((x) => x.side === 'seeks') });
          docs.push(centreDocument({ ...row, id } as CentreRow, network));
        }
      });
    }
    const writer = createSearch(t.database);
    for (let i = 0; i < docs.length; i += 1000) await writer.index(docs.slice(i, i + 1000));
    // The leader's own centre, the one suggestions are asked for.
    await db
      .insertInto('centre_members')
      .values({ centre_id: 1, user_id: owner.id, role: 'admin', created_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    console.log(`  ${CENTRES.toLocaleString('en')} centres and their search documents written (${Math.round(performance.now() - filling)} ms)`);

    // The app as a server runs it: the content version and the directory's fingerprint re-read once a second.
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      BASE_URL: 'http://localhost:3000',
      SEARCH_RATE_BURST: '0',
      DATABASE_URL: t.url,
      ...(process.env.SEARCH_THREAD ? { SEARCH_THREAD: process.env.SEARCH_THREAD } : {}),
    });
    const app = await buildApp({ config, database: t.database, contentPollMs: Number(process.env.BENCH_POLL_MS ?? 1000) });
    try {
      const warming = performance.now();
      await app.warmSearch();
      const first = await app.inject({ url: '/en/centres' });
      if (first.statusCode !== 200) throw new Error(`directory: ${first.statusCode}`);
      console.log(`  search index warmed and the directory index built (${Math.round(performance.now() - warming)} ms)`);

      async function measure(label: string, urls: string[], headers: Record<string, string> = {}) {
        const samples: number[] = [];
        let results = 0;
        for (const url of urls) {
          const begin = performance.now();
          const res = await app.inject({ url, headers });
          samples.push(performance.now() - begin);
          if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
          results += Number(/Centres \d+–\d+ of (\d+)|(\d+) suggestions?|(1) centre/.exec(res.body)?.slice(1).find(Boolean) ?? 0);
        }
        const p = percentiles(samples);
        console.log(
          `  ${label}: p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, p99 ${ms(p.p99)}, max ${ms(p.max)} (${(results / urls.length).toFixed(0)} results on average)`,
        );
        return { ...p, results: results / urls.length };
      }

      // A word, and three filters: a country, a working language and what the centre offers.
      const words = [...new Set([...places, ...focus.flatMap((f) => f.split(' ')), ...noteWords])];
      const directoryUrls = Array.from({ length: RUNS }, (_, i) => {
        const q = new URLSearchParams({ q: pick(words) });
        q.append('country', pick(countries));
        q.append('language', 'en');
        q.append('offers', pick(partnerTopics));
        q.append('page', String(1 + (i % 2)));
        return `/en/centres?${q}`;
      });
      const directory = await measure('directory, a word and three filters, not cached', directoryUrls);
      const filtersOnly = await measure(
        'directory, three filters, no text, not cached',
        Array.from(
          { length: RUNS },
          (_, i) => `/en/centres?sector=${pick(sectors)}&eqf=${3 + (i % 4)}&seeks=${pick(partnerTopics)}&sort=updated&page=${1 + (i % 3)}`,
        ),
      );
      const map = await measure(
        'directory map, one filter, not cached',
        Array.from(
          { length: Math.min(RUNS, 100) },
          (_, i) => `/en/centres/map?offers=${partnerTopics[i % partnerTopics.length]}&sector=${sectors[i % sectors.length]}`,
        ),
      );

      const leader = await signIn({ app, get: (url: string) => app.inject({ url }) } as never, owner);
      const cookie = [...leader.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const suggestions = await measure(
        `suggested partners for one centre against ${CENTRES.toLocaleString('en')}`,
        Array.from({ length: RUNS }, (_, i) => `/en/account/centres/bench-centre-1/suggestions${i % 2 ? `?country=${pick(countries)}` : ''}`),
        { cookie },
      );

      const rows = [
        ['directory: a word + 3 filters, uncached', directory, `p99 ≤ ${TARGETS.directoryP99} ms`, directory.p99 <= TARGETS.directoryP99],
        ['directory: 3 filters, uncached', filtersOnly, `p99 ≤ ${TARGETS.directoryP99} ms`, filtersOnly.p99 <= TARGETS.directoryP99],
        ['directory map: 2 filters, uncached', map, '–', true],
        ['suggested partners (page)', suggestions, `p95 ≤ ${TARGETS.suggestionsP95} ms`, suggestions.p95 <= TARGETS.suggestionsP95],
      ] as const;
      const md = `# Network benchmark (${engine})

${new Date().toISOString()}, Node ${process.version}, ${CENTRES.toLocaleString('en')} centres, ${RUNS} requests per measure,
whole app in process (Fastify inject), one request at a time. \`node bench/network.ts\`.

| measure | p50 | p95 | p99 | max | target | |
| --- | --- | --- | --- | --- | --- | --- |
${rows.map(([name, p, target, met]) => `| ${name} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${ms(p.max)} | ${target} | ${met ? 'met' : 'MISSED'} |`).join('\n')}
`;
      mkdirSync(join(root, 'bench', 'results'), { recursive: true });
      writeFileSync(join(root, 'bench', 'results', `network-${engine}-latest.md`), md);
      console.log(`Written to bench/results/network-${engine}-latest.md`);
    } finally {
      await app.close();
    }
  } finally {
    await t.close();
  }
}

await main();
