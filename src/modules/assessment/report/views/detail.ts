import type { PageContext } from '../../../../http/context.ts';
import { barChart } from '../../../../ui/charts/bar-chart.ts';
import { distributionChart } from '../../../../ui/charts/distribution-chart.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { langOf } from '../../../../ui/text.ts';
import { inLang } from '../../framework/document.ts';
import type { ReportData } from '../service.ts';
import { barValues, groupName, levelBadge, score, scoreCells, scoreFormat, scoreHeads, textOf } from './cells.ts';

// The report's details: one <details> per dimension, closed by default so that the page stays
// short, each with its criteria's chart, every statement's scores and how the answers were spread.
// A link into a dimension opens it (site.js); without JavaScript its summary does.

export function detailSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const { results } = d;
  const fmt = scoreFormat(ctx);
  const categories = [1, 2, 3, 4, 5].map((v) => ({ key: String(v), label: t(`survey.scale.${v}`) }));
  categories.push({ key: 'na', label: t('survey.scale.na') }, { key: 'skip', label: t('survey.scale.skip') });
  const counts = (dist: Record<number, number>) => [1, 2, 3, 4, 5, 0, -1].map((v) => dist[v] ?? 0);
  return html`<section aria-labelledby="detail">
    <h2 id="detail">${t('report.detail.title')}</h2>
    <p>${t('report.detail.lead')}</p>
    ${results.dimensions.map((dim) => {
      const dt = inLang(dim.dimension.title, ctx);
      const statements = dim.criteria.reduce((n, c) => n + c.indicators.length, 0);
      return html`<details class="report-dimension" id="dim-${dim.dimension.id}">
        <summary><h3><span${langOf(dt, ctx)}>${dt.value}</span> <span class="dimension-score">${score(ctx, dim.score.all)} ${levelBadge(ctx, dim.level)}</span> <span class="meta">${t('report.detail.count', { criteria: dim.criteria.length, statements })}</span></h3></summary>
        ${barChart({
          id: `chart-${dim.dimension.id}`,
          title: t('report.chart.criteria', { dimension: dt.value }),
          tableLabel: t('report.chart.table'),
          rowHeader: t('report.criterion'),
          series: [{ key: 'all', label: t('report.allGroups') }, ...results.shown.map((g) => ({ key: g, label: groupName(ctx, g) }))],
          rows: dim.criteria.map((c) => ({ ...textOf(inLang(c.criterion.title, ctx)), ...barValues(ctx, c.score, results.shown) })),
          min: 1,
          max: 5,
          format: fmt,
          missingLabel: t('report.notEnough'),
          dir: ctx.dir,
        })}
        ${dim.criteria.map((c) => {
          const ct = inLang(c.criterion.title, ctx);
          const shownRows = c.indicators.filter((i) => i.score.all !== null);
          return html`<h4 id="crit-${c.criterion.id}"${langOf(ct, ctx)}>${ct.value}</h4>
            <div class="table-scroll"><table class="scores">
              <caption class="visually-hidden">${t('report.detail.caption', { criterion: ct.value })}</caption>
              <thead><tr><th scope="col">${t('report.indicator')}</th>${scoreHeads(ctx, results.shown)}</tr></thead>
              <tbody>${c.indicators.map((i) => {
                const st = inLang(i.indicator.statement, ctx);
                return html`<tr><th scope="row"${langOf(st, ctx)}>${st.value}</th>${scoreCells(ctx, i.score, results.shown)}</tr>`;
              })}</tbody>
            </table></div>
            ${
              shownRows.length
                ? distributionChart({
                    id: `dist-${c.criterion.id}`,
                    title: t('report.chart.answers', { criterion: ct.value }),
                    tableLabel: t('report.chart.table'),
                    rowHeader: t('report.indicator'),
                    categories,
                    rows: shownRows.map((i) => ({ ...textOf(inLang(i.indicator.statement, ctx)), counts: counts(i.distribution) })),
                    format: (n) => ctx.format.number(n),
                    dir: ctx.dir,
                  })
                : ''
            }`;
        })}
      </details>`;
    })}
    ${
      results.own.length
        ? html`<details class="report-dimension" id="own"><summary><h3>${t('report.own')}</h3></summary>
          <div class="table-scroll"><table class="scores">
            <caption class="visually-hidden">${t('report.own')}</caption>
            <thead><tr><th scope="col">${t('report.statement')}</th>${scoreHeads(ctx, results.shown)}</tr></thead>
            <tbody>${results.own.map((o) => html`<tr><th scope="row"${o.statement.lang === ctx.lang ? '' : html` lang="${o.statement.lang}"`}>${o.statement.text}</th>${scoreCells(ctx, o.score, results.shown)}</tr>`)}</tbody>
          </table></div></details>`
        : ''
    }
  </section>`;
}
