import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import * as repo from '../src/modules/communities/repository.ts';
import { createSearch } from '../src/modules/search/index.ts';
import type { SearchDocument } from '../src/modules/search/provider.ts';
import { plainText } from '../src/ui/markdown.ts';
import { community, user } from '../test/factories/index.ts';
import { testDatabase } from '../test/helpers/app.ts';
import { rng, sampler } from './synthetic.ts';
import { msText as ms, percentiles } from './tools.ts';

// node bench/communities.ts (part of npm run bench): issue 15's discussions. A topic of 500
// replies (its first page, its last, and kept to one language: target p95 under 30 ms), and the
// site search across 100,000 posts (10,000 topics of 10 posts in a public community), every
// search asked once. Through the whole app in this process (Fastify's inject), one request at a
// time, on SQLite, or PostgreSQL when DATABASE_URL names one. Writes
// bench/results/communities-<engine>-latest.md.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOPICS = Number(process.env.BENCH_TOPICS ?? 10_000);
const POSTS_PER_TOPIC = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const TARGETS = { topicP95: 30, searchP99: 30 };

const random = rng(1515);
const { pick } = sampler(random);
const words = ['apprentices', 'placement', 'tutor', 'workshop', 'kitchen', 'solar', 'welding', 'logbook', 'mentor', 'employer', 'curriculum', 'assessment'];
const sentence = () => Array.from({ length: 12 }, () => pick(words)).join(' ');
const langs = ['en', 'fr', 'ar', 'de'];

async function main(): Promise<void> {
  const engine = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';
  console.log(`Communities benchmark on ${engine}: a topic of 500 replies; ${(TOPICS * POSTS_PER_TOPIC).toLocaleString('en')} posts; Node ${process.version}`);
  const t = await testDatabase({ starterContent: true });
  try {
    const db = t.database.db;
    const writer = await user(t, { name: 'Bench Writer' });
    const search = createSearch(t.database);
    const communityId = await community(t, 'bench-practice');

    // The long topic, written as replies are (each in its own transaction).
    const long = await repo.createTopic(db, { communityId, userId: writer.id, title: 'A long discussion', body: sentence(), lang: 'en' });
    for (let i = 0; i < 500; i++)
      await repo.addReply(db, { topicId: long, userId: writer.id, body: `${sentence()}\n\n**${i}**`, lang: langs[i % langs.length]! });

    // 100,000 posts in bulk, and their topics' search documents as the service writes them.
    const filling = performance.now();
    const docs: SearchDocument[] = [];
    for (let start = 0; start < TOPICS; start += 500) {
      await db.transaction().execute(async (trx) => {
        for (let i = start; i < Math.min(TOPICS, start + 500); i++) {
          const at = new Date(Date.now() - i * 60_000).toISOString();
          const { id } = await trx
            .insertInto('community_topics')
            .values({
              community_id: communityId,
              user_id: writer.id,
              title: `Topic ${i} about ${pick(words)}`,
              lang: 'en',
              created_at: at,
              last_post_at: at,
              replies: POSTS_PER_TOPIC - 1,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const bodies = Array.from({ length: POSTS_PER_TOPIC }, () => sentence());
          await trx
            .insertInto('community_posts')
            .values(bodies.map((body) => ({ topic_id: id, user_id: writer.id, body, lang: 'en', created_at: at })))
            .execute();
          docs.push({
            kind: 'topic',
            communityId,
            ref: `topic:${id}:`,
            lang: 'en',
            title: `Topic ${i}`,
            body: bodies.map((b) => plainText(b)).join('\n'),
            path: `/communities/bench-practice/topics/${id}`,
          });
        }
      });
    }
    for (let i = 0; i < docs.length; i += 1000) await search.index(docs.slice(i, i + 1000));
    console.log(
      `  ${(TOPICS * POSTS_PER_TOPIC).toLocaleString('en')} posts and ${TOPICS.toLocaleString('en')} search documents written in ${Math.round(performance.now() - filling)} ms`,
    );

    // The app as a server runs it, with no search cache: every search is new.
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      BASE_URL: 'http://localhost:3000',
      SEARCH_RATE_BURST: '0',
      SEARCH_CACHE_ENTRIES: '0',
      DATABASE_URL: t.url,
    });
    const app = await buildApp({ config, database: t.database });
    try {
      await app.warmSearch();
      async function measure(label: string, urls: string[]) {
        const samples: number[] = [];
        for (const url of urls) {
          const begin = performance.now();
          const res = await app.inject({ url });
          samples.push(performance.now() - begin);
          if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
        }
        const p = percentiles(samples);
        console.log(`  ${label}: p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, p99 ${ms(p.p99)}, max ${ms(p.max)}`);
        return p;
      }
      const topicBase = `/en/communities/bench-practice/topics/${long}`;
      const first = await measure(
        'topic of 500 replies, first page',
        Array.from({ length: RUNS }, () => topicBase),
      );
      const last = await measure(
        'topic of 500 replies, last page',
        Array.from({ length: RUNS }, () => `${topicBase}?page=11`),
      );
      const oneLang = await measure(
        'topic of 500 replies, French posts only',
        Array.from({ length: RUNS }, () => `${topicBase}?lang=fr`),
      );
      const community = await measure(
        `the community page (${(TOPICS + 1).toLocaleString('en')} topics)`,
        Array.from({ length: RUNS }, (_, i) => `/en/communities/bench-practice?page=${1 + (i % 50)}`),
      );
      // Every search once (a word, or two, and a page), so none comes from a cache.
      const searches = await measure(
        `site search over ${(TOPICS * POSTS_PER_TOPIC).toLocaleString('en')} posts, not cached`,
        Array.from({ length: RUNS }, (_, i) => `/en/search?q=${encodeURIComponent(i % 3 ? `${pick(words)} ${pick(words)}` : pick(words))}&page=${1 + (i % 5)}`),
      );

      // The same searches kept to the community (its filter), every one asked once.
      const within = await measure(
        `search within the community (${(TOPICS * POSTS_PER_TOPIC).toLocaleString('en')} posts), not cached`,
        Array.from(
          { length: RUNS },
          (_, i) => `/en/communities/bench-practice/search?q=${encodeURIComponent(i % 3 ? `${pick(words)} ${pick(words)}` : pick(words))}&page=${1 + (i % 5)}`,
        ),
      );

      const row = (name: string, p: ReturnType<typeof percentiles>, target: string) => `| ${name} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${target} |`;
      const md = `# Communities (bench/communities.ts)

${new Date().toISOString()} · ${engine} · Node ${process.version} · ${RUNS} requests per measure, one at a time, through the
whole app in process (Fastify inject). \`node bench/communities.ts\`.

| measure | p50 | p95 | p99 | target |
| --- | --- | --- | --- | --- |
${row('topic of 500 replies, first page (50 posts)', first, `p95 < ${TARGETS.topicP95} ms: ${first.p95 < TARGETS.topicP95 ? 'met' : 'NOT met'}`)}
${row('topic of 500 replies, last page', last, `p95 < ${TARGETS.topicP95} ms: ${last.p95 < TARGETS.topicP95 ? 'met' : 'NOT met'}`)}
${row('topic of 500 replies, one language kept', oneLang, `p95 < ${TARGETS.topicP95} ms: ${oneLang.p95 < TARGETS.topicP95 ? 'met' : 'NOT met'}`)}
${row(`community page (${(TOPICS + 1).toLocaleString('en')} topics)`, community, '–')}
${row(`site search over ${(TOPICS * POSTS_PER_TOPIC).toLocaleString('en')} posts, not cached`, searches, `p99 < ${TARGETS.searchP99} ms: ${searches.p99 < TARGETS.searchP99 ? 'met' : 'NOT met'}`)}
${row(`search within the community, ${(TOPICS * POSTS_PER_TOPIC).toLocaleString('en')} posts, not cached`, within, `p99 < ${TARGETS.searchP99} ms: ${within.p99 < TARGETS.searchP99 ? 'met' : 'NOT met'}`)}
`;
      mkdirSync(join(root, 'bench', 'results'), { recursive: true });
      writeFileSync(join(root, 'bench', 'results', `communities-${engine}-latest.md`), md);
      console.log(`Written to bench/results/communities-${engine}-latest.md`);
    } finally {
      await app.close();
    }
  } finally {
    await t.close();
  }
}

await main();
