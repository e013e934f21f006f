import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createMailer } from '../src/modules/accounts/mail.ts';
import { digestService } from '../src/modules/communities/digest.ts';
import { community } from '../test/factories/index.ts';
import { testDatabase } from '../test/helpers/app.ts';
import { rng, sampler } from './synthetic.ts';

// node bench/digest.ts (part of npm run bench): issue 15's daily digest for 10,000 members, built
// and queued (target under 60 s). Five communities; every member is in one to three of them and
// chose a daily digest a day and a half ago; they were last seen two days ago, one in ten muted
// one of their communities. Over the last day 400 topics got 2,500 posts from 200 writers among
// them. The measure is one run of the digest job's work (digests.run): the one read of the new
// posts, the members' communities and levels, every mail written, claimed and queued, in
// slices of 500 people a transaction. On SQLite, or PostgreSQL when DATABASE_URL names one.
// Writes bench/results/digest-<engine>-latest.md.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const TOPICS = 400;
const POSTS = 2_500;
const WRITERS = 200;
const TARGET_S = 60;
const DAY = 86_400_000;

const random = rng(2727);
const { pick } = sampler(random);
const words = ['apprentices', 'placement', 'tutor', 'workshop', 'kitchen', 'solar', 'welding', 'logbook', 'mentor', 'employer'];

async function main(): Promise<void> {
  const engine = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';
  console.log(`Digest benchmark on ${engine}: ${MEMBERS.toLocaleString('en')} members with a daily digest; Node ${process.version}`);
  const t = await testDatabase({ starterContent: true });
  try {
    const db = t.database.db;
    const filling = performance.now();
    const communities: number[] = [];
    for (let i = 0; i < 5; i++) communities.push(await community(t, `digest-bench-${i}`));
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();

    // The members, their memberships, levels and digests, in bulk.
    const ids: number[] = [];
    for (let start = 0; start < MEMBERS; start += 500) {
      await db.transaction().execute(async (trx) => {
        const rows = await trx
          .insertInto('users')
          .values(
            Array.from({ length: Math.min(500, MEMBERS - start) }, (_, k) => ({
              email: `member${start + k}@digest.example`,
              email_confirmed_at: iso(now - 30 * DAY),
              password_hash: 'never-signs-in',
              name: `Member ${start + k}`,
              role: 'member',
              preferred_lang: pick(['en', 'fr', 'ar', 'ru', 'uk']),
              created_at: iso(now - 30 * DAY),
              updated_at: iso(now - 30 * DAY),
              last_seen_at: iso(now - 2 * DAY),
            })),
          )
          .returning('id')
          .execute();
        const members = [];
        const levels = [];
        for (const { id } of rows) {
          ids.push(id);
          const mine = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(communities)));
          for (const communityId of mine)
            members.push({ community_id: communityId, user_id: id, role: 'member', status: 'active', created_at: iso(now - 20 * DAY) });
          if (random() < 0.1) levels.push({ user_id: id, community_id: [...mine][0]!, topic_id: null, level: 'muted', updated_at: iso(now - 10 * DAY) });
        }
        await trx.insertInto('community_members').values(members).execute();
        if (levels.length) await trx.insertInto('community_levels').values(levels).execute();
        await trx
          .insertInto('mail_digests')
          .values(rows.map(({ id }) => ({ user_id: id, frequency: 'daily', last_sent_at: iso(now - 1.5 * DAY), updated_at: iso(now - 1.5 * DAY) })))
          .execute();
      });
    }

    // The last day's discussions: 400 topics and 2,500 posts from 200 of the members.
    const writers = ids.slice(0, WRITERS);
    await db.transaction().execute(async (trx) => {
      const topics: { id: number; at: number }[] = [];
      for (let i = 0; i < TOPICS; i++) {
        const at = now - random() * DAY;
        const { id } = await trx
          .insertInto('community_topics')
          .values({
            community_id: pick(communities),
            user_id: pick(writers),
            title: `${pick(words)} and ${pick(words)}: topic ${i}`,
            lang: 'en',
            created_at: iso(at),
            last_post_at: iso(at),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        topics.push({ id, at });
        await trx
          .insertInto('community_posts')
          .values({ topic_id: id, user_id: pick(writers), body: 'Opening post.', lang: 'en', created_at: iso(at) })
          .execute();
      }
      const replies = [];
      for (let i = TOPICS; i < POSTS; i++) {
        const topic = pick(topics);
        replies.push({ topic_id: topic.id, user_id: pick(writers), body: 'A reply.', lang: 'en', created_at: iso(topic.at + random() * (now - topic.at)) });
      }
      for (let i = 0; i < replies.length; i += 500)
        await trx
          .insertInto('community_posts')
          .values(replies.slice(i, i + 500))
          .execute();
    });
    if (engine === 'postgres') await sql`analyze`.execute(db);
    console.log(`  ${MEMBERS.toLocaleString('en')} members, ${POSTS.toLocaleString('en')} posts written in ${Math.round(performance.now() - filling)} ms`);

    // The app's job queue (not working: the mails wait in it), and the digests as the job builds them.
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:3000', DATABASE_URL: t.url });
    const app = await buildApp({ config, database: t.database });
    try {
      const digests = digestService(db, { mailer: createMailer(app.jobs), baseUrl: config.baseUrl, secret: 'bench secret' });
      const began = performance.now();
      const result = await digests.run();
      const seconds = (performance.now() - began) / 1000;
      const queued = (await app.jobs.counts()).filter((c) => c.name === 'mail').reduce((n, c) => n + c.count, 0);
      const again = await digests.run();
      console.log(
        `  digest run: ${result.due.toLocaleString('en')} due, ${result.mailed.toLocaleString('en')} mails queued in ${seconds.toFixed(1)} s; a second run: ${again.due} due`,
      );
      if (result.due !== MEMBERS || queued < result.mailed || again.due !== 0) throw new Error(`unexpected: ${JSON.stringify({ result, queued, again })}`);

      const md = `# Daily digest (bench/digest.ts)

${new Date().toISOString()} · ${engine} · Node ${process.version} · \`node bench/digest.ts\`

${MEMBERS.toLocaleString('en')} members in five communities (one to three each, one in ten muting one), each with a daily
digest due and away for two days; ${TOPICS} topics and ${POSTS.toLocaleString('en')} posts in the last day. One run of the
digest job's work: read, build, claim and queue every mail.

| measure | result | target |
| --- | --- | --- |
| people due | ${result.due.toLocaleString('en')} | – |
| mails built and queued | ${result.mailed.toLocaleString('en')} | – |
| time | ${seconds.toFixed(1)} s | < ${TARGET_S} s: ${seconds < TARGET_S ? 'met' : 'NOT met'} |
| people due on a second run | ${again.due} | 0 |
`;
      mkdirSync(join(root, 'bench', 'results'), { recursive: true });
      writeFileSync(join(root, 'bench', 'results', `digest-${engine}-latest.md`), md);
      console.log(`Written to bench/results/digest-${engine}-latest.md`);
    } finally {
      await app.close();
    }
  } finally {
    await t.close();
  }
}

await main();
