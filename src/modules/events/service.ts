import { randomBytes } from 'node:crypto';
import type { DB } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/database.ts';
import { languages, type Lang } from '../../i18n/languages.ts';
import type { Text } from '../../i18n/localise.ts';
import type { User } from '../accounts/repository.ts';
import { isAdmin, isEditor } from '../accounts/roles.ts';
import { audit } from '../admin/repository.ts';
import * as centreRepo from '../centres/repository.ts';
import * as communityRepo from '../communities/repository.ts';
import { canFacilitate, type CommunitiesService } from '../communities/service.ts';
import { plainText } from '../../ui/markdown.ts';
import { calendarFile, type CalendarEvent } from './calendar.ts';
import { EVENTS_PER_PAGE, type Mode, type OrganiserKind, type RegistrationStatus } from './lists.ts';
import * as repo from './repository/events.ts';
import * as regs from './repository/registrations.ts';

// The rules of events, apart from registering (registrations.ts). Who organises: the platform's
// editors and administrators (the platform's events), a community's facilitators (its events), a
// centre's administrators (the centre's); who organised an event manages it (with the platform's
// administrators). Everyone reads every event; the joining link is for registered people only.

/** An event as pages show it, its texts in the reader's language (else English, else the first written). */
export interface EventItem {
  id: number;
  slug: string;
  organiserKind: OrganiserKind;
  community: { slug: string; name: Text } | null;
  centre: { slug: string; name: string } | null;
  mode: Mode;
  place: string | null;
  country: string | null;
  joinUrl: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  lang: string;
  theme: string | null;
  capacity: number | null;
  approval: boolean;
  quotaCentre: number | null;
  quotaCountry: number | null;
  taken: number;
  sequence: number;
  cancelled: boolean;
  cancelReason: string | null;
  recordingUrl: string | null;
  updatedAt: string;
  title: Text;
  description: Text;
  /** the languages its texts are written in */
  languages: Lang[];
  texts: { lang: Lang; title: string; description: string }[];
}

export type Organiser = { kind: 'platform' } | { kind: 'community'; id: number; slug: string } | { kind: 'centre'; id: number; slug: string };

function pick(texts: repo.TextRow[], lang: Lang): { title: Text; description: Text } {
  const t = texts.find((x) => x.lang === lang) ?? texts.find((x) => x.lang === 'en') ?? texts[0];
  const l = (t?.lang ?? 'en') as Lang;
  return { title: { value: t?.title ?? '', lang: l }, description: { value: t?.description ?? '', lang: l } };
}

export function eventsService(db: DB, o: { communities: CommunitiesService; baseUrl: string }) {
  /** Events as pages show them, with their communities' names in the reader's language. */
  async function items(rows: repo.EventRow[], lang: Lang): Promise<EventItem[]> {
    const texts = await repo.texts(
      db,
      rows.map((r) => r.id),
    );
    const names = new Map<string, Text>();
    for (const slug of new Set(rows.flatMap((r) => (r.community_slug ? [r.community_slug] : [])))) {
      const c = await o.communities.load(slug);
      if (c) names.set(slug, (await o.communities.one(c, lang)).name);
    }
    return rows.map((r) => {
      const own = texts.filter((x) => x.event_id === r.id);
      return {
        id: r.id,
        slug: r.slug,
        organiserKind: r.organiser_kind as OrganiserKind,
        community: r.community_slug ? { slug: r.community_slug, name: names.get(r.community_slug) ?? { value: r.community_slug, lang: 'en' } } : null,
        centre: r.centre_slug && r.centre_name ? { slug: r.centre_slug, name: r.centre_name } : null,
        mode: r.mode as Mode,
        place: r.place,
        country: r.country,
        joinUrl: r.join_url,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        timeZone: r.time_zone,
        lang: r.lang,
        theme: r.theme,
        capacity: r.capacity,
        approval: r.approval === 1,
        quotaCentre: r.quota_centre,
        quotaCountry: r.quota_country,
        taken: Number(r.taken),
        sequence: Number(r.sequence),
        cancelled: r.status === 'cancelled',
        cancelReason: r.cancel_reason,
        recordingUrl: r.recording_url,
        updatedAt: r.updated_at,
        ...pick(own, lang),
        languages: own.map((x) => x.lang as Lang).sort(),
        texts: own.map((x) => ({ lang: x.lang as Lang, title: x.title, description: x.description })),
      };
    });
  }

  /** The communities a person facilitates and the centres they administer: where they may organise. */
  async function organisers(user: User): Promise<Organiser[]> {
    const [memberships, centres] = await Promise.all([communityRepo.membershipsOf(db, user.id), centreRepo.centresOf(db, user.id)]);
    const out: Organiser[] = isEditor(user) ? [{ kind: 'platform' }] : [];
    for (const m of memberships) {
      const c = await o.communities.load(m.slug);
      if (c && canFacilitate(c, user, await o.communities.membershipOf(c, user))) out.push({ kind: 'community', id: c.id, slug: c.slug });
    }
    for (const c of centres) {
      const row = await centreRepo.findCentre(db, c.slug);
      if (row && (c.role === 'admin' || isAdmin(user))) out.push({ kind: 'centre', id: row.id, slug: c.slug });
    }
    return out;
  }

  /** Whether the person manages the event: as one who may organise for its organiser. */
  async function manages(row: repo.EventRow, user: User | null): Promise<boolean> {
    if (!user) return false;
    if (isAdmin(user)) return true;
    if (row.organiser_kind === 'platform') return isEditor(user);
    const mine = await organisers(user);
    return mine.some((x) => (x.kind === 'community' && x.id === row.community_id) || (x.kind === 'centre' && x.id === row.centre_id));
  }

  /** A slug from the title: lower-case Latin letters and digits, with the start's date, made unique. */
  function newSlug(e: repo.EventInput): string {
    const title = e.texts.find((x) => x.lang === 'en')?.title ?? e.texts[0]?.title ?? 'event';
    const base =
      title
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60)
        .replace(/-$/, '') || 'event';
    return `${base}-${e.startsAt.slice(0, 10)}`;
  }

  return {
    items,
    organisers,
    manages,

    async list(f: repo.ListFilter, page: number, lang: Lang, now = new Date()) {
      const found = await repo.list(db, f, now, (page - 1) * EVENTS_PER_PAGE, EVENTS_PER_PAGE);
      return { items: await items(found.rows, lang), total: found.total };
    },

    /** The events overlapping a month (UTC bounds widened by a day each side, for every zone). */
    async month(year: number, month: number, lang: Lang) {
      const from = new Date(Date.UTC(year, month - 1, 0)).toISOString();
      const to = new Date(Date.UTC(year, month, 2)).toISOString();
      return items(await repo.between(db, from, to), lang);
    },

    /** The countries and communities events have, for the list's filters (communities named in the reader's language). */
    async facets(lang: Lang) {
      const f = await repo.facets(db);
      const communities: { slug: string; name: Text }[] = [];
      for (const c of f.communities) {
        const row = await o.communities.load(c.slug);
        if (row && row.visibility === 'public') communities.push({ slug: c.slug, name: (await o.communities.one(row, lang)).name });
      }
      return { countries: f.countries, communities };
    },

    /** A community or centre that organises, by name. */
    async organiserName(x: Organiser, lang: Lang): Promise<string> {
      if (x.kind === 'community') {
        const row = await o.communities.load(x.slug);
        return row ? (await o.communities.one(row, lang)).name.value : x.slug;
      }
      if (x.kind === 'centre') return (await centreRepo.findCentre(db, x.slug))?.name ?? x.slug;
      return '';
    },

    /** A public community, for its calendar feed (a members-only community's events are listed, not fed). */
    async publicCommunity(slug: string) {
      const row = await o.communities.load(slug);
      return row && row.visibility === 'public' ? row : null;
    },

    /** Saves the changes of an event the person manages (the caller checked), audited. */
    async update(event: { id: number; slug: string }, user: User, e: repo.EventInput) {
      await db.transaction().execute((trx) => repo.update(trx, event.id, e));
      await audit(db, user, 'event.changed', event.slug, {});
    },

    /** One event, and whether the reader manages it. */
    async event(slug: string, user: User | null, lang: Lang) {
      const row = await repo.bySlug(db, slug);
      if (!row) return null;
      const [item] = await items([row], lang);
      return { row, event: item!, manage: await manages(row, user) };
    },

    /** Creates an event for an organiser the person may organise for; its slug. */
    async create(user: User, e: repo.EventInput): Promise<{ slug: string } | 'forbidden'> {
      const mine = await organisers(user);
      const allowed = mine.some(
        (x) =>
          x.kind === e.organiserKind &&
          (x.kind === 'platform' || (x.kind === 'community' && x.id === e.communityId) || (x.kind === 'centre' && x.id === e.centreId)),
      );
      if (!allowed) return 'forbidden';
      const base = newSlug(e);
      for (let n = 1; ; n++) {
        const slug = n === 1 ? base : `${base}-${n}`;
        try {
          await repo.create(db, slug, e, user.id);
          await audit(db, user, 'event.created', slug, {});
          return { slug };
        } catch (error) {
          if (!isUniqueViolation(error) || n > 50) throw error;
        }
      }
    },

    /** The texts a form for the event starts with, in every language written. */
    textsOf: (id: number) => repo.texts(db, [id]),

    /** A person's private calendar address token (made on first use; `replace` gives a new one). */
    feedToken: (userId: number, replace = false) => repo.feedToken(db, userId, randomBytes(24).toString('base64url'), replace),

    /** An .ics of events, their texts in one language. */
    async calendar(name: string, rows: repo.EventRow[], lang: Lang): Promise<string> {
      const list = await items(rows, lang);
      const events: CalendarEvent[] = list.map((e) => ({
        id: e.id,
        title: e.title.value,
        description: plainText(e.description.value),
        startsAt: e.startsAt,
        endsAt: e.endsAt,
        timeZone: e.timeZone,
        url: `${o.baseUrl}/${lang}/events/${e.slug}`,
        location: e.mode === 'online' ? null : [e.place, e.country].filter(Boolean).join(', ') || null,
        status: e.cancelled ? 'cancelled' : 'scheduled',
        sequence: e.sequence,
        updatedAt: e.updatedAt,
        organiser: e.community?.name.value ?? e.centre?.name ?? null,
      }));
      return calendarFile({ name, baseUrl: o.baseUrl, events });
    },

    /** Rows for feeds: the platform's (or a community's) events from a month ago on. */
    feedRows: (communityId?: number) =>
      repo.forFeed(db, { ...(communityId === undefined ? {} : { communityId }), since: new Date(Date.now() - 30 * 86_400_000).toISOString(), limit: 500 }),

    /** The events a person registered for (live registrations), for their private calendar. */
    async rowsOfUser(userId: number) {
      const mine = await regs.ofUser(db, userId);
      return repo.withIds(
        db,
        mine.map((r) => r.event_id),
      );
    },
    userOfFeed: (token: string) => repo.userOfFeed(db, token),

    /** Each language's texts, for the form (fields title_fr, description_fr, …). */
    languages,
    counts: (eventId: number): Promise<Record<RegistrationStatus, number>> => regs.counts(db, eventId),
  };
}

export type EventsService = ReturnType<typeof eventsService>;
