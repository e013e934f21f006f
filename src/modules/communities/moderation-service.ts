import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { siteLang, type Lang } from '../../i18n/languages.ts';
import { translator } from '../../i18n/messages.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { Mailer } from '../accounts/mail.ts';
import { findUserByEmail, findUserById, type User } from '../accounts/repository.ts';
import { audit } from '../admin/repository.ts';
import { REVIEW_PER_PAGE, type FlagReason } from './lists.ts';
import * as repo from './repository.ts';
import type { CommunitiesService } from './service.ts';

// Moderation of communities: members flag posts (a post hides itself once enough different
// members flagged it, until a facilitator decides); facilitators and administrators approve the
// posts that wait, keep or remove flagged ones (a removal's reason is shown to its author and
// mailed to them), move topics between the communities they run and suspend members. Every
// decision goes to the audit log under the community's address. A flag open for 48 hours is
// reminded to the community's facilitators (or, without any, the administrators) by a recurring
// job, once, in one mail per person.

const mod = repo.moderation;

/** how long a flag waits before the facilitators are reminded of it */
export const REMIND_AFTER_MS = 48 * 3600_000;
export const FLAG_REMINDER_JOB = 'communities.flag-reminder';
/** every hour, at 53 minutes past (UTC) */
export const FLAG_REMINDER_CRON = '53 * * * *';

export type FlagOutcome = repo.moderation.FlagResult | 'forbidden' | 'own';
export type DecideOutcome = 'done' | 'missing' | 'forbidden' | 'decided';

export function moderationService(
  db: DB,
  o: {
    communities: CommunitiesService;
    mailer: Mailer;
    baseUrl: string;
    /** What everyone reads changed (a post hidden, removed, kept or approved): cached pages (site search results) must follow at once. */
    shownChanged: () => Promise<unknown>;
  },
) {
  const { communities } = o;
  const topicUrl = (lang: Lang, slug: string, topicId: number) => `${o.baseUrl}/${lang}/communities/${slug}/topics/${topicId}`;

  /** The community as the person sees it, with the post asked for; null when either is not theirs to see. */
  async function postFor(slug: string, postId: number, user: User) {
    const p = await communities.page(slug, user, 'en');
    if (!p || !p.read) return null;
    const post = await mod.postIn(db, p.row.id, postId);
    return post ? { p, post } : null;
  }

  /** Tells a post's author, in their language, that a facilitator removed it, and why. */
  async function tellAuthor(slug: string, authorId: number, topic: { id: number; title: string }, reason: string) {
    const author = await findUserById(db, authorId);
    const c = await communities.load(slug);
    if (!author || !c) return;
    const lang = siteLang(author.preferred_lang);
    const t = translator(lang);
    const community = (await communities.one(c, lang)).name.value;
    await o.mailer.send({
      to: author.email,
      subject: t('mail.communityRemoved.subject', { community }),
      body: t('mail.communityRemoved.body', { name: author.name, community, topic: topic.title, reason, link: topicUrl(lang, slug, topic.id) }),
    });
  }

  return {
    /** The flag form's post: null when the person may not flag it (not a member, their own, gone or already decided). */
    async flagTarget(slug: string, postId: number, user: User) {
      const found = await postFor(slug, postId, user);
      if (!found || !found.p.write || found.post.user_id === user.id) return null;
      if (found.post.status === 'waiting' || found.post.status === 'removed') return null;
      return { ...found, already: await mod.hasFlagged(db, postId, user.id) };
    },

    /** A member flags a post, with a reason (and a note, needed for "something else"). */
    async flag(slug: string, postId: number, user: User, f: { reason: FlagReason; note: string }): Promise<{ outcome: FlagOutcome; topicId?: number }> {
      const found = await postFor(slug, postId, user);
      if (!found) return { outcome: 'missing' };
      if (!found.p.write) return { outcome: 'forbidden' };
      if (found.post.user_id === user.id) return { outcome: 'own' };
      const outcome = await mod.flag(db, { postId, userId: user.id, reason: f.reason, note: f.note.trim() || null });
      // A hidden post's words leave the site search (and its cached results) until a facilitator keeps it.
      if (outcome === 'hidden') {
        await communities.indexTopic(found.post.topic_id);
        await o.shownChanged();
      }
      return { outcome, topicId: found.post.topic_id };
    },

    /** How many posts wait for a community's facilitators (the community page links to them). */
    waiting: (communityId: number) => mod.waitingIn(db, communityId),

    /** What waits for a community's facilitators; null for anyone else. */
    async queue(slug: string, user: User, lang: Lang) {
      const p = await communities.page(slug, user, lang);
      if (!p || !p.facilitate) return null;
      return { ...p, queue: await mod.reviewQueue(db, p.row.id, REVIEW_PER_PAGE) };
    },

    /** The post a facilitator is about to remove (for the page that asks for the reason). */
    async removeTarget(slug: string, postId: number, user: User) {
      const found = await postFor(slug, postId, user);
      if (!found || !found.p.facilitate || found.post.status === 'removed') return null;
      return found;
    },

    /** A facilitator's decision on a post: approve it, keep it despite its flags, or remove it with a reason. */
    async decide(
      slug: string,
      postId: number,
      user: User,
      decision: repo.moderation.Decision,
      reason = '',
    ): Promise<{ outcome: DecideOutcome; topicId?: number }> {
      const found = await postFor(slug, postId, user);
      if (!found) return { outcome: 'missing' };
      if (!found.p.facilitate) return { outcome: 'forbidden' };
      const done = await mod.decide(db, { postId, by: user.id, decision, ...(decision === 'remove' ? { reason: reason.trim() } : {}) });
      // Another facilitator decided first: nothing changed.
      if (!done) return { outcome: 'decided', topicId: found.post.topic_id };
      await audit(db, user, `community.post.${decision}`, slug, {
        post: postId,
        topic: done.topicId,
        ...(decision === 'remove' ? { reason: reason.trim() } : {}),
      });
      await communities.indexTopic(done.topicId);
      await o.shownChanged();
      if (decision === 'approve') await communities.postShown(postId);
      if (decision === 'remove' && done.userId !== null && done.userId !== user.id)
        await tellAuthor(slug, done.userId, { id: done.topicId, title: found.post.topic_title }, reason.trim());
      return { outcome: 'done', topicId: done.topicId };
    },

    /** A facilitator suspends a member (who then reads but does not write) or reinstates them; facilitators are not suspended here. */
    async suspend(slug: string, memberId: number, user: User, on: boolean): Promise<'done' | 'missing' | 'forbidden'> {
      const p = await communities.page(slug, user, 'en');
      if (!p) return 'missing';
      if (!p.facilitate) return 'forbidden';
      const m = await repo.membership(db, p.row.id, memberId);
      if (!m || m.role !== 'member' || m.status !== (on ? 'active' : 'suspended')) return 'missing';
      await repo.putMember(db, { communityId: p.row.id, userId: memberId, role: 'member', status: on ? 'suspended' : 'active', decidedBy: user.id });
      await audit(db, user, on ? 'community.member.suspend' : 'community.member.reinstate', slug, { member: memberId });
      return 'done';
    },

    /**
     * A facilitator invites someone with an account, by its address: they are listed as invited,
     * and a mail in their language leads them to the community, where joining accepts (whatever
     * the community's joining rule). Audited.
     */
    async invite(slug: string, user: User, email: string): Promise<'done' | 'missing' | 'forbidden' | 'no-account' | 'already'> {
      const p = await communities.page(slug, user, 'en');
      if (!p || p.community.archived) return 'missing';
      if (!p.facilitate) return 'forbidden';
      const person = await findUserByEmail(db, email);
      if (!person) return 'no-account';
      if (await repo.membership(db, p.row.id, person.id)) return 'already';
      await repo.putMember(db, { communityId: p.row.id, userId: person.id, role: 'member', status: 'invited', decidedBy: user.id });
      await audit(db, user, 'community.member.invite', slug, { member: person.id });
      const lang = siteLang(person.preferred_lang);
      const t = translator(lang);
      const name = (await communities.one(p.row, lang)).name.value;
      await o.mailer.send({
        to: person.email,
        subject: t('mail.communityInvite.subject', { community: name }),
        body: t('mail.communityInvite.body', { name: person.name, inviter: user.name, community: name, link: `${o.baseUrl}/${lang}/communities/${slug}/join` }),
      });
      return 'done';
    },

    /** The communities a facilitator may move a topic to: the others they run (administrators: every other one). */
    async moveTargets(slug: string, user: User, lang: Lang) {
      const rows = await repo.communities(db, { archived: false });
      const allowed = [];
      for (const c of rows) {
        if (c.slug === slug) continue;
        const p = await communities.page(c.slug, user, lang);
        if (p?.facilitate) allowed.push(p.community);
      }
      return allowed.sort((a, b) => a.name.value.localeCompare(b.name.value, lang));
    },

    /** Moves a topic to another community the facilitator runs; the topic's new community, or why not. */
    async move(slug: string, topicId: number, user: User, to: string): Promise<{ slug: string } | 'missing' | 'forbidden'> {
      const from = await communities.page(slug, user, 'en');
      if (!from || !from.read || !(await repo.topic(db, from.row.id, topicId))) return 'missing';
      const target = to === slug ? null : await communities.page(to, user, 'en');
      if (!from.facilitate || !target?.facilitate) return 'forbidden';
      await mod.moveTopic(db, topicId, target.row.id);
      await audit(db, user, 'community.topic.move', slug, { topic: topicId, to });
      await communities.indexTopic(topicId);
      return { slug: to };
    },

    /**
     * Reminds facilitators of flags open for 48 hours, once a flag: claims them (an instance that
     * finds them claimed already sends nothing) and queues one mail per person, naming each
     * community with how many flags wait there, in the same transaction.
     */
    async remindFlags(at = new Date()): Promise<number> {
      const due = await mod.flagsToRemind(db, new Date(at.getTime() - REMIND_AFTER_MS).toISOString());
      if (due.length === 0) return 0;
      const byCommunity = new Map<number, { slug: string; ids: number[] }>();
      for (const f of due) {
        const entry = byCommunity.get(f.community_id) ?? { slug: f.slug, ids: [] };
        entry.ids.push(f.id);
        byCommunity.set(f.community_id, entry);
      }
      // Each person's communities, from their own list of those they moderate.
      const people = new Map<number, { email: string; name: string; lang: Lang; lines: { slug: string; count: number }[] }>();
      for (const [communityId, entry] of byCommunity) {
        for (const m of await mod.moderators(db, communityId)) {
          const person = people.get(m.id) ?? { email: m.email, name: m.name, lang: siteLang(m.preferred_lang), lines: [] };
          person.lines.push({ slug: entry.slug, count: entry.ids.length });
          people.set(m.id, person);
        }
      }
      const names = new Map<string, string>();
      const nameIn = async (slug: string, lang: Lang) => {
        const key = `${lang}:${slug}`;
        if (!names.has(key)) {
          const c = await communities.load(slug);
          names.set(key, c ? (await communities.one(c, lang)).name.value : slug);
        }
        return names.get(key)!;
      };
      // Each person's mail is written before the transaction (which holds SQLite's one connection).
      const mails = await Promise.all(
        [...people.values()].map(async (person) => {
          const t = translator(person.lang);
          const lines = await Promise.all(
            person.lines.map(
              async (l) =>
                `- ${t('mail.communityFlags.line', { community: await nameIn(l.slug, person.lang), count: l.count })}\n  ${o.baseUrl}/${person.lang}/communities/${l.slug}/review`,
            ),
          );
          return {
            to: person.email,
            subject: t('mail.communityFlags.subject', { count: person.lines.reduce((n, l) => n + l.count, 0) }),
            body: t('mail.communityFlags.body', { name: person.name, lines: lines.join('\n') }),
          };
        }),
      );
      return db.transaction().execute(async (trx) => {
        const claimed = await mod.markReminded(
          trx,
          due.map((f) => f.id),
        );
        if (claimed < due.length) throw new Error('flags were reminded meanwhile by another run; trying again');
        for (const mail of mails) await o.mailer.send(mail, { trx });
        return people.size;
      });
    },
  };
}

export type ModerationService = ReturnType<typeof moderationService>;

export const flagReminderJob = (moderation: ModerationService): JobDefinition<Record<string, never>> => ({
  name: FLAG_REMINDER_JOB,
  payload: z.object({}).strict(),
  unique: true,
  retryLimit: 3,
  run: async () => {
    await moderation.remindFlags();
  },
});
