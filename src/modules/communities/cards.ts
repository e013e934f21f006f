import { languages, type Lang } from '../../i18n/languages.ts';
import type { Text } from '../../i18n/localise.ts';

// Cards for links in posts: a post that links to a Knowledge Package, a station, a resource of the
// e-library or a centre's profile on this platform shows, under its text, a card with what the
// link leads to (its kind and title in the reader's language), so readers see where it goes
// before they follow it. The links are read from the post's text; a link to something that is not
// there (a draft, a deleted resource) gets no card.

export type CardKind = 'package' | 'station' | 'resource' | 'centre';

export interface LinkCard {
  kind: CardKind;
  /** its title, in a language of the platform's, or null for a centre's name (in whatever language the centre wrote it) */
  title: { value: string; lang: Lang | null };
  /** the address after the language */
  path: string;
}

/** the most cards a post shows, and the most different addresses a page resolves (each a look-up) */
export const CARDS_PER_POST = 3;
export const CARDS_PER_PAGE = 30;

const LANGS = languages.join('|');
const PATH = `/(?:${LANGS})(/(?:packages/\\d{1,3}(?:/stations/\\d{1,3})?|library/[a-z0-9-]{1,120}|centres/[a-z0-9-]{1,120}))(?![\\w/-])`;

/** The platform's own addresses a text links to (after the language), in order, at most CARDS_PER_POST. */
export function cardPaths(body: string, baseUrl: string): string[] {
  const host = baseUrl.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new Set<string>();
  for (const m of body.matchAll(new RegExp(`(?:${host}|\\]\\(|<|\\s|^)${PATH}`, 'g'))) {
    found.add(m[1]!);
    if (found.size === CARDS_PER_POST) break;
  }
  return [...found];
}

/** What the cards need from the rest of the platform (app.ts hands the services over). */
export interface CardSources {
  packages(lang: Lang): Promise<{ number: number; title: Text; stations: { position: number; title: Text }[] }[]>;
  resource(slug: string, lang: Lang): Promise<{ title: Text } | null>;
  centre(slug: string): Promise<{ name: string } | null>;
}

/** Resolves addresses to cards, each once; those that lead nowhere are left out. */
export async function resolveCards(sources: CardSources, paths: string[], lang: Lang): Promise<Map<string, LinkCard>> {
  const out = new Map<string, LinkCard>();
  if (paths.length === 0) return out;
  const packages = paths.some((p) => p.startsWith('/packages/')) ? await sources.packages(lang) : [];
  for (const path of [...new Set(paths)].slice(0, CARDS_PER_PAGE)) {
    const [, kind, a, , b] = path.split('/');
    if (kind === 'packages') {
      const pkg = packages.find((x) => x.number === Number(a));
      const station = b === undefined ? null : pkg?.stations.find((s) => s.position === Number(b));
      if (pkg && b === undefined) out.set(path, { kind: 'package', title: pkg.title, path });
      else if (station) out.set(path, { kind: 'station', title: station.title, path });
    } else if (kind === 'library') {
      const r = await sources.resource(a!, lang);
      if (r) out.set(path, { kind: 'resource', title: r.title, path });
    } else if (kind === 'centres') {
      const c = await sources.centre(a!);
      if (c) out.set(path, { kind: 'centre', title: { value: c.name, lang: null }, path });
    }
  }
  return out;
}
