import type { DB } from '../../../db/database.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Text } from '../../../i18n/localise.ts';
import type { KnowledgeService, Package } from '../../knowledge/service.ts';
import type { CriterionDoc } from '../framework/document.ts';
import { resourceTitles } from '../framework/repository.ts';
import { weakestCriteria, type CriterionResult, type Level, type RoundResults } from './scoring.ts';

// What a report recommends. The weakest criteria lead to the stations, actions and
// resources their indicators link to, weakest indicator first; each dimension's maturity level
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
export interface Recommendation {
  criterion: CriterionResult;
  stations: StationLink[];
  actions: ActionLink[];
  resources: ResourceLink[];
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

export async function recommendations(
  db: DB,
  knowledge: KnowledgeService,
  lang: Lang,
  results: RoundResults,
  n = RECOMMENDED_CRITERIA,
): Promise<{ recommendations: Recommendation[]; packages: Package[] }> {
  const weakest = weakestCriteria(results, n);
  const byScore = (c: CriterionResult) => [...c.indicators].sort((a, b) => (a.score.all ?? 6) - (b.score.all ?? 6)).map((i) => i.indicator);
  const keys = weakest.flatMap((c) => c.indicators.flatMap((i) => [...i.indicator.stations, ...i.indicator.actions.map((a) => a.split('/')[0]!)]));
  const [{ packages, stations }, titles] = await Promise.all([
    linkLabels(knowledge, lang, keys),
    resourceTitles(db, [...new Set(weakest.flatMap((c) => c.indicators.flatMap((i) => i.indicator.resources)))], lang),
  ]);
  const out: Recommendation[] = [];
  for (const c of weakest) {
    const ordered = byScore(c);
    const stationLinks: StationLink[] = [];
    const actionLinks: ActionLink[] = [];
    const resourceLinks: ResourceLink[] = [];
    for (const i of ordered) {
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
    out.push({ criterion: c, stations: stationLinks.slice(0, 3), actions: actionLinks.slice(0, 5), resources: resourceLinks.slice(0, 4) });
  }
  return { recommendations: out, packages };
}

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
