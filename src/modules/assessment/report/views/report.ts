import type { PageContext } from '../../../../http/context.ts';
import { day } from '../../../../ui/dates.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { langOf, txt } from '../../../../ui/text.ts';
import { inLang } from '../../framework/document.ts';
import { crumbs, roundPath } from '../../paths.ts';
import { lastDay, statusOf } from '../../round.ts';
import { packageLevelFor, type Recommendation } from '../recommendations.ts';
import { levelFloors, levelOf, levels } from '../scoring.ts';
import type { ReportData } from '../service.ts';
import { levelBadge, score, scoreFormat } from './cells.ts';
import { detailSection } from './detail.ts';
import { responsesSection } from './intake.ts';
import { benchmarkSection, dimensionsSection, groupsSection, progressSection } from './sections.ts';
import { linkButton } from '../../../../ui/components/button/button.ts';
import { card, cardGrid } from '../../../../ui/components/card/card.ts';

// A round's report, summary first: the overall score and level, each dimension's level and the
// package it points to, three strengths, three areas to improve and where to start; a list of
// contents with jump links; then who answered, the charts comparing dimensions and groups,
// progress, the benchmark, and the details, one collapsed <details> per dimension (opened by
// site.js when a link targets inside; without JavaScript a summary opens it). Every chart is drawn
// on the server (ui/charts): SVG with its data as a table, the heat map a coloured table.

export { scoreFormat } from './cells.ts';

/** How many strengths and areas to improve the summary names. */
const SUMMARY_ITEMS = 3;

function summarySection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const { results, packages } = d;
  const fmt = scoreFormat(ctx);
  const overall = results.overall.all;
  const ranked = results.ranked;
  const n = Math.min(SUMMARY_ITEMS, Math.floor(ranked.length / 2));
  const item = (i: (typeof ranked)[number]) => {
    const st = inLang(i.indicator.statement, ctx);
    return html`<li><span${langOf(st, ctx)}>${st.value}</span> <strong>${score(ctx, i.score.all)}</strong></li>`;
  };
  return html`<section aria-labelledby="summary">
    <h2 id="summary">${t('report.summary.title')}</h2>
    <p class="lead">${overall === null ? t('report.summary.none') : t('report.summary.overallLevel', { score: fmt(overall), level: t(`report.level.${levelOf(overall)}`) })}</p>
    <h3 class="visually-hidden">${t('report.summary.dimensions')}</h3>
    ${cardGrid(
      results.dimensions.map((dim) => {
        const pkg = dim.level ? packages.find((p) => p.level === packageLevelFor(dim.level!)) : undefined;
        return card({
          heading: txt(inLang(dim.dimension.title, ctx), ctx),
          headingLevel: 3,
          href: `#dim-${dim.dimension.id}`,
          body: html`<p class="big-score">${score(ctx, dim.score.all)} <span class="meta">${t('report.outOf')}</span></p>
            <p>${levelBadge(ctx, dim.level)}</p>
            ${pkg ? html`<p>${t('report.summary.package')} <a href="${href(ctx, `/packages/${pkg.number}`)}">${t('package.label', { number: pkg.number })}${t('format.colon')}${txt(pkg.title, ctx)}</a></p>` : ''}`,
        });
      }),
      'dimension-cards',
    )}
    <details class="levels">
      <summary>${t('report.levels.title')}</summary>
      <ul>${levels.map((l, i) => html`<li>${levelBadge(ctx, l)} ${i < levels.length - 1 ? t('report.levels.range', { from: fmt(levelFloors[l]), to: fmt(levelFloors[levels[i + 1]!] - 0.01) }) : t('report.levels.top', { from: fmt(levelFloors[l]) })}</li>`)}</ul>
    </details>
    ${
      n > 0
        ? html`<div class="grid two">
      <div><h3 id="strengths">${t('report.strengths')}</h3><ol>${ranked.slice(0, n).map(item)}</ol></div>
      <div><h3 id="improve">${t('report.improve')}</h3><ol>${ranked.slice(-n).reverse().map(item)}</ol></div>
    </div>`
        : ''
    }
  </section>`;
}

function recommendation(ctx: PageContext, d: ReportData, r: Recommendation): Html {
  const { t } = ctx;
  const title = inLang(r.criterion.criterion.title, ctx);
  const plan = `${roundPath(ctx, d.page.centre.slug, d.page.loaded.round.id)}/plan/new-action`;
  // A plan's action comes from its own criterion's statements: actions suggested from the
  // dimension or the package belong to other criteria, so they are links to read, not to add.
  const addable = d.page.manage && (r.broader === null || r.broader === 'criterion');
  const add = (key: string, action: string) =>
    addable
      ? html` ${linkButton({
          href: `${plan}?${new URLSearchParams({ criterion: r.criterion.criterion.id, source: key }).toString()}`,
          text: html`<span aria-hidden="true">${t('report.recommend.addToPlan')}</span><span class="visually-hidden">${t('report.recommend.addToPlanNamed', { action })}</span>`,
          variant: 'secondary',
          className: 'add-to-plan',
        })}`
      : '';
  const broader = r.broader
    ? html`<p class="hint">${r.broader === 'dimension' ? t('report.recommend.broader.dimension', { dimension: inLang(r.dimension.dimension.title, ctx).value }) : t(`report.recommend.broader.${r.broader}`)}</p>`
    : '';
  return card({
    className: 'recommendation',
    headingLevel: 3,
    heading: html`<span${langOf(title, ctx)}>${title.value}</span> <span class="meta">${score(ctx, r.criterion.score.all)}</span>`,
    body: html`${broader}
    ${r.package ? html`<p class="label">${t('report.recommend.package')}</p><ul class="link-list"><li><a href="${href(ctx, `/packages/${r.package.number}`)}">${t('package.label', { number: r.package.number })}${t('format.colon')}${txt(r.package.title, ctx)}</a></li></ul>` : ''}
    ${r.stations.length ? html`<p class="label">${t('report.recommend.stations')}</p><ul class="link-list">${r.stations.map((s) => html`<li><a href="${href(ctx, s.href)}">${t('package.label', { number: s.package })} · ${txt(s.title, ctx)}</a></li>`)}</ul>` : ''}
    ${r.actions.length ? html`<p class="label">${t('report.recommend.actions')}</p><ul class="link-list actions">${r.actions.map((a) => html`<li><a href="${href(ctx, a.href)}">${txt(a.text, ctx)}</a> <span class="meta">(${txt(a.station, ctx)})</span>${add(a.key, a.text.value)}</li>`)}</ul>` : ''}
    ${r.resources.length ? html`<p class="label">${t('report.recommend.resources')}</p><ul class="link-list">${r.resources.map((x) => html`<li><a href="${href(ctx, x.href)}">${txt(x.title, ctx)}</a></li>`)}</ul>` : ''}`,
  });
}

function recommendationsSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  if (!d.recommendations.length) return html``;
  return html`<section aria-labelledby="recommendations">
    <h2 id="recommendations">${t('report.recommend.title')}</h2>
    <p>${t('report.recommend.lead')}</p>
    ${d.recommendations.map((r) => recommendation(ctx, d, r))}
  </section>`;
}

/** The parts the page has, in order, as jump links; the details list each dimension. */
function contents(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const { results } = d;
  const parts: [string, string, Html | ''][] = [
    ['responses', t('report.responses.title'), ''],
    ['dimensions', t('report.dimensions.title'), ''],
    ...(results.shown.length >= 2 ? [['groups', t('report.groups.title'), ''] as [string, string, '']] : []),
    ...(d.others.length ? [['progress', t('report.progress.title'), ''] as [string, string, '']] : []),
    ...(d.benchmark ? [['benchmark', t('report.benchmark.title'), ''] as [string, string, '']] : []),
    [
      'detail',
      t('report.detail.title'),
      html`<ul>${results.dimensions.map((dim) => {
        const title = inLang(dim.dimension.title, ctx);
        return html`<li><a href="#dim-${dim.dimension.id}"${langOf(title, ctx)}>${title.value}</a></li>`;
      })}${results.own.length ? html`<li><a href="#own">${t('report.own')}</a></li>` : ''}</ul>`,
    ],
  ];
  return html`<nav class="report-contents" aria-labelledby="contents">
    <h2 id="contents">${t('report.contents.title')}</h2>
    <ol>${parts.map(([id, label, more]) => html`<li><a href="#${id}">${label}</a>${more}</li>`)}</ol>
  </nav>`;
}

export function reportView(ctx: PageContext, d: ReportData): string {
  const { t } = ctx;
  const { round } = d.page.loaded;
  const path = `${roundPath(ctx, d.page.centre.slug, round.id)}`;
  const any = d.results.released > 0;
  const body = html`<p class="kicker"><bdi>${d.page.centre.name}</bdi></p>
    <h1>${t('report.title', { round: round.title })}</h1>
    <p class="meta">${t('round.list.range', { from: day(ctx, round.opens_at), to: day(ctx, lastDay(round.closed_at ?? round.closes_at)) })} · ${t(`round.status.${statusOf(round)}`)}</p>
    <ul class="inline-list report-actions">
      <li><a href="${path}/report.csv">${t('report.download.csv')}</a></li>
      <li><a href="${path}/report.pdf">${t('report.download.pdf')}</a></li>
      <li><a href="${path}/plan">${d.hasPlan ? t('report.plan.open') : t('report.plan.start')}</a></li>
      <li><a href="${path}">${t('report.round')}</a></li>
    </ul>
    <p class="hint print-hint">${t('report.print')}</p>
    ${
      any
        ? html`${summarySection(ctx, d)}
        ${recommendationsSection(ctx, d)}
        ${contents(ctx, d)}
        ${responsesSection(ctx, d)}
        ${dimensionsSection(ctx, d)}
        ${groupsSection(ctx, d)}
        ${progressSection(ctx, d)}
        ${benchmarkSection(ctx, d)}
        ${detailSection(ctx, d)}`
        : html`${responsesSection(ctx, d)}${statusOf(round) === 'closed' ? html`<p class="empty-state">${t('report.empty', { min: d.results.minGroupSize })}</p>` : ''}`
    }`;
  return layout(ctx, {
    title: t('report.title', { round: round.title }),
    body,
    breadcrumbs: crumbs(ctx, d.page, [{ href: path, label: round.title }]),
    index: false,
    pageType: 'report',
  });
}
