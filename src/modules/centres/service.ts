import { createHash, randomBytes } from 'node:crypto';
import type { DB } from '../../db/database.ts';
import type { Lang } from '../../i18n/languages.ts';
import { translator } from '../../i18n/messages.ts';
import type { Mailer } from '../accounts/mail.ts';
import type { User } from '../accounts/repository.ts';
import type { LogoProblem, LogoStore } from './logos.ts';
import * as repo from './repository.ts';
import type { ProfileForm } from './schemas.ts';
import type { SearchProvider } from '../search/index.ts';

// The rules of centres. Every change starts with a one-line access check; a centre always keeps
// at least one administrator; invitations work once, for the address they were sent to.

export const INVITATION_DAYS = 7;

/** Addresses under /centres/ that are pages of their own, never a centre's. */
const RESERVED_SLUGS = new Set(['map', 'feed', 'new']);

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** A readable, unique address for a centre: "Centre of Excellence Chișinău" → "centre-of-excellence-chisinau". */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base || 'centre';
}

export type Access = 'admin' | 'member' | null;

// Policies: who may do what with a centre.
export const canManage = (user: User, access: Access) => access === 'admin' || user.role === 'admin';
export const canSeeMembers = (user: User, access: Access) => access !== null || user.role === 'admin';

/** What else hears of a centre's change: the search engine that indexes published profiles, and the directory. */
export interface CentreListeners {
  search: Pick<SearchProvider, 'index' | 'remove'>;
  changed: () => void;
}

/** A published centre's search document: its name, place and description, programmes and what it offers and seeks in its own words. */
export function centreDocument(c: repo.CentreRow, n: repo.NetworkProfile) {
  const country = new Intl.DisplayNames('en', { type: 'region' }).of(c.country) ?? c.country;
  const body = [
    c.city,
    country,
    c.description ?? '',
    ...n.programmes.map((p) => p.title),
    ...[...n.offers, ...n.seeks].flatMap((t) => (t.note ? [t.note] : [])),
  ]
    .filter(Boolean)
    .join('\n');
  return { kind: 'centre' as const, ref: `centre:${c.id}:profile`, lang: 'en' as const, title: c.name, body, path: `/centres/${c.slug}` };
}

export function centresService(db: DB, logos: LogoStore, mailer: Mailer, baseUrl: string, listeners?: CentreListeners) {
  /** Brings the centre's search document and the directory up to date after a change. */
  async function changed(centreId: number) {
    listeners?.changed();
    if (!listeners) return;
    const c = await repo.findCentreById(db, centreId);
    if (c?.published) await listeners.search.index([centreDocument(c, await repo.networkProfileOf(db, c))]);
    else await listeners.search.remove([`centre:${centreId}:`]);
  }

  async function load(slug: string, user: User) {
    const centre = await repo.findCentre(db, slug);
    if (!centre) return null;
    const access = ((await repo.membership(db, centre.id, user.id))?.role ?? null) as Access;
    return { centre, access };
  }

  const toInput = (f: ProfileForm): repo.ProfileInput => ({
    name: f.name,
    country: f.country,
    city: f.city,
    website: f.website,
    type: f.type,
    description: f.description,
    eqfLevels: f.eqf,
    languages: f.languages,
    sectors: f.sectors,
    published: f.published,
  });

  return {
    load,
    sectorsOf: (id: number) => repo.sectorsOf(db, id),
    /** A centre's network profile, for features that checked access themselves. */
    networkOf: (c: repo.CentreRow) => repo.networkProfileOf(db, c),
    mineById: (userId: number) => repo.centresOf(db, userId),
    published: () => repo.publishedCentres(db),

    async publicCentre(slug: string) {
      const centre = await repo.findCentre(db, slug);
      if (!centre?.published) return null;
      const [sectors, network, rounds] = await Promise.all([
        repo.sectorsOf(db, centre.id),
        repo.networkProfileOf(db, centre),
        centre.show_rounds ? repo.completedRounds(db, centre.id) : Promise.resolve(null),
      ]);
      return { centre, sectors, network, rounds };
    },

    async create(user: User, form: ProfileForm): Promise<string> {
      const base = slugify(form.name);
      let slug = base;
      for (let n = 2; RESERVED_SLUGS.has(slug) || (await repo.slugTaken(db, slug)); n++) slug = `${base}-${n}`;
      await changed(await repo.createCentre(db, slug, toInput(form), user.id));
      return slug;
    },

    /** Whether the person may manage the centre: routes ask before they read a form. */
    async mayManage(user: User, slug: string): Promise<'done' | 'forbidden' | 'missing'> {
      const c = await load(slug, user);
      if (!c) return 'missing';
      return canManage(user, c.access) ? 'done' : 'forbidden';
    },

    async update(user: User, slug: string, form: ProfileForm): Promise<'done' | 'forbidden' | 'missing'> {
      const c = await load(slug, user);
      if (!c) return 'missing';
      if (!canManage(user, c.access)) return 'forbidden';
      await repo.updateCentre(db, c.centre.id, toInput(form));
      await changed(c.centre.id);
      return 'done';
    },

    /** Indexes the published profiles that have no search document yet (at start-up); how many. */
    async indexMissing(): Promise<number> {
      const missing = await repo.publishedWithoutDocument(db);
      for (const c of missing) await changed(c.id);
      return missing.length;
    },

    /** The network profile of a centre the person may manage (null: missing or not theirs). */
    async networkProfile(user: User, slug: string) {
      const c = await load(slug, user);
      if (!c || !canManage(user, c.access)) return null;
      return { centre: c.centre, profile: await repo.networkProfileOf(db, c.centre) };
    },

    async saveNetwork(user: User, slug: string, profile: repo.NetworkProfile): Promise<'done' | 'forbidden' | 'missing'> {
      const c = await load(slug, user);
      if (!c) return 'missing';
      if (!canManage(user, c.access)) return 'forbidden';
      await repo.saveNetworkProfile(db, c.centre.id, profile);
      await changed(c.centre.id);
      return 'done';
    },

    async setLogo(user: User, slug: string, data: Buffer | null): Promise<'done' | 'forbidden' | 'missing' | LogoProblem> {
      const c = await load(slug, user);
      if (!c) return 'missing';
      if (!canManage(user, c.access)) return 'forbidden';
      const old = c.centre.logo;
      if (data === null) {
        await repo.setLogo(db, c.centre.id, null);
      } else {
        const saved = await logos.save(data);
        if ('problem' in saved) return saved;
        await repo.setLogo(db, c.centre.id, saved.file);
      }
      listeners?.changed();
      if (old) await logos.remove(old);
      return 'done';
    },

    async members(user: User, slug: string) {
      const c = await load(slug, user);
      if (!c || !canSeeMembers(user, c.access)) return null;
      return {
        ...c,
        members: await repo.members(db, c.centre.id),
        invitations: canManage(user, c.access) ? await repo.pendingInvitations(db, c.centre.id) : [],
      };
    },

    async invite(user: User, slug: string, email: string, role: string, lang: Lang): Promise<'done' | 'forbidden' | 'missing'> {
      const c = await load(slug, user);
      if (!c) return 'missing';
      if (!canManage(user, c.access)) return 'forbidden';
      const token = randomBytes(32).toString('base64url');
      await repo.saveInvitation(db, {
        hash: digest(token),
        centreId: c.centre.id,
        email,
        role,
        invitedBy: user.id,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      });
      const t = translator(lang);
      await mailer.send({
        to: email,
        subject: t('mail.invitation.subject', { centre: c.centre.name }),
        body: t('mail.invitation.body', {
          inviter: user.name,
          centre: c.centre.name,
          link: `${baseUrl}/${lang}/account/invitations/accept?token=${token}`,
          days: INVITATION_DAYS,
        }),
      });
      return 'done';
    },

    async invitation(token: string) {
      const i = await repo.findInvitation(db, digest(token));
      if (!i || i.used_at || i.expires_at <= new Date().toISOString()) return null;
      return i;
    },

    /** Joins the centre the invitation is for; only the account with the invited address may. */
    async accept(user: User, token: string): Promise<{ slug: string } | 'expired' | 'other-address'> {
      const i = await repo.findInvitation(db, digest(token));
      if (!i || i.used_at || i.expires_at <= new Date().toISOString()) return 'expired';
      if (i.email !== user.email) return 'other-address';
      const used = await repo.useInvitation(db, digest(token));
      if (!used) return 'expired';
      await repo.addMember(db, used.centre_id, user.id, used.role);
      return { slug: i.slug };
    },

    async setRole(user: User, slug: string, memberId: number, role: string): Promise<'done' | 'forbidden' | 'missing' | 'last-admin' | 'not-member'> {
      const c = await load(slug, user);
      if (!c) return 'missing';
      if (!canManage(user, c.access)) return 'forbidden';
      return repo.setRole(db, c.centre.id, memberId, role);
    },

    /** Administrators remove anyone; a member may remove themselves (leave the centre). */
    async remove(user: User, slug: string, memberId: number): Promise<'done' | 'forbidden' | 'missing' | 'last-admin' | 'not-member'> {
      const c = await load(slug, user);
      if (!c) return 'missing';
      if (!canManage(user, c.access) && !(c.access !== null && memberId === user.id)) return 'forbidden';
      return repo.removeMember(db, c.centre.id, memberId);
    },

    logo: (file: string) => logos.read(file),
  };
}

export type CentresService = ReturnType<typeof centresService>;
