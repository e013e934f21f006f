import { isUniqueViolation, type DB } from '../../db/database.ts';
import type { Lang } from '../../i18n/languages.ts';
import { localise, type Text } from '../../i18n/localise.ts';
import { findUserByEmail, findUserById, type User } from '../accounts/repository.ts';
import { isAdmin } from '../accounts/roles.ts';
import { audit } from '../admin/repository.ts';
import type { Joining, Visibility } from './lists.ts';
import * as repo from './repository.ts';

// The back office's rules for communities: only platform administrators create them, change
// them, archive them and name their facilitators; every change goes to the audit log, under the
// community's address (it never changes). Results are values, as in service.ts.

/** A community as the back office's list shows it, archived ones included. */
export interface CommunityLine {
  slug: string;
  name: Text;
  theme: string;
  joining: Joining;
  visibility: Visibility;
  members: number;
  topics: number;
  archived: boolean;
}

export type Change = 'done' | 'forbidden' | 'missing';

/** `changed`: told after a community changed (its topics go into the site's search, or out of it, with its visibility). */
export function communityAdminService(db: DB, o: { changed: (slug: string) => Promise<void> }) {
  /** The community, for an administrator; why not otherwise. */
  async function target(actor: User, slug: string): Promise<repo.CommunityRow | 'forbidden' | 'missing'> {
    if (!isAdmin(actor)) return 'forbidden';
    return (await repo.communityBySlug(db, slug)) ?? 'missing';
  }

  return {
    async list(actor: User, lang: Lang): Promise<CommunityLine[] | null> {
      if (!isAdmin(actor)) return null;
      const rows = await repo.communities(db, { archived: true });
      const texts = await repo.translations(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({
        slug: r.slug,
        name: localise(
          texts.filter((x) => x.community_id === r.id),
          lang,
          ['name'],
        ).name ?? { value: r.slug, lang: 'en' },
        theme: r.theme,
        joining: r.joining as Joining,
        visibility: r.visibility as Visibility,
        members: Number(r.members),
        topics: Number(r.topics),
        archived: r.archived_at !== null,
      }));
    },

    /** What the edit page shows: the community, its texts in every language, its facilitators. */
    async editing(actor: User, slug: string) {
      const c = await target(actor, slug);
      if (typeof c === 'string') return c;
      const [texts, members] = await Promise.all([repo.translations(db, [c.id]), repo.members(db, c.id, ['active'])]);
      return { row: c, texts, facilitators: members.filter((m) => m.role === 'facilitator') };
    },

    async create(actor: User, input: repo.CommunityInput): Promise<'done' | 'forbidden' | 'taken'> {
      if (!isAdmin(actor)) return 'forbidden';
      if (await repo.slugTaken(db, input.slug)) return 'taken';
      try {
        await repo.createCommunity(db, input, actor.id);
      } catch (error) {
        // Another administrator took the address between the check and the insert.
        if (isUniqueViolation(error)) return 'taken';
        throw error;
      }
      await audit(db, actor, 'community.create', input.slug);
      return 'done';
    },

    async update(actor: User, slug: string, input: Omit<repo.CommunityInput, 'slug'>): Promise<Change> {
      const c = await target(actor, slug);
      if (typeof c === 'string') return c;
      await repo.updateCommunity(db, c.id, input);
      await audit(db, actor, 'community.update', slug);
      await o.changed(slug);
      return 'done';
    },

    /** Archives a community (it leaves the lists and takes no more posts) or brings it back. */
    async archive(actor: User, slug: string, archived: boolean): Promise<Change> {
      const c = await target(actor, slug);
      if (typeof c === 'string') return c;
      if ((c.archived_at !== null) === archived) return 'done'; // a second click changes nothing
      await repo.setArchived(db, c.id, archived);
      await audit(db, actor, archived ? 'community.archive' : 'community.restore', slug);
      return 'done';
    },

    /** Names the account with this address a facilitator (an active one, whatever they were before). */
    async addFacilitator(actor: User, slug: string, email: string): Promise<Change | 'unknown'> {
      const c = await target(actor, slug);
      if (typeof c === 'string') return c;
      const person = await findUserByEmail(db, email);
      if (!person) return 'unknown';
      const m = await repo.membership(db, c.id, person.id);
      if (m?.role === 'facilitator' && m.status === 'active') return 'done';
      await repo.putMember(db, { communityId: c.id, userId: person.id, role: 'facilitator', status: 'active', decidedBy: actor.id });
      await audit(db, actor, 'community.facilitator.add', slug, { person: person.name, email: person.email });
      return 'done';
    },

    /** A facilitator stays in the community as an ordinary active member. */
    async removeFacilitator(actor: User, slug: string, userId: number): Promise<Change> {
      const c = await target(actor, slug);
      if (typeof c === 'string') return c;
      const [m, person] = await Promise.all([repo.membership(db, c.id, userId), findUserById(db, userId)]);
      if (!m || !person) return 'missing';
      if (m.role !== 'facilitator') return 'done'; // a second click changes nothing
      await repo.putMember(db, { communityId: c.id, userId, role: 'member', status: 'active', decidedBy: actor.id });
      await audit(db, actor, 'community.facilitator.remove', slug, { person: person.name, email: person.email });
      return 'done';
    },
  };
}

export type CommunityAdminService = ReturnType<typeof communityAdminService>;
