import type { DB } from '../../../db/database.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Text } from '../../../i18n/localise.ts';
import type { KnowledgeService, Package } from '../../knowledge/service.ts';
import type { CriterionDoc, IndicatorDoc } from '../framework/document.ts';
import { resourceTitles } from '../framework/repository.ts';
import { levelOf, weakestCriteria, type CriterionResult, type DimensionResult, type Level, type RoundResults } from './scoring.ts';

// What a report recommends. The weakest criteria lead to the stations, actions and
// resources their indicators link to, weakest indicator first (or, when those link to nothing,
// broader suggestions: the criterion's other statements, its dimension's, the package for the
// level, so that "Where to start" is never empty); each dimension's maturity level
// leads to a package: the beginner package while a centre is a beginner or developing, the
// advanced one once it is advanced or leading.

export const RECOMMENDED_CRITERIA = 3;

export interface StationLink {
  key: string;
  href: string;
  title: Text;
  package: number;
}
export interface ActionLink {
  key: string;
  href: string;
  text: Text;
  station: Text;
}
export interface ResourceLink {
  slug: string;
  href: string;
  title: Text;
}
/** How far a recommendation had to look: null, the round's own statements of the criterion; then the criterion as a whole, its dimension, the package for the level. */
export type Breadth = 'criterion' | 'dimension' | 'package' | null;
export interface Recommendation {
  criterion: CriterionResult;
  dimension: DimensionResult;
  stations: StationLink[];
  actions: ActionLink[];
  resources: ResourceLink[];
  /** not null: nothing was linked to the round's statements of the criterion, so these are broader suggestions */
  broader: Breadth;
  /** the package for the dimension's level, when even the dimension links to nothing */
  package: Package | null;
}

export const packageLevelFor = (level: Level): 'beginner' | 'advanced' => (level === 'beginner' || level === 'developing' ? 'beginner' : 'advanced');

const stationKey = /^package-(\d+)-station-(\d+)$/;

/** Station titles and action texts for every station a framework links to, in the reader's language. */
export async function linkLabels(knowledge: KnowledgeService, lang: Lang, keys: string[]) {
  const packages = await knowledge.packages(lang);
  const stations = new Map<string, { title: Text; package: number; position: number; actions: { title: string; actions: string[] }[]; actionsLang: Lang }>();
  for (const key of new Set(keys)) {
    const m = stationKey.exec(key);
    if (!m) continue;
    const found = await knowledge.station(Number(m[1]), Number(m[2]), lang);
    if (!found) continue;
    stations.set(key, {
      title: found.station.title,
      package: Number(m[1]),
      position: Number(m[2]),
      actions: found.station.actionGroups?.value ?? [],
      actionsLang: found.station.actionGroups?.lang ?? 'en',
    });
  }
  return { packages, stations };
}

type Labels = Awaited<ReturnType<typeof linkLabels>>['stations'];

/** The stations, actions and resources some indicators link to, in the order given, without repeats. */
function linksOf(indicators: IndicatorDoc[], stations: Labels, titles: Map<string, Text>) {
  const stationLinks: StationLink[] = [];
  const actionLinks: ActionLink[] = [];
  const resourceLinks: ResourceLink[] = [];
  for (const i of indicators) {
    for (const key of i.stations) {
      const s = stations.get(key);
      if (s && !stationLinks.some((x) => x.key === key))
        stationLinks.push({ key, href: `/packages/${s.package}/stations/${s.position}`, title: s.title, package: s.package });
    }
    for (const key of i.actions) {
      const [station, g, a] = key.split('/') as [string, string, string];
      const s = stations.get(station);
      const text = s?.actions[Number(g) - 1]?.actions[Number(a) - 1];
      if (s && text && !actionLinks.some((x) => x.key === key))
        actionLinks.push({
          key,
          href: `/packages/${s.package}/stations/${s.position}#actions-${g}`,
          text: { value: text, lang: s.actionsLang },
          station: s.title,
        });
    }
    for (const slug of i.resources) {
      const title = titles.get(slug);
      if (title && !resourceLinks.some((x) => x.slug === slug)) resourceLinks.push({ slug, href: `/library/${slug}`, title });
    }
  }
  return { stations: stationLinks.slice(0, 3), actions: actionLinks.slice(0, 5), resources: resourceLinks.slice(0, 4) };
}

/**
 * What to start with for the weakest criteria. Each criterion's links come from its statements in
 * the round, weakest first; when those link to nothing, from all the criterion's statements, then
 * from its dimension's, and at last the package for the dimension's level: never nothing.
 */
export async function recommendations(
  db: DB,
  knowledge: KnowledgeService,
  lang: Lang,
  results: RoundResults,
  n = RECOMMENDED_CRITERIA,
): Promise<{ recommendations: Recommendation[]; packages: Package[] }> {
  const weakest = weakestCriteria(results, n);
  const dimensionOf = (c: CriterionResult) => results.dimensions.find((d) => d.criteria.includes(c))!;
  // Every statement a recommendation may fall back on, so that one look-up serves all of them.
  const tiers = weakest.map((c) => {
    const dimension = dimensionOf(c);
    return {
      c,
      dimension,
      tiers: [
        { breadth: null, indicators: [...c.indicators].sort((a, b) => (a.score.all ?? 6) - (b.score.all ?? 6)).map((i) => i.indicator) },
        { breadth: 'criterion' as const, indicators: c.criterion.indicators },
        { breadth: 'dimension' as const, indicators: dimension.dimension.criteria.flatMap((x) => x.indicators) },
      ],
    };
  });
  // The broader tiers are read only where the round's statements link to nothing.
  const all = tiers.flatMap((x) => (hasLinks(x.tiers[0]!.indicators) ? x.tiers[0]!.indicators : x.tiers.flatMap((t) => t.indicators)));
  const keys = all.flatMap((i) => [...i.stations, ...i.actions.map((a) => a.split('/')[0]!)]);
  const [{ packages, stations }, titles] = await Promise.all([
    linkLabels(knowledge, lang, keys),
    resourceTitles(db, [...new Set(all.flatMap((i) => i.resources))], lang),
  ]);
  const out: Recommendation[] = [];
  for (const { c, dimension, tiers: ts } of tiers) {
    let found: Omit<Recommendation, 'criterion' | 'dimension' | 'package'> | null = null;
    for (const tier of ts) {
      const links = linksOf(tier.indicators, stations, titles);
      if (links.stations.length || links.actions.length || links.resources.length) {
        found = { ...links, broader: tier.breadth };
        break;
      }
    }
    const level = dimension.level ?? (c.score.all === null ? 'beginner' : levelOf(c.score.all));
    const pkg = packages.find((p) => p.level === packageLevelFor(level)) ?? packages[0] ?? null;
    if (found) out.push({ criterion: c, dimension, ...found, package: null });
    else
      out.push({
        criterion: c,
        dimension,
        stations: (pkg?.stations ?? []).slice(0, 3).map((s) => ({
          key: `package-${pkg!.number}-station-${s.position}`,
          href: `/packages/${pkg!.number}/stations/${s.position}`,
          title: s.title,
          package: pkg!.number,
        })),
        actions: [],
        resources: [],
        broader: 'package',
        package: pkg,
      });
  }
  return { recommendations: out, packages };
}

const hasLinks = (xs: IndicatorDoc[]) => xs.some((i) => i.stations.length || i.actions.length || i.resources.length);

/** Every recommended station action of some criteria, for the development plan's choices. */
export async function actionsFor(knowledge: KnowledgeService, lang: Lang, criteria: CriterionDoc[]): Promise<ActionLink[]> {
  const keys = criteria.flatMap((c) => c.indicators.flatMap((i) => i.actions));
  const { stations } = await linkLabels(
    knowledge,
    lang,
    keys.map((k) => k.split('/')[0]!),
  );
  const out: ActionLink[] = [];
  for (const key of new Set(keys)) {
    const [station, g, a] = key.split('/') as [string, string, string];
    const s = stations.get(station);
    const text = s?.actions[Number(g) - 1]?.actions[Number(a) - 1];
    if (s && text)
      out.push({ key, href: `/packages/${s.package}/stations/${s.position}#actions-${g}`, text: { value: text, lang: s.actionsLang }, station: s.title });
  }
  return out;
}
