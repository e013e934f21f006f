import type { DB } from '../../../db/database.ts';
import type { Limited } from '../../../platform/rate-limits/rate-limits.ts';
import type { User } from '../../accounts/repository.ts';
import { directoryCards, type DirectoryCard } from '../../centres/directory/repository.ts';
import type { DirectoryService } from '../../centres/directory/service.ts';
import { membership, findCentre } from '../../centres/repository.ts';
import type { CentresService } from '../../centres/service.ts';
import { suggest, type MatchProfile, type Suggestion } from '../matching/match.ts';
import * as repo from './repository.ts';
import type { SuggestionsQuery } from '../suggestions/schemas.ts';
import { today, type RequestForm, type RequestQuery } from './schemas.ts';
import { replyTo } from '../messages/repository.ts';
import type { MessagesService } from '../messages/service.ts';

// Partner requests: a centre says what partners it looks for, until a deadline and up to a number
// of replies; other centres reply through the platform (a conversation naming the request); the
// author sees the replies side by side with each replying centre's profile, and suggestions.
// Any member of a centre posts, reads and closes its requests; replying takes a centre too.

export const REQUESTS_PER_PAGE = 20;
export type RequestStatus = 'open' | 'closed' | 'expired' | 'full';

/** Where a request stands today. */
export function statusOf(r: Pick<repo.RequestRow, 'closed_at' | 'deadline' | 'reply_cap' | 'replies'>, on = today()): RequestStatus {
  if (r.closed_at) return 'closed';
  if (r.deadline < on) return 'expired';
  if (r.reply_cap !== null && r.replies >= r.reply_cap) return 'full';
  return 'open';
}

/** Words of a text, folded (accents and case) for matching. */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');

export interface RequestCount {
  value: string;
  count: number;
}

export function requestsService(db: DB, o: { messages: MessagesService; centres: CentresService; directory: DirectoryService }) {
  async function asMember(user: User, slug: string) {
    const centre = await findCentre(db, slug);
    if (!centre) return null;
    const role = (await membership(db, centre.id, user.id))?.role;
    return role ? { centre, access: role } : null;
  }

  return {
    /** Open requests with the query's filters, its page, and each filter's counts (the other filters applied). */
    async list(query: RequestQuery) {
      const all = await repo.openRequests(db, today());
      const words = fold(query.q).split(/\s+/).filter(Boolean);
      const text = (r: repo.RequestRow) => fold(`${r.title} ${r.description} ${r.centre_name}`);
      const matches = words.length ? all.filter((r) => words.every((w) => text(r).includes(w))) : all;
      const tests = {
        purpose: (r: repo.RequestRow) => !query.purpose.length || query.purpose.includes(r.purpose),
        sector: (r: repo.RequestRow) => !query.sector.length || r.sectors.some((s) => query.sector.includes(s)),
        country: (r: repo.RequestRow) => !query.country.length || r.countries.length === 0 || r.countries.some((c) => query.country.includes(c)),
      };
      const counts = (facet: keyof typeof tests, valuesOf: (r: repo.RequestRow) => string[]): RequestCount[] => {
        const n = new Map<string, number>();
        for (const r of matches) {
          if (!Object.entries(tests).every(([k, test]) => k === facet || test(r))) continue;
          for (const v of new Set(valuesOf(r))) n.set(v, (n.get(v) ?? 0) + 1);
        }
        return [...n].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
      };
      const shown = matches.filter((r) => tests.purpose(r) && tests.sector(r) && tests.country(r));
      const sort = query.sort ?? 'newest';
      if (sort === 'deadline') shown.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : b.id - a.id));
      const start = (query.page - 1) * REQUESTS_PER_PAGE;
      return {
        items: shown.slice(start, start + REQUESTS_PER_PAGE),
        total: shown.length,
        pages: Math.max(1, Math.ceil(shown.length / REQUESTS_PER_PAGE)),
        sort,
        facets: { purpose: counts('purpose', (r) => [r.purpose]), sector: counts('sector', (r) => r.sectors), country: counts('country', (r) => r.countries) },
      };
    },

    /** The newest open requests (the Atom feed). */
    recent: async (limit: number) => (await repo.openRequests(db, today())).slice(0, limit),

    /** A request's public page: from a published centre, open or not. */
    async request(id: number) {
      const r = await repo.findRequest(db, id);
      if (!r) return null;
      const centre = await findCentre(db, r.centre_slug);
      return centre?.published ? { request: r, status: statusOf(r) } : null;
    },

    async mine(user: User, slug: string) {
      const m = await asMember(user, slug);
      if (!m) return null;
      return { centre: m.centre, requests: (await repo.requestsOf(db, m.centre.id)).map((r) => ({ ...r, status: statusOf(r) })) };
    },

    /** Whether the person may post for the centre (the form's page asks first). */
    mayPost: async (user: User, slug: string) => (await asMember(user, slug)) !== null,

    async create(user: User, slug: string, f: RequestForm): Promise<number | null> {
      const m = await asMember(user, slug);
      if (!m) return null;
      return repo.createRequest(db, m.centre.id, user.id, f);
    },

    async close(user: User, slug: string, id: number): Promise<boolean> {
      const m = await asMember(user, slug);
      const r = m && (await repo.findRequest(db, id));
      if (!m || !r || r.centre_id !== m.centre.id) return false;
      await repo.closeRequest(db, id, user.id);
      return true;
    },

    /** The author's view: the request, its replies side by side with the replying centres, and suggested centres (with the filters chosen). */
    async forAuthor(user: User, slug: string, id: number, filters: SuggestionsQuery) {
      const m = await asMember(user, slug);
      const r = m && (await repo.findRequest(db, id));
      if (!m || !r || r.centre_id !== m.centre.id) return null;
      const replies = await repo.repliesTo(db, id);
      const cards = new Map(
        (
          await directoryCards(
            db,
            replies.map((x) => x.centre_id),
          )
        ).map((c) => [c.id, c]),
      );
      const rows = await o.directory.rows();
      const candidates: MatchProfile[] = rows.map((x) => ({ ...x, maturity: null }));
      const suggestions = suggest(
        {
          self: null,
          seeks: [r.purpose],
          offers: [],
          sectors: r.sectors,
          languages: [],
          eqfLevels: [],
          wantedCountries: r.countries,
          wantedTypes: r.partner_types,
          excludeIds: [m.centre.id, ...replies.map((x) => x.centre_id)],
        },
        candidates,
        {
          limit: 10,
          filters: { countries: filters.country, types: filters.type, sectors: filters.sector, languages: filters.language, offers: filters.offers },
        },
      );
      const suggestedCards = new Map(
        (
          await directoryCards(
            db,
            suggestions.map((s) => s.id),
          )
        ).map((c) => [c.id, c]),
      );
      return {
        centre: m.centre,
        request: r,
        status: statusOf(r),
        replies: replies.map((x) => ({ ...x, card: cards.get(x.centre_id) ?? null })),
        suggestions: suggestions.flatMap((s): (Suggestion & { card: DirectoryCard })[] => {
          const card = suggestedCards.get(s.id);
          return card ? [{ ...s, card }] : [];
        }),
      };
    },

    /** What the reply page needs: the request, and the person's centres that may reply (not the author's). */
    async replyOptions(user: User, id: number) {
      const found = await this.request(id);
      if (!found) return null;
      const mine = (await o.centres.mineById(user.id)).filter((c) => c.slug !== found.request.centre_slug);
      return { ...found, mine };
    },

    /** Replies as one of the person's centres: one reply per centre; none once the request is closed, expired or full. */
    async reply(
      user: User,
      id: number,
      slug: string,
      body: string,
    ): Promise<{ conversation: number } | { already: number } | 'missing' | 'closed' | 'blocked' | Limited> {
      const found = await this.request(id);
      if (!found) return 'missing';
      const m = await asMember(user, slug);
      if (!m || m.centre.id === found.request.centre_id) return 'missing';
      if (found.status !== 'open') return 'closed';
      const earlier = await replyTo(db, id, m.centre.id);
      if (earlier) return { already: earlier.id };
      const started = await o.messages.start(
        user,
        slug,
        found.request.centre_slug,
        { subject: found.request.title, body },
        {
          id,
          stillOpen: (trx) => repo.takesReply(trx, id, today()),
        },
      );
      if (started === 'self' || started === 'missing') return 'missing';
      if (started === 'closed' || started === 'blocked') return started;
      if ('limited' in started) return started;
      return { conversation: started.id };
    },
  };
}

export type RequestsService = ReturnType<typeof requestsService>;
