import type { DB } from '../../../db/database.ts';
import { languages, type Lang } from '../../../i18n/languages.ts';
import { translator } from '../../../i18n/messages.ts';
import { limits, rateLimiter, type Limited } from '../../../platform/rate-limits/rate-limits.ts';
import type { Mailer } from '../../accounts/mail.ts';
import type { User } from '../../accounts/repository.ts';
import { findCentre, findCentreById, membership, type CentreRow } from '../../centres/repository.ts';
import * as repo from './repository.ts';

// Conversations between centres. The rule that matters most: a conversation is read only by the
// members of its two centres. A platform administrator is no exception: they read a message only
// when a member reported it (reports()). Members of a centre share its conversations; each person
// has their own read state. A centre that blocked another gets nothing more from it. A notice
// goes by mail (the job queue) to the members of the centre written to, only when the message is
// the first they have not read, so a busy conversation is one mail, not many; it carries a link,
// never the text.

export type Access = 'admin' | 'member' | null;
// Policies.
export const canWrite = (access: Access) => access !== null;
export const canBlock = (access: Access) => access === 'admin';
export const canModerate = (user: User) => user.role === 'admin';

export interface MessagesDeps {
  mailer: Mailer;
  baseUrl: string;
}

export function messagesService(db: DB, deps: MessagesDeps) {
  const rates = rateLimiter(db);

  /** The centre and the person's role in it; null when they are not a member (administrators included). */
  async function asMember(user: User, slug: string): Promise<{ centre: CentreRow; access: Exclude<Access, null> } | null> {
    const centre = await findCentre(db, slug);
    if (!centre) return null;
    const role = (await membership(db, centre.id, user.id))?.role as Access | undefined;
    return role ? { centre, access: role } : null;
  }

  /** The conversation, when the centre takes part in it. */
  async function ofCentre(centreId: number, id: number) {
    const c = await repo.findConversation(db, id);
    return c && (c.from_centre === centreId || c.to_centre === centreId) ? c : null;
  }

  /** Mails the members of the centre written to who had read everything the writing centre sent before this message. */
  async function notify(conversation: repo.ConversationRow, from: CentreRow, to: number, author: number, message: number) {
    const other = await findCentreById(db, to);
    if (!other) return;
    for (const person of await repo.noticeRecipients(db, to)) {
      if (person.id === author) continue;
      if ((await repo.unreadBefore(db, conversation.id, person.id, from.id, message)) > 0) continue;
      const lang = (languages as readonly string[]).includes(person.preferred_lang) ? (person.preferred_lang as Lang) : 'en';
      const t = translator(lang);
      await deps.mailer.send({
        to: person.email,
        subject: t('mail.message.subject', { centre: from.name }),
        body: t('mail.message.body', {
          name: person.name,
          centre: from.name,
          subject: conversation.subject,
          link: `${deps.baseUrl}/${lang}/account/centres/${other.slug}/messages/${conversation.id}`,
        }),
      });
    }
  }

  return {
    asMember,

    async inbox(user: User, slug: string) {
      const m = await asMember(user, slug);
      if (!m) return null;
      return { ...m, conversations: await repo.inbox(db, m.centre.id, user.id) };
    },

    /** A conversation as one of its centres' members reads it; reading it marks it read. */
    async conversation(user: User, slug: string, id: number) {
      const m = await asMember(user, slug);
      if (!m) return null;
      const c = await ofCentre(m.centre.id, id);
      if (!c) return null;
      const otherId = c.from_centre === m.centre.id ? c.to_centre : c.from_centre;
      const [other, messages, weBlocked, theyBlocked] = await Promise.all([
        findCentreById(db, otherId),
        repo.messagesOf(db, c.id),
        repo.isBlocked(db, m.centre.id, otherId),
        repo.isBlocked(db, otherId, m.centre.id),
      ]);
      if (!other) return null;
      const last = messages.at(-1)?.id ?? 0;
      if (last) await repo.markRead(db, c.id, user.id, last);
      return { ...m, conversation: c, other, messages, weBlocked, theyBlocked };
    },

    /** The centre to write to, for the new-conversation form: not oneself, and not one that blocked the writer. */
    async recipient(user: User, slug: string, to: string): Promise<{ from: CentreRow; to: CentreRow } | 'missing' | 'self' | 'blocked'> {
      const m = await asMember(user, slug);
      const other = await findCentre(db, to);
      if (!m || !other || !other.published) return 'missing';
      if (other.id === m.centre.id) return 'self';
      if (await repo.isBlocked(db, other.id, m.centre.id)) return 'blocked';
      return { from: m.centre, to: other };
    },

    /**
     * Starts a conversation; limited per person and per centre a day. A reply to a partner request
     * names it, and `stillOpen` checks it in the same transaction ('closed': it took no more replies).
     */
    async start(
      user: User,
      slug: string,
      to: string,
      text: { subject: string; body: string },
      request: { id: number; stillOpen: (trx: DB) => Promise<boolean> } | null = null,
    ): Promise<{ id: number } | 'missing' | 'self' | 'blocked' | 'closed' | Limited> {
      const r = await this.recipient(user, slug, to);
      if (typeof r === 'string') return r;
      const limited =
        (await rates.count(`conversation:person:${user.id}`, limits.conversationsPerPerson)) ??
        (await rates.count(`conversation:centre:${r.from.id}`, limits.conversationsPerCentre));
      if (limited) return limited;
      const started = await repo.startConversation(
        db,
        { from: r.from.id, to: r.to.id, subject: text.subject, requestId: request?.id ?? null, userId: user.id, body: text.body },
        request?.stillOpen,
      );
      if (!started) return 'closed';
      const { id, messageId } = started;
      const c = (await repo.findConversation(db, id))!;
      await notify(c, r.from, r.to.id, user.id, messageId);
      return { id };
    },

    async reply(user: User, slug: string, id: number, body: string): Promise<'done' | 'missing' | 'blocked'> {
      const m = await asMember(user, slug);
      if (!m) return 'missing';
      const c = await ofCentre(m.centre.id, id);
      if (!c) return 'missing';
      const other = c.from_centre === m.centre.id ? c.to_centre : c.from_centre;
      // Blocked either way: the conversation is over.
      if ((await repo.isBlocked(db, other, m.centre.id)) || (await repo.isBlocked(db, m.centre.id, other))) return 'blocked';
      const { id: message } = await repo.addMessage(db, c.id, m.centre.id, user.id, body);
      await notify(c, m.centre, other, user.id, message);
      return 'done';
    },

    /** Blocks (or unblocks) the other centre of a conversation; the centre's administrators only. */
    async block(user: User, slug: string, id: number, on: boolean): Promise<'done' | 'missing' | 'forbidden'> {
      const m = await asMember(user, slug);
      if (!m) return 'missing';
      const c = await ofCentre(m.centre.id, id);
      if (!c) return 'missing';
      if (!canBlock(m.access)) return 'forbidden';
      await repo.setBlocked(db, m.centre.id, c.from_centre === m.centre.id ? c.to_centre : c.from_centre, on);
      return 'done';
    },

    /** Reports a message of the other centre to the administrators. */
    async report(user: User, slug: string, id: number, messageId: number, reason: string): Promise<'done' | 'missing'> {
      const m = await asMember(user, slug);
      if (!m) return 'missing';
      const c = await ofCentre(m.centre.id, id);
      if (!c) return 'missing';
      const message = (await repo.messagesOf(db, c.id)).find((x) => x.id === messageId && x.centre_id !== m.centre.id);
      if (!message) return 'missing';
      await repo.addReport(db, messageId, user.id, reason);
      return 'done';
    },

    /** Reported messages, for administrators: the only messages they can read. */
    reports: (user: User) => (canModerate(user) ? repo.openReports(db) : Promise.resolve(null)),
    resolve: async (user: User, id: number) => (canModerate(user) ? repo.resolveReport(db, id, user.id) : false),

    /** What a person wrote, for their data export. */
    exportFor: (userId: number) => repo.messagesBy(db, userId),
  };
}

export type MessagesService = ReturnType<typeof messagesService>;
