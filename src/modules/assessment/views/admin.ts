import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { langOf } from '../../../ui/text.ts';
import type { Text } from '../../../i18n/localise.ts';
import { scoreFormat } from '../report/views/report.ts';

// The administrators' policy view: results aggregated by country, sector and dimension.

const adminCrumbs = (ctx: PageContext) => [{ href: href(ctx, '/admin'), label: ctx.t('admin.heading') }];

export interface PolicyTable {
  by: 'country' | 'sector';
  /** rows: a country or sector with its label */
  rows: { key: string; label: string }[];
  /** columns: overall, then each dimension */
  columns: { key: string; label: Text }[];
  cells: Map<string, { score: number; centres: number }>;
}

export function policyView(ctx: PageContext, tables: PolicyTable[], minCentres: number, centres: number): string {
  const { t } = ctx;
  const fmt = scoreFormat(ctx);
  const table = (p: PolicyTable): Html => html`<section aria-labelledby="policy-${p.by}">
    <h2 id="policy-${p.by}">${t(`policy.by.${p.by}`)}</h2>
    ${p.rows.length
      ? html`<div class="table-scroll"><table class="scores">
          <caption class="visually-hidden">${t(`policy.by.${p.by}`)}</caption>
          <thead><tr><th scope="col">${t(`policy.column.${p.by}`)}</th>${p.columns.map((c) => html`<th scope="col"${langOf(c.label, ctx)}>${c.label.value}</th>`)}</tr></thead>
          <tbody>${p.rows.map(
            (r) => html`<tr><th scope="row">${r.label}</th>${p.columns.map((c) => {
              const cell = p.cells.get(`${r.key}:${c.key}`);
              return html`<td>${cell && cell.centres >= minCentres ? html`${fmt(cell.score)} <span class="meta">(${t('report.benchmark.centres', { n: cell.centres })})</span>` : html`<span class="meta">${t('report.benchmark.tooFew')}</span>`}</td>`;
            })}</tr>`,
          )}</tbody>
        </table></div>`
      : html`<p class="empty-state">${t('policy.none')}</p>`}
  </section>`;
  const body = html`<h1>${t('policy.title')}</h1>
    <p class="lead">${t('policy.lead', { min: minCentres, centres })}</p>
    ${tables.map(table)}`;
  return layout(ctx, { title: t('policy.title'), body, breadcrumbs: adminCrumbs(ctx), index: false, pageType: 'admin' });
}
