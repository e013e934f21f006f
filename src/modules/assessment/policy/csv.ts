import { csv, type CsvValue } from '../../../http/csv.ts';
import type { PageContext } from '../../../http/context.ts';
import { inLang } from '../framework/document.ts';
import type { PolicyData } from './service.ts';

// The policy view's tables as one CSV file: a row per country or sector and column (overall, then
// each dimension), with the same rule as the page: a score and its count of centres only where at
// least MIN_CENTRES centres make it.

export function policyCsv(ctx: PageContext, d: PolicyData): string {
  const columns = [
    { key: 'overall', scope: 'overall:overall', title: ctx.t('report.overall') },
    ...d.dimensions.map((x) => ({ key: x.id, scope: `dimension:${x.id}`, title: inLang(x.title, ctx).value })),
  ];
  const rows: CsvValue[][] = [['by', 'key', 'name', 'column', 'column_title', 'score', 'centres']];
  const tables = [
    ['country', d.byCountry, (k: string) => ctx.format.country(k)],
    ['sector', d.bySector, (k: string) => d.sectorNames.get(k) ?? k],
  ] as const;
  for (const [by, groups, name] of tables) {
    const keys = [...groups.keys()].sort((x, y) => name(x).localeCompare(name(y), ctx.lang));
    for (const key of keys)
      for (const c of columns) {
        const mean = groups.get(key)?.get(c.scope);
        const shown = mean !== undefined && mean.centres >= d.minCentres;
        rows.push([by, key, name(key), c.key, c.title, shown ? mean.score : null, shown ? mean.centres : null]);
      }
  }
  return csv(rows);
}
