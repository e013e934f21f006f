import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { siteLang } from '../../i18n/languages.ts';
import { translator } from '../../i18n/messages.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/queue.ts';
import type { User } from '../accounts/repository.ts';
import type { Mailer } from '../accounts/mail.ts';
import { audit } from '../admin/repository.ts';
import * as repo from './repository/events.ts';
import * as regs from './repository/registrations.ts';
import type { EventsService } from './service.ts';
import { moment, timeRange, zoneName } from './times.ts';

// Registering for events, and what it tells people. With an account or without one (a name and an
// address); each registration has a link of its own (signed with the server's secret) to see it,
// confirm an offered place or cancel, which the confirmation mail carries. Every change runs in a
// transaction that holds the event's places (repository/registrations.ts), and its mails are
// queued in the same transaction, so they go only if it commits. Reminders a day and an hour
// before, and offers let lapse, are the work of one job every five minutes.

export const TICK_JOB = 'events.tick';
export const TICK_CRON = '*/5 * * * *';
export const ANNOUNCE_JOB = 'events.announce';

export type Who = { user: User } | { token: string };

export function registrationsService(db: DB, o: { events: EventsService; mailer: Mailer; jobs: Pick<JobQueue, 'enqueue'>; baseUrl: string; secret: string }) {
  const sign = (id: number) => createHmac('sha256', o.secret).update(`event-registration:${id}`).digest('base64url').slice(0, 32);
  const valid = (id: number, token: string) => {
    const want = Buffer.from(sign(id));
    const got = Buffer.from(token);
    return got.length === want.length && timingSafeEqual(got, want);
  };
  const link = (lang: string, slug: string, id: number) => `${o.baseUrl}/${lang}/events/${slug}/registrations/${id}?t=${sign(id)}`;

  /** Queues one mail about an event, in the person's language, inside the transaction. */
  async function tell(
    trx: DB,
    to: { email: string; name: string; lang: string; id?: number },
    ev: repo.EventRow,
    kind: string,
    values: Record<string, string | number> = {},
  ) {
    const lang = siteLang(to.lang);
    const t = translator(lang);
    const texts = await repo.texts(trx, [ev.id]);
    const own = texts.find((x) => x.lang === lang) ?? texts.find((x) => x.lang === 'en') ?? texts[0];
    const event = own?.title ?? ev.slug;
    const when = `${timeRange(lang, ev.time_zone, ev.starts_at, ev.ends_at)} (${zoneName(lang, ev.time_zone, ev.starts_at)})`;
    const manage = to.id === undefined ? `${o.baseUrl}/${lang}/events/${ev.slug}` : link(lang, ev.slug, to.id);
    const all = { name: to.name, event, when, link: manage, ...values };
    await o.mailer.send({ to: to.email, subject: t(`mail.event.${kind}.subject`, all), body: t(`mail.event.${kind}.body`, all) }, { trx });
  }

  /** Tells the people a change gave a place (or the offer of one). */
  async function tellPromoted(trx: DB, ev: repo.EventRow, promoted: regs.Promoted[]) {
    for (const p of promoted)
      await tell(
        trx,
        p,
        ev,
        p.status === 'offered' ? 'offered' : 'promoted',
        p.offeredUntil ? { until: moment(siteLang(p.lang), ev.time_zone, p.offeredUntil) } : {},
      );
  }

  /** A registration by its id, when the person holds it (their account, or its link). */
  async function held(id: number, who: Who) {
    const reg = await regs.get(db, id);
    if (!reg) return null;
    const ok = 'token' in who ? valid(id, who.token) : reg.userId === who.user.id;
    if (!ok) return null;
    const ev = await repo.byId(db, reg.eventId);
    return ev ? { reg, ev } : null;
  }

  return {
    sign,

    async register(slug: string, a: regs.Applicant, now = new Date()) {
      const ev = await repo.bySlug(db, slug);
      if (!ev) return { outcome: 'missing' as const };
      return db.transaction().execute(async (trx) => {
        const r = await regs.register(trx, ev.id, a, now);
        if (r.outcome === 'registered' || r.outcome === 'waiting' || r.outcome === 'pending') {
          const values: Record<string, number> = r.outcome === 'waiting' ? { position: await regs.position(trx, r.registration) } : {};
          await tell(trx, { ...a, id: r.registration.id }, ev, r.outcome, values);
        }
        return r;
      });
    },

    /** The person's live registration for an event (signed in), with their place in line. */
    async mine(eventId: number, user: User) {
      const reg = await regs.liveOf(db, eventId, user.email.toLowerCase());
      if (!reg) return null;
      return { reg, position: reg.status === 'waiting' ? await regs.position(db, reg) : null };
    },

    /** A registration for its own page (the account's, or its link's), with its place in line. */
    async view(id: number, who: Who) {
      const found = await held(id, who);
      if (!found) return null;
      return { ...found, position: found.reg.status === 'waiting' ? await regs.position(db, found.reg) : null };
    },

    async cancel(id: number, who: Who, now = new Date()): Promise<'done' | 'missing'> {
      const found = await held(id, who);
      if (!found) return 'missing';
      return db.transaction().execute(async (trx) => {
        const r = await regs.cancel(trx, id, now);
        if (r.outcome === 'done') await tellPromoted(trx, found.ev, r.promoted);
        return r.outcome;
      });
    },

    async confirm(id: number, who: Who, now = new Date()): Promise<'done' | 'missing'> {
      const found = await held(id, who);
      if (!found) return 'missing';
      return db.transaction().execute((trx) => regs.confirmOffer(trx, id, now));
    },

    /** The organiser accepts or declines a pending registration (declining also frees a place held). */
    async decide(slug: string, id: number, user: User, accept: boolean, now = new Date()): Promise<'done' | 'missing'> {
      const ev = await repo.bySlug(db, slug);
      const reg = await regs.get(db, id);
      if (!ev || !reg || reg.eventId !== ev.id || !(await o.events.manages(ev, user))) return 'missing';
      return db.transaction().execute(async (trx) => {
        if (accept) {
          const r = await regs.approve(trx, id, now);
          if (r === 'missing') return 'missing';
          await tell(trx, { ...reg, id }, ev, r === 'registered' ? 'accepted' : 'waiting', r === 'waiting' ? { position: await regs.position(trx, reg) } : {});
        } else {
          const r = await regs.cancel(trx, id, now, 'declined');
          if (r.outcome === 'missing') return 'missing';
          await tell(trx, reg, ev, 'declined');
          await tellPromoted(trx, ev, r.promoted);
        }
        await audit(trx, user, accept ? 'event.accepted' : 'event.declined', ev.slug, { registration: id });
        return 'done';
      });
    },

    /** The organiser's list of an event's live registrations. */
    async participants(slug: string, user: User) {
      const ev = await repo.bySlug(db, slug);
      if (!ev || !(await o.events.manages(ev, user))) return null;
      return { ev, people: await regs.participants(db, ev.id) };
    },

    /** The organiser writes to everyone registered, offered, pending or waiting: one mail each, by the queue. */
    async announce(slug: string, user: User, message: { subject: string; body: string }): Promise<'done' | 'missing'> {
      const ev = await repo.bySlug(db, slug);
      if (!ev || !(await o.events.manages(ev, user))) return 'missing';
      await o.jobs.enqueue(ANNOUNCE_JOB, { eventId: ev.id, ...message });
      await audit(db, user, 'event.announced', ev.slug, { subject: message.subject });
      return 'done';
    },

    /** Cancels the whole event: everyone registered or waiting is told, with the reason. */
    async cancelEvent(slug: string, user: User, reason: string, now = new Date()): Promise<'done' | 'missing'> {
      const ev = await repo.bySlug(db, slug);
      if (!ev || !(await o.events.manages(ev, user))) return 'missing';
      return db.transaction().execute(async (trx) => {
        if (!(await repo.cancelEvent(trx, ev.id, reason, now))) return 'missing';
        for (const p of await regs.recipients(trx, ev.id)) await tell(trx, p, ev, 'cancelled', { reason });
        await audit(trx, user, 'event.cancelled', ev.slug, { reason });
        return 'done';
      });
    },

    /** After the organiser changed the event: its new capacity or quotas may free places. */
    async changed(eventId: number, now = new Date()) {
      const ev = await repo.byId(db, eventId);
      if (!ev) return;
      await db.transaction().execute(async (trx) => tellPromoted(trx, ev, await regs.fill(trx, eventId, now)));
    },

    /** The five-minute tick: reminders a day and an hour before, and offers let lapse. */
    async tick(now = new Date()) {
      for (const [which, ahead, kind] of [
        ['reminded_day_at', 24 * 3_600_000, 'reminderDay'],
        ['reminded_hour_at', 3_600_000, 'reminderHour'],
      ] as const) {
        await db.transaction().execute(async (trx) => {
          for (const id of await repo.dueReminders(trx, which, now, ahead)) {
            const ev = (await repo.byId(trx, id))!;
            for (const p of await regs.recipients(trx, id))
              if (p.status === 'registered' || p.status === 'offered') await tell(trx, p, ev, kind, { join: ev.join_url ?? '' });
          }
        });
      }
      for (const id of await regs.lapsedOffers(db, now, 100)) {
        await db.transaction().execute(async (trx) => {
          const reg = await regs.get(trx, id);
          const ev = reg ? await repo.byId(trx, reg.eventId) : undefined;
          const r = await regs.cancel(trx, id, now);
          if (ev && r.outcome === 'done') {
            await tell(trx, { ...reg!, id }, ev, 'lapsed');
            await tellPromoted(trx, ev, r.promoted);
          }
        });
      }
    },

    /** The announcement job's work: one mail for each person to tell. */
    async sendAnnouncement(eventId: number, message: { subject: string; body: string }) {
      const ev = await repo.byId(db, eventId);
      if (!ev) return;
      await db.transaction().execute(async (trx) => {
        for (const p of await regs.recipients(trx, eventId)) await tell(trx, p, ev, 'announcement', message);
      });
    },
  };
}

export type RegistrationsService = ReturnType<typeof registrationsService>;

export const tickJob = (r: RegistrationsService): JobDefinition<Record<string, never>> => ({
  name: TICK_JOB,
  payload: z.object({}).strict(),
  unique: true,
  retryLimit: 3,
  run: async () => {
    await r.tick();
  },
});

export const announceJob = (r: RegistrationsService): JobDefinition<{ eventId: number; subject: string; body: string }> => ({
  name: ANNOUNCE_JOB,
  payload: z.object({ eventId: z.number().int(), subject: z.string().max(200), body: z.string().max(10_000) }),
  retryLimit: 5,
  run: async (p) => {
    await r.sendAnnouncement(p.eventId, { subject: p.subject, body: p.body });
  },
});
