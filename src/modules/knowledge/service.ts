import type { DB } from '../../db/database.ts';
import type { Lang } from '../../i18n/languages.ts';
import { attachmentsFor } from '../files/repository.ts';
import type { LibraryService } from '../library/service.ts';

/** How many resources a station page lists; the e-library link shows them all. */
export const STATION_RESOURCES = 12;
import * as repo from './repository.ts';

export type { CaseStudy, ChecklistItem, Package, Page, SpotlightItem, Station, StationSummary } from './repository.ts';

export interface CheckerPick {
  item: repo.ChecklistItem;
  package: repo.Package;
}

export interface StationAdvice {
  package: repo.Package;
  station: repo.StationSummary;
  /** the ticked challenges this station helps with */
  because: repo.ChecklistItem[];
}

export interface CheckerResult {
  picks: CheckerPick[];
  /** the package to start with */
  recommended: repo.Package;
  /** why that one: it alone matches, it matches more, or a tie where the beginner package comes first */
  reason: 'only' | 'most' | 'tie';
  /** stations to start with, the most relevant first */
  stations: StationAdvice[];
}

/**
 * The challenge checker's rule: each ticked challenge points to its package and to the stations
 * that help with it. The package with more ticks is recommended; on a tie, the beginner package,
 * since Package 2 builds on Package 1. Stations are ordered by how many ticks point to them.
 */
export function adviseFor(packages: repo.Package[], keys: string[]): CheckerResult | null {
  const picks: CheckerPick[] = [];
  for (const p of packages) for (const item of p.checklist) if (keys.includes(item.key)) picks.push({ item, package: p });
  if (picks.length === 0) return null;
  const counts = packages.map((p) => ({ p, n: picks.filter((x) => x.package.id === p.id).length })).filter((c) => c.n > 0);
  counts.sort((a, b) => b.n - a.n || a.p.number - b.p.number);
  const reason = counts.length === 1 ? 'only' : counts[0]!.n === counts[1]!.n ? 'tie' : 'most';
  const advice = new Map<number, StationAdvice>();
  for (const { item, package: p } of picks) {
    for (const position of item.stations) {
      const station = p.stations.find((s) => s.position === position);
      if (!station) continue;
      const entry = advice.get(station.id) ?? { package: p, station, because: [] };
      entry.because.push(item);
      advice.set(station.id, entry);
    }
  }
  const rank = new Map(counts.map((c, i) => [c.p.id, i]));
  const stations = [...advice.values()].sort(
    (a, b) => rank.get(a.package.id)! - rank.get(b.package.id)! || b.because.length - a.because.length || a.station.position - b.station.position,
  );
  return { picks, recommended: counts[0]!.p, reason, stations };
}

/**
 * The Knowledge Packages as pages show them. Public pages use the default (published items only);
 * the back office's previews use `{ drafts: true }`, which also shows drafts.
 */
/** A case study shows only while its package does. */
const withPackage = (studies: repo.CaseStudy[], packages: repo.Package[]) => studies.filter((c) => packages.some((p) => p.id === c.packageId));

export function knowledgeService(db: DB, library: LibraryService, options: { drafts?: boolean } = {}) {
  const drafts = options.drafts ?? false;
  const listPackages = (lang: Lang) => repo.listPackages(db, lang, drafts);
  const listCaseStudies = (lang: Lang, slug?: string) => repo.listCaseStudies(db, lang, slug, drafts);
  return {
    packages: (lang: Lang) => listPackages(lang),

    async home(lang: Lang) {
      const [page, packages, caseStudies, spotlight] = await Promise.all([
        repo.getPage(db, 'home', lang, drafts),
        listPackages(lang),
        listCaseStudies(lang),
        repo.listSpotlight(db, lang, drafts),
      ]);
      return { page, packages, caseStudies: withPackage(caseStudies, packages), spotlight };
    },

    async package(number: number, lang: Lang) {
      const packages = await listPackages(lang);
      const pkg = packages.find((p) => p.number === number);
      if (!pkg) return null;
      const caseStudies = (await listCaseStudies(lang)).filter((c) => c.packageId === pkg.id);
      return { pkg, packages, caseStudies };
    },

    async station(number: number, position: number, lang: Lang) {
      const packages = await listPackages(lang);
      const pkg = packages.find((p) => p.number === number);
      if (!pkg) return null;
      const station = await repo.getStation(db, pkg.id, position, lang, drafts);
      if (!station) return null;
      const index = pkg.stations.findIndex((s) => s.position === position);
      const resources = await library.forStation(lang, number, position, STATION_RESOURCES);
      return {
        pkg,
        station,
        resources: resources.items,
        resourceTotal: resources.total,
        previous: pkg.stations[index - 1] ?? null,
        next: pkg.stations[index + 1] ?? null,
      };
    },

    async caseStudies(lang: Lang): Promise<[repo.CaseStudy[], repo.Package[]]> {
      const [studies, packages] = await Promise.all([listCaseStudies(lang), listPackages(lang)]);
      return [withPackage(studies, packages), packages];
    },

    async caseStudy(slug: string, lang: Lang) {
      const [study] = await listCaseStudies(lang, slug);
      if (!study) return null;
      const packages = await listPackages(lang);
      const pkg = packages.find((p) => p.id === study.packageId);
      return pkg ? { study, pkg, attachments: await attachmentsFor(db, { kind: 'case-study', id: study.id }) } : null;
    },

    spotlight: (lang: Lang) => repo.listSpotlight(db, lang, drafts),
    page: (slug: string, lang: Lang) => repo.getPage(db, slug, lang, drafts),
    vocabulary: (kind: 'types' | 'themes' | 'sectors', lang: Lang) => repo.vocabulary(db, kind, lang),

    async checker(keys: string[], lang: Lang) {
      const packages = await listPackages(lang);
      const known = new Set(packages.flatMap((p) => p.checklist.map((c) => c.key)));
      return { packages, unknown: keys.filter((k) => !known.has(k)), result: adviseFor(packages, keys) };
    },
  };
}

export type KnowledgeService = ReturnType<typeof knowledgeService>;
