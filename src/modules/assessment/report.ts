import type { Text } from '../../i18n/localise.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { KnowledgeService, Package } from '../knowledge/service.ts';
import type { CriterionDoc, Texts } from './framework/document.ts';
import { resourceTitles } from './framework/repository.ts';
import type { DB } from '../../db/database.ts';
import { csv } from '../../http/csv.ts';
import { answerValues, weakestCriteria, type CriterionResult, type Distribution, type Level, type RoundResults, type ScoreSet } from './scoring.ts';

// What a report recommends, and its CSV. The weakest criteria lead to the stations, actions and
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
    stations.set(key, { title: found.station.title, package: Number(m[1]), position: Number(m[2]), actions: found.station.actionGroups?.value ?? [], actionsLang: found.station.actionGroups?.lang ?? 'en' });
  }
  return { packages, stations };
}

export async function recommendations(db: DB, knowledge: KnowledgeService, lang: Lang, results: RoundResults, n = RECOMMENDED_CRITERIA): Promise<{ recommendations: Recommendation[]; packages: Package[] }> {
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
        if (s && !stationLinks.some((x) => x.key === key)) stationLinks.push({ key, href: `/packages/${s.package}/stations/${s.position}`, title: s.title, package: s.package });
      }
      for (const key of i.actions) {
        const [station, g, a] = key.split('/') as [string, string, string];
        const s = stations.get(station);
        const text = s?.actions[Number(g) - 1]?.actions[Number(a) - 1];
        if (s && text && !actionLinks.some((x) => x.key === key)) actionLinks.push({ key, href: `/packages/${s.package}/stations/${s.position}#actions-${g}`, text: { value: text, lang: s.actionsLang }, station: s.title });
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
  const { stations } = await linkLabels(knowledge, lang, keys.map((k) => k.split('/')[0]!));
  const out: ActionLink[] = [];
  for (const key of new Set(keys)) {
    const [station, g, a] = key.split('/') as [string, string, string];
    const s = stations.get(station);
    const text = s?.actions[Number(g) - 1]?.actions[Number(a) - 1];
    if (s && text) out.push({ key, href: `/packages/${s.package}/stations/${s.position}#actions-${g}`, text: { value: text, lang: s.actionsLang }, station: s.title });
  }
  return out;
}

// CSV of aggregated results: only what the report itself shows, so nothing in it can point at
// one respondent.

export function reportCsv(results: RoundResults, lang: Lang, groupName: (g: string) => string): string {
  const text = (t: Texts) => (lang !== 'en' && t[lang] ? t[lang] : t.en);
  const header = ['level', 'id', 'title', 'group', 'score', 'answered', ...answerValues.map((v) => (v === 0 ? 'not_applicable' : v === -1 ? 'prefer_not_to_say' : `answer_${v}`))];
  const rows: (string | number | null)[][] = [header];
  const groups: [string, string][] = [['all', groupName('all')], ...results.shown.map((g) => [g, groupName(g)] as [string, string])];
  const scoreRows = (level: string, id: string, title: string, score: ScoreSet) => {
    for (const [g, name] of groups) rows.push([level, id, title, name, g === 'all' ? score.all : (score.byGroup[g as keyof ScoreSet['byGroup']] ?? null), null, ...answerValues.map(() => null)]);
  };
  const distributionRow = (level: string, id: string, title: string, score: number | null, answered: number, d: Distribution) =>
    rows.push([level, id, title, groupName('all'), score, score === null ? null : answered, ...answerValues.map((v) => (score === null ? null : (d[v] ?? 0)))]);
  scoreRows('overall', 'overall', '', results.overall);
  for (const d of results.dimensions) {
    scoreRows('dimension', d.dimension.id, text(d.dimension.title), d.score);
    for (const c of d.criteria) {
      scoreRows('criterion', c.criterion.id, text(c.criterion.title), c.score);
      for (const i of c.indicators) {
        distributionRow('indicator', i.indicator.id, text(i.indicator.statement), i.score.all, i.answered, i.distribution);
        for (const g of results.shown) rows.push(['indicator', i.indicator.id, text(i.indicator.statement), groupName(g), i.score.byGroup[g] ?? null, null, ...answerValues.map(() => null)]);
      }
    }
  }
  for (const o of results.own) distributionRow('own', o.statement.item, o.statement.text, o.score.all, o.answered, o.distribution);
  return csv(rows);
}
