import type { DB } from '../../db/database.ts';
import { siteLang, type Lang } from '../../i18n/languages.ts';
import { localise, type Text } from '../../i18n/localise.ts';
import { limits, rateLimiter, type Limited } from '../../platform/rate-limits/rate-limits.ts';
import type { User } from '../accounts/repository.ts';
import type { SearchProvider } from '../search/provider.ts';
import { plainText } from '../../ui/markdown.ts';
import { isAdmin } from '../accounts/roles.ts';
import { audit } from '../admin/repository.ts';
import { POSTS_PER_PAGE, TOPICS_PER_PAGE, type Joining, type Level, type Visibility } from './lists.ts';
import { exportFor } from './export.ts';
import * as repo from './repository.ts';

// The rules of communities. Who reads: anyone, for a public community; its members (suspended ones
// included) and platform administrators, for a members-only one. Anyone else gets what a missing
// community gets (routes answer 404), so a members-only community's discussions stay unknown; its
// name and description are listed, so people can ask to join. Who writes: active members, in a
// community that is not archived, in a topic that is not locked. Facilitators decide on requests
// to join and lock topics; administrators create communities and name facilitators (back office).
// Where a community asks for it, a member's posts wait for a facilitator's approval until one of
// them has been approved; a topic waiting for approval, or removed, is read by its author and the
// facilitators only (moderation-service.ts has the rest of moderation). Every change starts with
// a one-line check; results are values.

export type Membership = repo.Membership | null;

// Policies, by the person (null: not signed in) and their membership.
export const canRead = (c: repo.CommunityRow, user: User | null, m: Membership) =>
  c.visibility === 'public' || (m !== null && (m.status === 'active' || m.status === 'suspended')) || (user !== null && isAdmin(user));
export const canWrite = (c: repo.CommunityRow, m: Membership) => c.archived_at === null && m?.status === 'active';
export const canFacilitate = (c: repo.CommunityRow, user: User, m: Membership) =>
  c.archived_at === null && ((m?.role === 'facilitator' && m.status === 'active') || isAdmin(user));

/** A community as lists and pages show it, in the reader's language (English where a text is missing). */
export interface Community {
  id: number;
  slug: string;
  theme: string;
  joining: Joining;
  visibility: Visibility;
  archived: boolean;
  name: Text;
  description: Text;
  joinQuestion: Text | null;
  codeOfConduct: Text | null;
  /** the languages its texts are written in */
  languages: Lang[];
  members: number;
  topics: number;
  lastPostAt: string | null;
}

export interface ListFilters {
  theme: string[];
  language: string[];
  joining: string[];
}

function localised(
  row: repo.CommunityRow,
  texts: repo.TranslationRow[],
  lang: Lang,
  counts?: { members: number; topics: number; lastPostAt: string | null },
): Community {
  const own = texts.filter((x) => x.community_id === row.id);
  const l = localise(own, lang, ['name', 'description', 'join_question', 'code_of_conduct']);
  return {
    id: row.id,
    slug: row.slug,
    theme: row.theme,
    joining: row.joining as Joining,
    visibility: row.visibility as Visibility,
    archived: row.archived_at !== null,
    // A community always has its English texts (the back office asks for them).
    name: l.name ?? { value: row.slug, lang: 'en' },
    description: l.description ?? { value: '', lang: 'en' },
    joinQuestion: l.join_question,
    codeOfConduct: l.code_of_conduct,
    languages: own.map((x) => x.lang as Lang).sort(),
    members: counts?.members ?? 0,
    topics: counts?.topics ?? 0,
    lastPostAt: counts?.lastPostAt ?? null,
  };
}

/** the most of a topic's posts the search index keeps (its opening post and the first replies) */
const INDEXED_CHARS = 30_000;

/** how long a member counts as new, for the limit on posting */
const NEW_MEMBER_MS = 7 * 86_400_000;

export type JoinResult = 'joined' | 'requested' | 'already' | 'invitation-only' | 'missing' | 'answer-needed';

export function communitiesService(
  db: DB,
  o: {
    search: Pick<SearchProvider, 'index' | 'remove'>;
    /** A post is shown to everyone (written, or approved): its community hears of it (notify.ts, through the job queue). */
    shown?: (postId: number) => Promise<unknown>;
  },
) {
  const rates = rateLimiter(db);

  /**
   * Puts a topic in the search, or takes it out. One document a topic, naming its community: its
   * title and its posts' words, in the topic's language (English's analysis for a language the
   * site is not in). A members-only community's topics are a kind of their own, which only a
   * search within the community asks for, so the site search never shows what they wrote.
   */
  async function indexTopic(topicId: number): Promise<void> {
    const x = await repo.topicText(db, topicId);
    if (!x || !repo.LISTED.includes(x.status)) {
      await o.search.remove([`topic:${topicId}:`]);
      return;
    }
    const body = x.bodies
      .map((b) => plainText(b))
      .join('\n')
      .slice(0, INDEXED_CHARS);
    await o.search.index([
      {
        kind: x.visibility === 'public' ? 'topic' : 'member_topic',
        ref: `topic:${x.id}:`,
        lang: siteLang(x.lang),
        title: x.title,
        body,
        path: `/communities/${x.slug}/topics/${x.id}`,
        communityId: x.community_id,
      },
    ]);
  }

  /** Counts a post against the person's limit: tighter in their first week in the community (facilitators aside). */
  const postLimit = (user: User, m: Membership): Promise<Limited | null> =>
    rates.count(
      `community-post:person:${user.id}`,
      m?.role !== 'facilitator' && Date.now() - Date.parse(m?.since ?? '') < NEW_MEMBER_MS ? limits.communityPostsNewMember : limits.communityPostsPerPerson,
    );
  async function load(slug: string): Promise<repo.CommunityRow | null> {
    return (await repo.communityBySlug(db, slug)) ?? null;
  }
  const membershipOf = (c: repo.CommunityRow, user: User | null): Promise<Membership> => (user ? repo.membership(db, c.id, user.id) : Promise.resolve(null));
  /** Whether what the person writes now waits for a facilitator: where the community asks, until one of their posts was approved. */
  const waits = async (c: repo.CommunityRow, user: User, m: Membership): Promise<boolean> =>
    c.approve_first_posts === 1 && !canFacilitate(c, user, m) && !(await repo.moderation.hasShownPost(db, c.id, user.id));

  async function one(c: repo.CommunityRow, lang: Lang): Promise<Community> {
    return localised(c, await repo.translations(db, [c.id]), lang);
  }

  /** What a reader may see of a community: its texts, their membership, and what they may do. */
  async function page(slug: string, user: User | null, lang: Lang) {
    const c = await load(slug);
    if (!c) return null;
    const [m, texts, counts] = await Promise.all([membershipOf(c, user), repo.translations(db, [c.id]), repo.countsOf(db, c.id)]);
    const community = localised(c, texts, lang, counts);
    return {
      community,
      row: c,
      membership: m,
      read: canRead(c, user, m),
      write: canWrite(c, m),
      facilitate: user !== null && canFacilitate(c, user, m),
    };
  }

  return {
    /** The communities people can find (not archived), filtered, the most recently active first. */
    async list(lang: Lang, f: ListFilters): Promise<{ items: Community[]; all: Community[] }> {
      const rows = await repo.communities(db, { archived: false });
      const texts = await repo.translations(
        db,
        rows.map((r) => r.id),
      );
      const all = rows.map((r) => localised(r, texts, lang, { members: Number(r.members), topics: Number(r.topics), lastPostAt: r.last_post_at }));
      const items = all
        .filter((c) => f.theme.length === 0 || f.theme.includes(c.theme))
        .filter((c) => f.language.length === 0 || c.languages.some((l) => f.language.includes(l)))
        .filter((c) => f.joining.length === 0 || f.joining.includes(c.joining))
        .sort((a, b) => (b.lastPostAt ?? '').localeCompare(a.lastPostAt ?? '') || a.name.value.localeCompare(b.name.value));
      return { items, all };
    },

    page,

    /** The community's topics, a page at a time, for whoever may read it. */
    async topics(slug: string, user: User | null, lang: Lang, pageNumber: number) {
      const p = await page(slug, user, lang);
      if (!p) return null;
      if (!p.read) return { ...p, topics: { rows: [], total: 0 }, facilitators: [] };
      const [topics, facilitators] = await Promise.all([
        repo.topics(db, p.row.id, (pageNumber - 1) * TOPICS_PER_PAGE, TOPICS_PER_PAGE),
        repo.members(db, p.row.id, ['active']).then((ms) => ms.filter((x) => x.role === 'facilitator')),
      ]);
      return { ...p, topics, facilitators };
    },

    /** A topic with a page of its posts, in the languages asked for (all when none). */
    async topic(slug: string, id: number, user: User | null, lang: Lang, o: { page: number; langs: readonly string[] }) {
      const p = await page(slug, user, lang);
      if (!p || !p.read) return null;
      const topic = await repo.topic(db, p.row.id, id);
      if (!topic) return null;
      const reader = { userId: user?.id ?? null, facilitate: p.facilitate };
      // A topic waiting for approval, or removed, is its author's and the facilitators' to read.
      if (!repo.LISTED.includes(topic.status) && !p.facilitate && (reader.userId === null || reader.userId !== topic.authorId)) return null;
      const [posts, languages] = await Promise.all([
        repo.posts(db, id, { offset: (o.page - 1) * POSTS_PER_PAGE, limit: POSTS_PER_PAGE, langs: o.langs, reader }),
        repo.postLanguages(db, id),
      ]);
      return { ...p, topic, posts, languages };
    },

    /** Members of a community: its members see who else is in it; facilitators also see requests and invitations. */
    async members(slug: string, user: User, lang: Lang) {
      const p = await page(slug, user, lang);
      if (!p || !p.read || (p.membership === null && !p.facilitate)) return null;
      const statuses = p.facilitate ? (['active', 'suspended', 'pending', 'invited'] as const) : (['active'] as const);
      return { ...p, members: await repo.members(db, p.row.id, [...statuses]) };
    },

    /** Joins an open community, or asks to join one that takes requests (with the answer to its question). */
    async join(slug: string, user: User, answer: string): Promise<JoinResult> {
      const c = await load(slug);
      if (!c || c.archived_at !== null) return 'missing';
      const m = await membershipOf(c, user);
      if (m && m.status !== 'invited') return 'already';
      // An invitation is accepted by joining, whatever the community's rule.
      if (m?.status === 'invited' || c.joining === 'open') {
        await repo.putMember(db, { communityId: c.id, userId: user.id, role: m?.role ?? 'member', status: 'active' });
        return 'joined';
      }
      if (c.joining === 'invitation') return 'invitation-only';
      const question = (await repo.translations(db, [c.id])).some((x) => x.join_question);
      if (question && answer.trim() === '') return 'answer-needed';
      await repo.putMember(db, { communityId: c.id, userId: user.id, role: 'member', status: 'pending', answer: answer.trim() || null });
      return 'requested';
    },

    /** Leaves a community, or withdraws a request (a suspended member cannot leave to come back). */
    async leave(slug: string, user: User): Promise<'done' | 'missing' | 'suspended' | 'last-facilitator'> {
      const c = await load(slug);
      if (!c) return 'missing';
      const m = await membershipOf(c, user);
      if (!m) return 'missing';
      if (m.status === 'suspended') return 'suspended';
      if (m.role === 'facilitator' && m.status === 'active') {
        const others = (await repo.members(db, c.id, ['active'])).filter((x) => x.role === 'facilitator' && x.userId !== user.id);
        if (others.length === 0) return 'last-facilitator';
      }
      await repo.removeMember(db, c.id, user.id);
      return 'done';
    },

    /** A facilitator accepts or declines a request to join. */
    async decide(slug: string, user: User, memberId: number, accept: boolean): Promise<'done' | 'missing' | 'forbidden'> {
      const c = await load(slug);
      if (!c) return 'missing';
      if (!canFacilitate(c, user, await membershipOf(c, user))) return 'forbidden';
      const m = await repo.membership(db, c.id, memberId);
      if (m?.status !== 'pending') return 'missing';
      if (accept) await repo.putMember(db, { communityId: c.id, userId: memberId, role: 'member', status: 'active', decidedBy: user.id });
      else await repo.removeMember(db, c.id, memberId);
      return 'done';
    },

    /** Starts a topic, with the writer's files waiting for it; its id and whether it waits for approval, or why not. */
    async startTopic(
      slug: string,
      user: User,
      t: { title: string; body: string; lang: string },
      files: readonly number[] = [],
    ): Promise<{ id: number; waiting: boolean } | 'missing' | 'forbidden' | Limited> {
      const c = await load(slug);
      if (!c) return 'missing';
      const m = await membershipOf(c, user);
      if (!canRead(c, user, m)) return 'missing';
      if (!canWrite(c, m)) return 'forbidden';
      const limited = await postLimit(user, m);
      if (limited) return limited;
      const waiting = await waits(c, user, m);
      const id = await repo.createTopic(db, { communityId: c.id, userId: user.id, ...t, status: waiting ? 'waiting' : 'shown' });
      const opening = await repo.levels.openingPost(db, id);
      if (opening !== null) await repo.files.attach(db, { postId: opening, communityId: c.id, userId: user.id, ids: files });
      // Who starts a topic watches it, unless they choose otherwise.
      await repo.levels.setTopicLevelIfNone(db, { userId: user.id, communityId: c.id, topicId: id, level: 'watching' });
      if (!waiting) {
        await indexTopic(id);
        if (opening !== null) await o.shown?.(opening);
      }
      return { id, waiting };
    },

    /** Replies in a topic, with the writer's files waiting for it; the new post's id, the page it is on and whether it waits for approval, or why not. */
    async reply(
      slug: string,
      topicId: number,
      user: User,
      r: { body: string; lang: string },
      files: readonly number[] = [],
    ): Promise<{ id: number; page: number; waiting: boolean } | 'missing' | 'forbidden' | 'locked' | Limited> {
      const c = await load(slug);
      if (!c) return 'missing';
      const m = await membershipOf(c, user);
      if (!canRead(c, user, m)) return 'missing';
      const topic = await repo.topic(db, c.id, topicId);
      if (!topic || (!repo.LISTED.includes(topic.status) && !canFacilitate(c, user, m) && topic.authorId !== user.id)) return 'missing';
      if (!canWrite(c, m)) return 'forbidden';
      const limited = await postLimit(user, m);
      if (limited) return limited;
      const waiting = await waits(c, user, m);
      const id = await repo.addReply(db, { topicId, userId: user.id, ...r, status: waiting ? 'waiting' : 'shown' });
      if (id === 'locked') return 'locked';
      await repo.files.attach(db, { postId: id, communityId: c.id, userId: user.id, ids: files });
      // Who replies tracks the topic, unless they chose a level for it.
      await repo.levels.setTopicLevelIfNone(db, { userId: user.id, communityId: c.id, topicId, level: 'tracking' });
      if (!waiting) {
        await indexTopic(topicId);
        await o.shown?.(id);
      }
      // The opening post and the replies before it: the reply is post number replies + 2.
      return { id, page: Math.ceil((topic.replies + 2) / POSTS_PER_PAGE), waiting };
    },

    /** A facilitator locks a topic (no more replies) or opens it again. */
    async lock(slug: string, topicId: number, user: User, locked: boolean): Promise<'done' | 'missing' | 'forbidden'> {
      const c = await load(slug);
      if (!c) return 'missing';
      const m = await membershipOf(c, user);
      if (!canRead(c, user, m) || !(await repo.topic(db, c.id, topicId))) return 'missing';
      if (!canFacilitate(c, user, m)) return 'forbidden';
      await repo.setLocked(db, topicId, locked);
      await audit(db, user, locked ? 'community.topic.lock' : 'community.topic.unlock', c.slug, { topic: topicId });
      return 'done';
    },

    /** A public community's newest topics, for its Atom feed (null: no such community, or members only). */
    async feed(slug: string, lang: Lang) {
      const c = await load(slug);
      if (!c || c.visibility !== 'public') return null;
      return { community: await one(c, lang), topics: await repo.latestTopics(db, c.id, 30) };
    },

    /** What a person's data export holds of communities (export.ts). */
    exportFor: (userId: number) => exportFor(db, userId),

    /** After the back office changed a community (its visibility above all): its topics in the search, or out of it. */
    async changed(slug: string): Promise<void> {
      const c = await load(slug);
      if (!c) return;
      for (const id of await repo.topicIds(db, c.id)) await indexTopic(id);
    },

    /** Where a topic lives now, for an address from before it moved: the community's address, if the person may read it. */
    async movedTo(id: number, user: User | null): Promise<string | null> {
      const home = await repo.moderation.topicHome(db, id);
      const c = home ? await load(home.slug) : null;
      return c && canRead(c, user, await membershipOf(c, user)) ? c.slug : null;
    },

    /**
     * A member's own notification levels for a community a page has loaded already (with the
     * person's membership) and, when given, a topic of it the page found; null for anyone not a member.
     */
    async levels(p: { row: repo.CommunityRow; membership: Membership }, user: User, topicId: number | null) {
      const m = p.membership;
      if (!m || (m.status !== 'active' && m.status !== 'suspended')) return null;
      return repo.levels.levelsOf(db, user.id, p.row.id, topicId);
    },

    /** A member sets their level for the community (topicId null) or a topic; null goes back to the default. */
    async setLevel(slug: string, user: User, topicId: number | null, level: Level | null): Promise<'done' | 'missing'> {
      const c = await load(slug);
      const m = c ? await membershipOf(c, user) : null;
      if (!c || !m || (m.status !== 'active' && m.status !== 'suspended')) return 'missing';
      if (topicId !== null && !(await repo.topic(db, c.id, topicId))) return 'missing';
      await repo.levels.setLevel(db, { userId: user.id, communityId: c.id, topicId, level });
      return 'done';
    },

    /** A post approved by a facilitator: its community hears of it now. */
    postShown: (postId: number) => o.shown?.(postId),

    /** For the back office and moderation. */
    one,
    load,
    indexTopic,
    membershipOf,
  };
}

export type CommunitiesService = ReturnType<typeof communitiesService>;
