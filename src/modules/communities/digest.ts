import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { siteLang, type Lang } from '../../i18n/languages.ts';
import { localise } from '../../i18n/localise.ts';
import { translator } from '../../i18n/messages.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { Mail, Mailer } from '../accounts/mail.ts';
import type { Frequency } from './lists.ts';
import * as repo from './repository.ts';

// Digests: a mail, daily or weekly as each person chooses (none until they do), of what is new in
// their communities. It goes only to people who are away: no visit for a whole period (a visit is
// any signed-in page, kept in users.last_seen_at), and no digest in it. It lists what came after
// the later of their last digest and their last visit, so nothing they saw comes back: per
// community, the topics with the most new posts by others, shown to everyone, leaving out what
// they muted (a topic's own level wins over its community's, as for notifications). An hourly job builds them all from one read of the new posts,
// in slices of people: each slice claims its people (their last digest moves to now, mail or not)
// and queues their mails in one transaction, so a digest goes once even when two instances run.
// Every mail carries a signed link that turns the digest off without signing in (valid
// OFF_LINK_DAYS), also as List-Unsubscribe with one-click POST (RFC 8058) for mail programs.

export const DIGEST_JOB = 'communities.digest';
/** every hour, at 23 minutes past (UTC) */
export const DIGEST_CRON = '23 * * * *';
export const DAY_MS = 86_400_000;
export const PERIOD_MS: Record<Frequency, number> = { daily: DAY_MS, weekly: 7 * DAY_MS };
/**
 * A digest may run this much before its full period is over: the hourly job's run a day later
 * comes a few seconds "early" against the last one, and must still count. Less than the hour
 * between runs, so the run an hour before never does, and a daily digest keeps its hour.
 */
const EARLY_MS = 30 * 60_000;
/** how long a digest's link to turn it off works */
export const OFF_LINK_DAYS = 60;
/** people built and claimed in one transaction */
const SLICE = 500;
const TOPICS_PER_COMMUNITY = 5;
const TOPICS_PER_MAIL = 25;

/**
 * The signed link that turns a person's digest off: their id, the last day it works and a MAC of
 * both with the server's secret, so it cannot be made for someone else or stretched.
 */
export function digestLinks(secret: string) {
  const mac = (userId: number, until: number) =>
    createHmac('sha256', secret).update(`digest-off:${userId}:${until}`).digest().subarray(0, 18).toString('base64url');
  return {
    token(userId: number, at = new Date()): string {
      const until = Math.floor(at.getTime() / DAY_MS) + OFF_LINK_DAYS;
      return `${userId}.${until}.${mac(userId, until)}`;
    },
    /** The person a token was made for; 'expired' when it is theirs but too old; null when this server never made it. */
    read(token: string, at = new Date()): number | 'expired' | null {
      const m = /^(\d{1,10})\.(\d{1,7})\.([A-Za-z0-9_-]{24})$/.exec(token);
      if (!m) return null;
      const userId = Number(m[1]);
      const until = Number(m[2]);
      if (!timingSafeEqual(Buffer.from(mac(userId, until)), Buffer.from(m[3]!))) return null;
      return Math.floor(at.getTime() / DAY_MS) > until ? 'expired' : userId;
    },
  };
}

/** a person's levels, per community and per topic (no entry: normal, or the community's) */
interface Levels {
  communities: Map<number, string>;
  topics: Map<number, string>;
}

interface TopicActivity {
  id: number;
  slug: string;
  title: string;
  lang: string;
  createdAt: string;
  /** its new posts, the oldest first (the first is the opening post when the topic is new) */
  posts: { authorId: number | null; createdAt: string }[];
}

/** One topic's lines for one person: how many posts others wrote after `since`; null when none. */
function freshIn(topic: TopicActivity, userId: number, since: string): { topic: TopicActivity; count: number; isNew: boolean } | null {
  let count = 0;
  for (const p of topic.posts) if (p.createdAt > since && p.authorId !== userId) count++;
  if (count === 0) return null;
  return { topic, count, isNew: topic.createdAt > since && topic.posts[0]?.authorId !== userId };
}

export function digestService(db: DB, o: { mailer: Mailer; baseUrl: string; secret: string }) {
  const links = digestLinks(o.secret);

  /** The moments a daily and a weekly digest's last run and the person's last visit must be before. */
  const dueBefore = (at: Date): repo.digest.DueBefore => ({
    daily: new Date(at.getTime() - PERIOD_MS.daily + EARLY_MS).toISOString(),
    weekly: new Date(at.getTime() - PERIOD_MS.weekly + EARLY_MS).toISOString(),
  });

  /** What is new, per community and topic, from one read of the posts written after `since`. */
  async function activity(since: string) {
    const byCommunity = new Map<number, Map<number, TopicActivity>>();
    for (const p of await repo.digest.postsSince(db, since)) {
      const topics = byCommunity.get(p.communityId) ?? new Map<number, TopicActivity>();
      byCommunity.set(p.communityId, topics);
      const topic = topics.get(p.topicId) ?? { id: p.topicId, slug: p.slug, title: p.title, lang: p.topicLang, createdAt: p.topicCreatedAt, posts: [] };
      topics.set(p.topicId, topic);
      topic.posts.push({ authorId: p.authorId, createdAt: p.createdAt });
    }
    const texts = byCommunity.size ? await repo.translations(db, [...byCommunity.keys()]) : [];
    const names = new Map<string, string>();
    /** A community's name in a language, or in English where it has none there. */
    const nameIn = (communityId: number, lang: Lang): string => {
      const key = `${communityId}:${lang}`;
      if (!names.has(key))
        names.set(
          key,
          localise(
            texts.filter((x) => x.community_id === communityId),
            lang,
            ['name'],
          ).name?.value ?? '',
        );
      return names.get(key)!;
    };
    return { byCommunity, nameIn };
  }

  /** One person's digest, or null when nothing is new for them. */
  function mailFor(d: repo.digest.DueDigest, communityIds: number[], levels: Levels, news: Awaited<ReturnType<typeof activity>>, at: Date): Mail | null {
    const since = d.lastSeenAt !== null && d.lastSeenAt > d.lastSentAt ? d.lastSeenAt : d.lastSentAt;
    const lang = siteLang(d.lang);
    const t = translator(lang);
    const sections: string[] = [];
    let posts = 0;
    let listed = 0;
    const communities = communityIds
      .filter((id) => news.byCommunity.has(id))
      .map((id) => ({ id, name: news.nameIn(id, lang) }))
      .sort((a, b) => a.name.localeCompare(b.name, lang));
    for (const c of communities) {
      const fresh = [...news.byCommunity.get(c.id)!.values()]
        .filter((topic) => (levels.topics.get(topic.id) ?? levels.communities.get(c.id)) !== 'muted')
        .map((topic) => freshIn(topic, d.userId, since))
        .filter((x) => x !== null)
        .sort((a, b) => b.count - a.count || b.topic.id - a.topic.id);
      if (fresh.length === 0) continue;
      posts += fresh.reduce((n, f) => n + f.count, 0);
      const room = Math.max(0, Math.min(TOPICS_PER_COMMUNITY, TOPICS_PER_MAIL - listed));
      const shown = fresh.slice(0, room);
      listed += shown.length;
      const slug = shown[0]?.topic.slug ?? fresh[0]!.topic.slug;
      const lines = shown.map(
        (f) =>
          `- ${t(f.isNew ? 'mail.digest.newTopic' : 'mail.digest.topic', { topic: f.topic.title, count: f.count })}\n  ${o.baseUrl}/${lang}/communities/${slug}/topics/${f.topic.id}`,
      );
      const more = fresh.length - shown.length;
      if (more > 0) lines.push(t('mail.digest.more', { count: more, link: `${o.baseUrl}/${lang}/communities/${slug}` }));
      sections.push(`${c.name}\n${lines.join('\n')}`);
    }
    if (sections.length === 0) return null;
    const off = `${o.baseUrl}/${lang}/account/notifications/digest/off?t=${links.token(d.userId, at)}`;
    return {
      to: d.email,
      subject: t(`mail.digest.subject.${d.frequency}`, { count: posts }),
      body: t('mail.digest.body', {
        name: d.name,
        since: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(since)),
        sections: sections.join('\n\n'),
        frequency: d.frequency,
        off,
        settings: `${o.baseUrl}/${lang}/account/notifications#digest`,
      }),
      headers: { 'List-Unsubscribe': `<${off}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }

  return {
    links,
    settings: (userId: number) => repo.digest.digestOf(db, userId),
    choose: (userId: number, frequency: Frequency | null) => repo.digest.setDigest(db, userId, frequency),

    /** Sends the digests due at `at`: how many people were due, and how many got a mail (the others had nothing new). */
    async run(at = new Date()): Promise<{ due: number; mailed: number }> {
      const before = dueBefore(at);
      const due = await repo.digest.due(db, before);
      if (due.length === 0) return { due: 0, mailed: 0 };
      const earliest = due.reduce((min, d) => {
        const since = d.lastSeenAt !== null && d.lastSeenAt > d.lastSentAt ? d.lastSeenAt : d.lastSentAt;
        return since < min ? since : min;
      }, at.toISOString());
      const news = await activity(earliest);
      let mailed = 0;
      for (let i = 0; i < due.length; i += SLICE) {
        const slice = due.slice(i, i + SLICE);
        const ids = slice.map((d) => d.userId);
        const [memberships, chosen] = await Promise.all([repo.digest.memberships(db, ids), repo.digest.levels(db, ids)]);
        const communitiesOf = new Map<number, number[]>();
        for (const m of memberships) communitiesOf.set(m.user_id, [...(communitiesOf.get(m.user_id) ?? []), m.community_id]);
        const levelsOf = new Map<number, Levels>();
        for (const l of chosen) {
          const mine = levelsOf.get(l.user_id) ?? { communities: new Map<number, string>(), topics: new Map<number, string>() };
          if (l.topic_id === null) mine.communities.set(l.community_id, l.level);
          else mine.topics.set(l.topic_id, l.level);
          levelsOf.set(l.user_id, mine);
        }
        const none: Levels = { communities: new Map(), topics: new Map() };
        const mails = new Map<number, Mail>();
        for (const d of slice) {
          const mail = mailFor(d, communitiesOf.get(d.userId) ?? [], levelsOf.get(d.userId) ?? none, news, at);
          if (mail) mails.set(d.userId, mail);
        }
        // Built before the transaction, which holds SQLite's one connection.
        mailed += await db.transaction().execute(async (trx) => {
          let sent = 0;
          for (const userId of await repo.digest.claim(trx, ids, at.toISOString(), before)) {
            const mail = mails.get(userId);
            if (!mail) continue;
            await o.mailer.send(mail, { trx });
            sent++;
          }
          return sent;
        });
      }
      return { due: due.length, mailed };
    },
  };
}

export type DigestService = ReturnType<typeof digestService>;

export const digestJob = (digests: DigestService): JobDefinition<Record<string, never>> => ({
  name: DIGEST_JOB,
  payload: z.object({}).strict(),
  unique: true,
  retryLimit: 3,
  // 10,000 people take 3 s on SQLite and 10 s on PostgreSQL (bench/digest.ts); far more still finish well within this.
  expireInSeconds: 900,
  run: async () => {
    await digests.run();
  },
});
