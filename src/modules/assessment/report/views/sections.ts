import type { PageContext } from '../../../../http/context.ts';
import type { Text } from '../../../../i18n/localise.ts';
import { barChart } from '../../../../ui/charts/bar-chart.ts';
import { heatMap } from '../../../../ui/charts/heat-map.ts';
import { day } from '../../../../ui/dates.ts';
import { button } from '../../../../ui/components/button/button.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { langOf } from '../../../../ui/text.ts';
import { inLang } from '../../framework/document.ts';
import { roundPath } from '../../paths.ts';
import { cellOf } from '../scoring.ts';
import type { ReportData } from '../service.ts';
import { barValues, changeFormat, groupName, score, scoreFormat, textOf } from './cells.ts';

// The report's comparisons: dimensions across groups, the heat map of criteria by group with the
// largest gaps, progress since an earlier round, and other centres (one line while too few take part).

export function dimensionsSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const { results } = d;
  return html`<section aria-labelledby="dimensions">
    <h2 id="dimensions">${t('report.dimensions.title')}</h2>
    ${barChart({
      id: 'chart-dimensions',
      title: t('report.chart.dimensions'),
      tableLabel: t('report.chart.table'),
      rowHeader: t('report.dimension'),
      series: [{ key: 'all', label: t('report.allGroups') }, ...results.shown.map((g) => ({ key: g, label: groupName(ctx, g) }))],
      rows: results.dimensions.map((dim) => ({ ...textOf(inLang(dim.dimension.title, ctx)), ...barValues(ctx, dim.score, results.shown) })),
      min: 1,
      max: 5,
      format: scoreFormat(ctx),
      missingLabel: t('report.notEnough'),
      dir: ctx.dir,
    })}
  </section>`;
}

export function groupsSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const { results } = d;
  if (results.shown.length < 2) return html``;
  const criteria = results.dimensions.flatMap((x) => x.criteria);
  const fmt = scoreFormat(ctx);
  return html`<section aria-labelledby="groups">
    <h2 id="groups">${t('report.groups.title')}</h2>
    ${heatMap({
      id: 'chart-heat',
      title: t('report.chart.heat'),
      cornerHeader: t('report.criterion'),
      rows: criteria.map((c) => textOf(inLang(c.criterion.title, ctx))),
      columns: results.shown.map((g) => ({ label: groupName(ctx, g) })),
      values: criteria.map((c) =>
        results.shown.map((g) => {
          const cell = cellOf(c.score, results.shown, g);
          return cell === 'notEnough' ? null : cell;
        }),
      ),
      min: 1,
      max: 5,
      format: fmt,
      missingLabel: t('report.notEnough'),
      notAskedLabel: t('report.notAsked'),
      dir: ctx.dir,
      legend: { low: t('report.chart.low'), high: t('report.chart.high') },
    })}
    ${
      results.gaps.length
        ? html`<h3>${t('report.gaps.title')}</h3>
        <p>${t('report.gaps.lead')}</p>
        <ol>${results.gaps.slice(0, 5).map((g) => {
          const title = inLang(g.criterion.title, ctx);
          return html`<li><span${langOf(title, ctx)}>${title.value}</span>: ${t('report.gaps.item', { high: groupName(ctx, g.high.group), highScore: fmt(g.high.score), low: groupName(ctx, g.low.group), lowScore: fmt(g.low.score), gap: fmt(g.gap) })}</li>`;
        })}</ol>`
        : ''
    }
  </section>`;
}

export function progressSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const path = `${roundPath(ctx, d.page.centre.slug, d.page.loaded.round.id)}/report`;
  if (!d.others.length) return html``;
  const picker = html`<form class="compare-form" method="get" action="${path}#progress">
    <label for="compare">${t('report.progress.with')}</label>
    <select id="compare" name="compare">
      ${d.others.map((r) => html`<option value="${r.id}"${d.compare?.round.id === r.id ? html` selected` : ''}>${r.title} (${day(ctx, r.opens_at)})</option>`)}
    </select>
    ${button({ text: t('report.progress.show'), variant: 'secondary' })}
  </form>`;
  if (!d.compare)
    return html`<section aria-labelledby="progress"><h2 id="progress">${t('report.progress.title')}</h2><p>${t('report.progress.lead')}</p>${picker}</section>`;
  const before = d.compare.results;
  const fmt = scoreFormat(ctx);
  const change = changeFormat(ctx);
  const row = (label: Text, now: number | null, then: number | null, level: 'dim' | 'crit') => html`<tr class="${level}">
    <th scope="row"${langOf(label, ctx)}>${label.value}</th>
    <td>${score(ctx, then)}</td><td>${score(ctx, now)}</td>
    <td>${now !== null && then !== null ? html`<span class="${now - then > 0.05 ? 'up' : now - then < -0.05 ? 'down' : 'same'}">${change(now - then)}</span>` : '–'}</td>
  </tr>`;
  const prevDim = new Map(before.dimensions.map((x) => [x.dimension.id, x]));
  const prevCrit = new Map(before.dimensions.flatMap((x) => x.criteria).map((c) => [c.criterion.id, c]));
  return html`<section aria-labelledby="progress">
    <h2 id="progress">${t('report.progress.title')}</h2>
    ${picker}
    ${barChart({
      id: 'chart-progress',
      title: t('report.chart.progress'),
      tableLabel: t('report.chart.table'),
      rowHeader: t('report.dimension'),
      series: [
        { key: 'before', label: d.compare.round.title },
        { key: 'now', label: d.page.loaded.round.title },
      ],
      rows: d.results.dimensions.map((x) => ({
        ...textOf(inLang(x.dimension.title, ctx)),
        values: [prevDim.get(x.dimension.id)?.score.all ?? null, x.score.all],
      })),
      min: 1,
      max: 5,
      format: fmt,
      missingLabel: t('report.notEnough'),
      dir: ctx.dir,
    })}
    <div class="table-scroll"><table class="scores progress-table">
      <caption>${t('report.progress.caption', { before: d.compare.round.title, now: d.page.loaded.round.title })}</caption>
      <thead><tr><th scope="col">${t('report.criterion')}</th><th scope="col">${d.compare.round.title}</th><th scope="col">${d.page.loaded.round.title}</th><th scope="col">${t('report.progress.change')}</th></tr></thead>
      <tbody>${d.results.dimensions.map((x) => [
        row(inLang(x.dimension.title, ctx), x.score.all, prevDim.get(x.dimension.id)?.score.all ?? null, 'dim'),
        ...x.criteria.map((c) => row(inLang(c.criterion.title, ctx), c.score.all, prevCrit.get(c.criterion.id)?.score.all ?? null, 'crit')),
      ])}</tbody>
    </table></div>
  </section>`;
}

/** Whether any comparison has enough centres to show; otherwise the benchmark is one line. */
export const benchmarkShows = (b: NonNullable<ReportData['benchmark']>): boolean => b.scopes.some((s) => s.centres >= b.minCentres);

export function benchmarkSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const b = d.benchmark;
  if (!b) return html``;
  const optedOut = b.optedOut ? html`<p class="hint">${t('report.benchmark.optedOut')}</p>` : '';
  if (!benchmarkShows(b))
    return html`<section aria-labelledby="benchmark">
    <h2 id="benchmark">${t('report.benchmark.title')}</h2>
    <p class="benchmark-too-few">${t('report.benchmark.tooFewLine', { min: b.minCentres })}</p>
    ${optedOut}
  </section>`;
  const fmt = scoreFormat(ctx);
  const path = `${roundPath(ctx, d.page.centre.slug, d.page.loaded.round.id)}/report`;
  // Only the comparisons with enough centres get a column; the others are named in one line.
  const shown = b.scopes.map((s, i) => ({ s, i })).filter((x) => x.s.centres >= b.minCentres);
  const few = b.scopes.filter((s) => s.centres < b.minCentres);
  return html`<section aria-labelledby="benchmark">
    <h2 id="benchmark">${t('report.benchmark.title')}</h2>
    <p>${t('report.benchmark.lead', { min: b.minCentres })}</p>
    ${
      b.sectors.length > 1
        ? html`<form class="compare-form" method="get" action="${path}#benchmark">
          <label for="sector">${t('report.benchmark.sector')}</label>
          <select id="sector" name="sector">${b.sectors.map((s) => html`<option value="${s.key}"${s.key === b.sector ? html` selected` : ''}>${s.label}</option>`)}</select>
          ${d.compare ? html`<input type="hidden" name="compare" value="${d.compare.round.id}">` : ''}
          ${button({ text: t('report.progress.show'), variant: 'secondary' })}
        </form>`
        : ''
    }
    ${few.length ? html`<p class="hint">${few.map((s) => s.label).join(' · ')}${t('format.colon')}${t('report.benchmark.tooFew')}</p>` : ''}
    <div class="table-scroll"><table class="scores">
      <caption>${t('report.benchmark.caption')}</caption>
      <thead><tr><th scope="col">${t('report.dimension')}</th><th scope="col">${t('report.benchmark.you')}</th>${shown.map(({ s }) => html`<th scope="col">${s.label} <span class="meta">(${t('report.benchmark.centres', { n: s.centres })})</span></th>`)}</tr></thead>
      <tbody>${b.rows.map(
        (r) => html`<tr>
        <th scope="row"${langOf(r.label, ctx)}>${r.label.value}</th>
        <td>${score(ctx, r.own)}</td>
        ${shown.map(({ i }) => html`<td>${r.others[i] === null || r.others[i] === undefined ? '–' : fmt(r.others[i])}</td>`)}
      </tr>`,
      )}</tbody>
    </table></div>
    ${optedOut}
  </section>`;
}
