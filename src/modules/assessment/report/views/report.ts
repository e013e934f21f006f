import type { PageContext } from '../../../../http/context.ts';
import type { Lang } from '../../../../i18n/languages.ts';
import type { Text } from '../../../../i18n/localise.ts';
import { barChart } from '../../../../ui/charts/bar-chart.ts';
import { distributionChart } from '../../../../ui/charts/distribution-chart.ts';
import { heatMap } from '../../../../ui/charts/heat-map.ts';
import { day } from '../../../../ui/dates.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { langOf, txt } from '../../../../ui/text.ts';
import { inLang } from '../../framework/document.ts';
import type { StakeholderGroup } from '../../framework/format.ts';
import { crumbs, roundPath } from '../../paths.ts';
import { lastDay, statusOf } from '../../round.ts';
import { packageLevelFor } from '../recommendations.ts';
import { levelFloors, levels, type ScoreSet } from '../scoring.ts';
import type { ReportData } from '../service.ts';
import { responsesSection } from './intake.ts';

// A round's report: where the centre stands overall, per dimension, criterion and indicator, for
// every group whose results may show and for all of them together; the heat map of criteria by
// group, the largest gaps, strengths and areas to improve, maturity levels that lead to the
// packages, progress since an earlier round and how other centres compare. Every chart is drawn on
// the server (ui/charts): SVG with its data as a table, the heat map a coloured table.

const scoreFormats = new Map<Lang, Intl.NumberFormat>();
export function scoreFormat(ctx: PageContext): (n: number) => string {
  let f = scoreFormats.get(ctx.lang);
  if (!f) scoreFormats.set(ctx.lang, (f = new Intl.NumberFormat(ctx.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return (n) => f.format(n);
}
const changeFormats = new Map<Lang, Intl.NumberFormat>();
function changeFormat(ctx: PageContext): (n: number) => string {
  let f = changeFormats.get(ctx.lang);
  if (!f) changeFormats.set(ctx.lang, (f = new Intl.NumberFormat(ctx.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' })));
  return (n) => f.format(n);
}

function score(ctx: PageContext, value: number | null | undefined): Html {
  return value === null || value === undefined ? html`<span class="meta">${ctx.t('report.notEnough')}</span>` : html`${scoreFormat(ctx)(value)}`;
}

const groupName = (ctx: PageContext, g: string) => ctx.t(`assessment.groupName.${g}`);
const textOf = (t: Text) => ({ label: t.value, lang: t.lang });

/** The score columns of a table: all groups together, then each group shown. */
function scoreCells(ctx: PageContext, s: ScoreSet, shown: StakeholderGroup[]): Html {
  return html`<td>${score(ctx, s.all)}</td>${shown.map((g) => html`<td>${score(ctx, s.byGroup[g])}</td>`)}`;
}
function scoreHeads(ctx: PageContext, shown: StakeholderGroup[]): Html {
  return html`<th scope="col">${ctx.t('report.allGroups')}</th>${shown.map((g) => html`<th scope="col">${groupName(ctx, g)}</th>`)}`;
}

function levelBadge(ctx: PageContext, level: string | null): Html {
  return level
    ? html`<span class="level level-${level}">${ctx.t(`report.level.${level}`)}</span>`
    : html`<span class="meta">${ctx.t('report.notEnough')}</span>`;
}

function summarySection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const { results, packages } = d;
  const fmt = scoreFormat(ctx);
  return html`<section aria-labelledby="summary">
    <h2 id="summary">${t('report.summary.title')}</h2>
    <p class="lead">${results.overall.all === null ? t('report.summary.none') : t('report.summary.overall', { score: fmt(results.overall.all) })}</p>
    <ul class="dimension-cards">
      ${results.dimensions.map((dim) => {
        const title = inLang(dim.dimension.title, ctx);
        const pkg = dim.level ? packages.find((p) => p.level === packageLevelFor(dim.level!)) : undefined;
        return html`<li class="card">
          <h3${langOf(title, ctx)}>${title.value}</h3>
          <p class="big-score">${score(ctx, dim.score.all)} <span class="meta">${t('report.outOf')}</span></p>
          <p>${levelBadge(ctx, dim.level)}</p>
          ${pkg ? html`<p>${t('report.summary.package')} <a href="${href(ctx, `/packages/${pkg.number}`)}">${t('package.label', { number: pkg.number })}: ${txt(pkg.title, ctx)}</a></p>` : ''}
        </li>`;
      })}
    </ul>
    <details class="levels">
      <summary>${t('report.levels.title')}</summary>
      <ul>${levels.map((l, i) => html`<li>${levelBadge(ctx, l)} ${i < levels.length - 1 ? t('report.levels.range', { from: fmt(levelFloors[l]), to: fmt(levelFloors[levels[i + 1]!] - 0.01) }) : t('report.levels.top', { from: fmt(levelFloors[l]) })}</li>`)}</ul>
    </details>
    ${barChart({
      id: 'chart-dimensions',
      title: t('report.chart.dimensions'),
      tableLabel: t('report.chart.table'),
      rowHeader: t('report.dimension'),
      series: [{ key: 'all', label: t('report.allGroups') }, ...results.shown.map((g) => ({ key: g, label: groupName(ctx, g) }))],
      rows: results.dimensions.map((dim) => ({
        ...textOf(inLang(dim.dimension.title, ctx)),
        values: [dim.score.all, ...results.shown.map((g) => dim.score.byGroup[g] ?? null)],
      })),
      min: 1,
      max: 5,
      format: fmt,
      missingLabel: t('report.notEnough'),
      dir: ctx.dir,
    })}
  </section>`;
}

function strengthsSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const ranked = d.results.ranked;
  if (ranked.length < 2) return html``;
  const n = Math.min(5, Math.floor(ranked.length / 2));
  const item = (i: (typeof ranked)[number]) => {
    const st = inLang(i.indicator.statement, ctx);
    return html`<li><span${langOf(st, ctx)}>${st.value}</span> <strong>${score(ctx, i.score.all)}</strong></li>`;
  };
  return html`<section aria-labelledby="strengths" class="grid two">
    <div><h2 id="strengths">${t('report.strengths')}</h2><ol>${ranked.slice(0, n).map(item)}</ol></div>
    <div><h2>${t('report.improve')}</h2><ol>${ranked.slice(-n).reverse().map(item)}</ol></div>
  </section>`;
}

function recommendationsSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  if (!d.recommendations.length) return html``;
  return html`<section aria-labelledby="recommendations">
    <h2 id="recommendations">${t('report.recommend.title')}</h2>
    <p>${t('report.recommend.lead')}</p>
    ${d.recommendations.map((r) => {
      const title = inLang(r.criterion.criterion.title, ctx);
      return html`<article class="card recommendation">
        <h3><span${langOf(title, ctx)}>${title.value}</span> <span class="meta">${score(ctx, r.criterion.score.all)}</span></h3>
        ${r.stations.length ? html`<p class="label">${t('report.recommend.stations')}</p><ul class="link-list">${r.stations.map((s) => html`<li><a href="${href(ctx, s.href)}">${t('package.label', { number: s.package })} · ${txt(s.title, ctx)}</a></li>`)}</ul>` : ''}
        ${r.actions.length ? html`<p class="label">${t('report.recommend.actions')}</p><ul class="link-list">${r.actions.map((a) => html`<li><a href="${href(ctx, a.href)}">${txt(a.text, ctx)}</a> <span class="meta">(${txt(a.station, ctx)})</span></li>`)}</ul>` : ''}
        ${r.resources.length ? html`<p class="label">${t('report.recommend.resources')}</p><ul class="link-list">${r.resources.map((x) => html`<li><a href="${href(ctx, x.href)}">${txt(x.title, ctx)}</a></li>`)}</ul>` : ''}
      </article>`;
    })}
  </section>`;
}

function groupsSection(ctx: PageContext, d: ReportData): Html {
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
      values: criteria.map((c) => results.shown.map((g) => c.score.byGroup[g] ?? null)),
      min: 1,
      max: 5,
      format: fmt,
      missingLabel: t('report.notEnough'),
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

function detailSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const { results } = d;
  const fmt = scoreFormat(ctx);
  const categories = [1, 2, 3, 4, 5].map((v) => ({ key: String(v), label: t(`survey.scale.${v}`) }));
  categories.push({ key: 'na', label: t('survey.scale.na') }, { key: 'skip', label: t('survey.scale.skip') });
  const counts = (dist: Record<number, number>) => [1, 2, 3, 4, 5, 0, -1].map((v) => dist[v] ?? 0);
  return html`<section aria-labelledby="detail">
    <h2 id="detail">${t('report.detail.title')}</h2>
    ${results.dimensions.map((dim) => {
      const dt = inLang(dim.dimension.title, ctx);
      return html`<section aria-labelledby="dim-${dim.dimension.id}" class="report-dimension">
        <h3 id="dim-${dim.dimension.id}"${langOf(dt, ctx)}>${dt.value}</h3>
        ${barChart({
          id: `chart-${dim.dimension.id}`,
          title: t('report.chart.criteria', { dimension: dt.value }),
          tableLabel: t('report.chart.table'),
          rowHeader: t('report.criterion'),
          series: [{ key: 'all', label: t('report.allGroups') }, ...results.shown.map((g) => ({ key: g, label: groupName(ctx, g) }))],
          rows: dim.criteria.map((c) => ({
            ...textOf(inLang(c.criterion.title, ctx)),
            values: [c.score.all, ...results.shown.map((g) => c.score.byGroup[g] ?? null)],
          })),
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
      </section>`;
    })}
    ${
      results.own.length
        ? html`<section aria-labelledby="own"><h3 id="own">${t('report.own')}</h3>
          <div class="table-scroll"><table class="scores">
            <caption class="visually-hidden">${t('report.own')}</caption>
            <thead><tr><th scope="col">${t('report.statement')}</th>${scoreHeads(ctx, results.shown)}</tr></thead>
            <tbody>${results.own.map((o) => html`<tr><th scope="row"${o.statement.lang === ctx.lang ? '' : html` lang="${o.statement.lang}"`}>${o.statement.text}</th>${scoreCells(ctx, o.score, results.shown)}</tr>`)}</tbody>
          </table></div></section>`
        : ''
    }
  </section>`;
}

function progressSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const path = `${roundPath(ctx, d.page.centre.slug, d.page.loaded.round.id)}/report`;
  if (!d.others.length) return html``;
  const picker = html`<form class="compare-form" method="get" action="${path}#progress">
    <label for="compare">${t('report.progress.with')}</label>
    <select id="compare" name="compare">
      ${d.others.map((r) => html`<option value="${r.id}"${d.compare?.round.id === r.id ? html` selected` : ''}>${r.title} (${day(ctx, r.opens_at)})</option>`)}
    </select>
    <button type="submit" class="secondary">${t('report.progress.show')}</button>
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

function benchmarkSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const b = d.benchmark;
  if (!b) return html``;
  const fmt = scoreFormat(ctx);
  const path = `${roundPath(ctx, d.page.centre.slug, d.page.loaded.round.id)}/report`;
  const scopes = b.scopes;
  return html`<section aria-labelledby="benchmark">
    <h2 id="benchmark">${t('report.benchmark.title')}</h2>
    <p>${t('report.benchmark.lead', { min: b.minCentres })}</p>
    ${
      b.sectors.length > 1
        ? html`<form class="compare-form" method="get" action="${path}#benchmark">
          <label for="sector">${t('report.benchmark.sector')}</label>
          <select id="sector" name="sector">${b.sectors.map((s) => html`<option value="${s.key}"${s.key === b.sector ? html` selected` : ''}>${s.label}</option>`)}</select>
          ${d.compare ? html`<input type="hidden" name="compare" value="${d.compare.round.id}">` : ''}
          <button type="submit" class="secondary">${t('report.progress.show')}</button>
        </form>`
        : ''
    }
    <div class="table-scroll"><table class="scores">
      <caption>${t('report.benchmark.caption')}</caption>
      <thead><tr><th scope="col">${t('report.dimension')}</th><th scope="col">${t('report.benchmark.you')}</th>${scopes.map((s) => html`<th scope="col">${s.label}${s.centres >= b.minCentres ? html` <span class="meta">(${t('report.benchmark.centres', { n: s.centres })})</span>` : ''}</th>`)}</tr></thead>
      <tbody>${b.rows.map(
        (r) => html`<tr>
        <th scope="row"${langOf(r.label, ctx)}>${r.label.value}</th>
        <td>${score(ctx, r.own)}</td>
        ${r.others.map((o, i) => html`<td>${scopes[i]!.centres < b.minCentres ? html`<span class="meta">${t('report.benchmark.tooFew')}</span>` : o === null ? '–' : fmt(o)}</td>`)}
      </tr>`,
      )}</tbody>
    </table></div>
    ${b.optedOut ? html`<p class="hint">${t('report.benchmark.optedOut')}</p>` : ''}
  </section>`;
}

export function reportView(ctx: PageContext, d: ReportData): string {
  const { t } = ctx;
  const { round } = d.page.loaded;
  const path = `${roundPath(ctx, d.page.centre.slug, round.id)}`;
  const any = d.results.released > 0;
  const body = html`<p class="kicker">${d.page.centre.name}</p>
    <h1>${t('report.title', { round: round.title })}</h1>
    <p class="meta">${t('round.list.range', { from: day(ctx, round.opens_at), to: day(ctx, lastDay(round.closed_at ?? round.closes_at)) })} · ${t(`round.status.${statusOf(round)}`)}</p>
    <ul class="inline-list report-actions">
      <li><a href="${path}/report.csv">${t('report.download.csv')}</a></li>
      <li><a href="${path}/report.pdf">${t('report.download.pdf')}</a></li>
      <li><a href="${path}/plan">${d.hasPlan ? t('report.plan.open') : t('report.plan.start')}</a></li>
      <li><a href="${path}">${t('report.round')}</a></li>
    </ul>
    <p class="hint print-hint">${t('report.print')}</p>
    ${responsesSection(ctx, d)}
    ${
      any
        ? html`${summarySection(ctx, d)}
        ${strengthsSection(ctx, d)}
        ${recommendationsSection(ctx, d)}
        ${groupsSection(ctx, d)}
        ${progressSection(ctx, d)}
        ${benchmarkSection(ctx, d)}
        ${detailSection(ctx, d)}`
        : statusOf(round) === 'closed'
          ? html`<p class="empty-state">${t('report.empty', { min: d.results.minGroupSize })}</p>`
          : ''
    }`;
  return layout(ctx, {
    title: t('report.title', { round: round.title }),
    body,
    breadcrumbs: crumbs(ctx, d.page, [{ href: path, label: round.title }]),
    index: false,
    pageType: 'report',
  });
}
