import type { PageContext } from '../../../../http/context.ts';
import type { Text } from '../../../../i18n/localise.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { langOf } from '../../../../ui/text.ts';
import { inLang, type DimensionDoc } from '../../framework/document.ts';
import type { Mean } from '../../report/benchmark.ts';
import { scoreFormat } from '../../report/views/report.ts';
import type { PolicyData } from '../service.ts';

// The policy view, for policy readers and administrators: results aggregated by country, sector
// and dimension. Its way back is the back office for administrators, the account for the others.

const crumbs = (ctx: PageContext, backOffice: boolean) =>
  backOffice ? [{ href: href(ctx, '/admin'), label: ctx.t('admin.heading') }] : [{ href: href(ctx, '/account'), label: ctx.t('nav.account') }];

interface PolicyTable {
  by: 'country' | 'sector';
  /** rows: a country or sector with its label */
  rows: { key: string; label: string }[];
  /** columns: overall, then each dimension */
  columns: { key: string; label: Text }[];
  cells: Map<string, { score: number; centres: number }>;
}

/** A table of means by country or sector: one row each, sorted by name; overall, then each dimension. */
function tableOf(
  ctx: PageContext,
  by: 'country' | 'sector',
  groups: Map<string, Map<string, Mean>>,
  dimensions: DimensionDoc[],
  label: (key: string) => string,
): PolicyTable {
  const columns = [
    { key: 'overall', label: { value: ctx.t('report.overall'), lang: ctx.lang } },
    ...dimensions.map((d) => ({ key: d.id, label: inLang(d.title, ctx) })),
  ];
  return {
    by,
    rows: [...groups.keys()].map((key) => ({ key, label: label(key) })).sort((x, y) => x.label.localeCompare(y.label, ctx.lang)),
    columns,
    cells: new Map(
      [...groups].flatMap(([g, m]) =>
        columns.flatMap((c) => {
          const mean = m.get(c.key === 'overall' ? 'overall:overall' : `dimension:${c.key}`);
          return mean ? [[`${g}:${c.key}`, mean] as [string, Mean]] : [];
        }),
      ),
    ),
  };
}

export function policyView(ctx: PageContext, d: PolicyData, o: { backOffice: boolean }): string {
  const { t } = ctx;
  const fmt = scoreFormat(ctx);
  const { minCentres, centres } = d;
  const tables = [
    tableOf(ctx, 'country', d.byCountry, d.dimensions, (k) => ctx.format.country(k)),
    tableOf(ctx, 'sector', d.bySector, d.dimensions, (k) => d.sectorNames.get(k) ?? k),
  ];
  const table = (p: PolicyTable): Html => html`<section aria-labelledby="policy-${p.by}">
    <h2 id="policy-${p.by}">${t(`policy.by.${p.by}`)}</h2>
    ${
      p.rows.length
        ? html`<div class="table-scroll"><table class="scores">
          <caption class="visually-hidden">${t(`policy.by.${p.by}`)}</caption>
          <thead><tr><th scope="col">${t(`policy.column.${p.by}`)}</th>${p.columns.map((c) => html`<th scope="col"${langOf(c.label, ctx)}>${c.label.value}</th>`)}</tr></thead>
          <tbody>${p.rows.map(
            (r) =>
              html`<tr><th scope="row">${r.label}</th>${p.columns.map((c) => {
                const cell = p.cells.get(`${r.key}:${c.key}`);
                return html`<td>${cell && cell.centres >= minCentres ? html`${fmt(cell.score)} <span class="meta">(${t('report.benchmark.centres', { n: cell.centres })})</span>` : html`<span class="meta">${t('report.benchmark.tooFew')}</span>`}</td>`;
              })}</tr>`,
          )}</tbody>
        </table></div>`
        : html`<p class="empty-state">${t('policy.none')}</p>`
    }
  </section>`;
  const body = html`<h1>${t('policy.title')}</h1>
    <p class="lead">${t('policy.lead', { min: minCentres, centres })}</p>
    <p><a href="${href(ctx, '/admin/self-assessment/policy.csv')}" download>${t('policy.csv')}</a></p>
    ${tables.map(table)}`;
  return layout(ctx, { title: t('policy.title'), body, breadcrumbs: crumbs(ctx, o.backOffice), index: false, pageType: 'admin' });
}
