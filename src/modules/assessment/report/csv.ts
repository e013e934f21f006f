import { csv } from '../../../http/csv.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Texts } from '../framework/document.ts';
import { answerValues, type Distribution, type RoundResults, type ScoreSet } from './scoring.ts';

// CSV of aggregated results: only what the report itself shows, so nothing in it can point at
// one respondent.

export function reportCsv(results: RoundResults, lang: Lang, groupName: (g: string) => string): string {
  const text = (t: Texts) => (lang !== 'en' && t[lang] ? t[lang] : t.en);
  const header = [
    'level',
    'id',
    'title',
    'group',
    'score',
    'answered',
    ...answerValues.map((v) => (v === 0 ? 'not_applicable' : v === -1 ? 'prefer_not_to_say' : `answer_${v}`)),
  ];
  const rows: (string | number | null)[][] = [header];
  const groups: [string, string][] = [['all', groupName('all')], ...results.shown.map((g) => [g, groupName(g)] as [string, string])];
  const scoreRows = (level: string, id: string, title: string, score: ScoreSet) => {
    for (const [g, name] of groups)
      rows.push([
        level,
        id,
        title,
        name,
        g === 'all' ? score.all : (score.byGroup[g as keyof ScoreSet['byGroup']] ?? null),
        null,
        ...answerValues.map(() => null),
      ]);
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
        for (const g of results.shown)
          rows.push([
            'indicator',
            i.indicator.id,
            text(i.indicator.statement),
            groupName(g),
            i.score.byGroup[g] ?? null,
            null,
            ...answerValues.map(() => null),
          ]);
      }
    }
  }
  for (const o of results.own) distributionRow('own', o.statement.item, o.statement.text, o.score.all, o.answered, o.distribution);
  return csv(rows);
}
