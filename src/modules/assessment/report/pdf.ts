import type { PageContext } from '../../../http/context.ts';
import type { PdfBlock, PdfDocument } from '../../../pdf/model.ts';
import { isolate } from '../../../i18n/messages.ts';
import { day } from '../../../ui/dates.ts';
import { inLang } from '../framework/document.ts';
import { lastDay, statusOf } from '../round.ts';
import { BURST_FROM } from './anonymity.ts';
import { cellOf, type ScoreSet } from './scoring.ts';
import type { Plan } from '../plans/repository.ts';
import type { ReportData } from './service.ts';
import { releaseText, shownText } from './views/intake.ts';
import { cellText, scoreFormat } from './views/cells.ts';

// The report as a PDF document: the same content as the page, in the same words (the message
// catalogues), as headings, paragraphs, lists and tables, with its charts drawn as vectors (each
// followed by its figures as a table) and the development plan when the round has one.

/** The plan's focus areas, each with its actions as a table (what, who, when, status). */
function planBlocks(ctx: PageContext, d: ReportData, plan: Plan): PdfBlock[] {
  const { t } = ctx;
  const criteria = new Map(d.page.loaded.version.document.dimensions.flatMap((x) => x.criteria).map((c) => [c.id, c]));
  const out: PdfBlock[] = [{ kind: 'pageBreak' }, { kind: 'heading', text: t('report.plan.title'), level: 2 }];
  for (const id of plan.focus) {
    const c = criteria.get(id);
    const title = c ? inLang(c.title, ctx).value : id;
    const actions = plan.actions.filter((a) => a.criterion === id);
    out.push({ kind: 'heading', text: t('report.plan.focus', { criterion: title }), level: 3 });
    if (!actions.length) out.push({ kind: 'paragraph', text: t('report.plan.noActions'), muted: true });
    else
      out.push({
        kind: 'table',
        caption: t('plan.actions.caption', { criterion: title }),
        head: [t('plan.action.title'), t('plan.action.owner'), t('plan.action.due'), t('plan.action.status')],
        rows: actions.map((a) => [a.title, a.owner, a.due_on ? day(ctx, a.due_on) : '–', t(`plan.status.${a.status}`)]),
        widths: [4, 2, 1.3, 1.2],
      });
  }
  return out;
}

export function reportDocument(ctx: PageContext, d: ReportData, plan: Plan | null = null): PdfDocument {
  const { page, results, recommendations, benchmark } = d;
  const { t } = ctx;
  const { round } = page.loaded;
  const fmt = scoreFormat(ctx);
  const score = (v: number | null | undefined) => (v === null || v === undefined ? t('report.notEnough') : fmt(v));
  const group = (g: string) => t(`assessment.groupName.${g}`);
  const head = (first: string) => [first, t('report.allGroups'), ...results.shown.map(group)];
  /** A bar chart of scores, all groups then each shown group, with the reason for each gap. */
  const bars = (caption: string, rows: { label: string; score: ScoreSet }[]): PdfBlock => ({
    kind: 'bars',
    caption: t('report.chart.vectorCaption', { title: caption }),
    series: [t('report.allGroups'), ...results.shown.map(group)],
    rows: rows.map((row) => {
      const all = [cellOf(row.score, results.shown), ...results.shown.map((g) => cellOf(row.score, results.shown, g))];
      return { label: row.label, values: all.map((c) => (typeof c === 'number' ? c : null)), texts: all.map((c) => cellText(ctx, c)) };
    }),
    min: 1,
    max: 5,
  });
  const cells = (s: ScoreSet) => [cellText(ctx, cellOf(s, results.shown)), ...results.shown.map((g) => cellText(ctx, cellOf(s, results.shown, g)))];
  const blocks: PdfBlock[] = [
    {
      kind: 'paragraph',
      text: `${isolate(page.centre.name)} · ${t('round.list.range', { from: day(ctx, round.opens_at), to: day(ctx, lastDay(round.closed_at ?? round.closes_at)) })}`,
      muted: true,
    },
    { kind: 'heading', text: t('report.responses.title'), level: 2 },
    ...releaseText(ctx, d).map((text): PdfBlock => ({ kind: 'paragraph', text })),
    {
      kind: 'table',
      head: [t('round.groups.group'), t('round.groups.sent'), t('report.responses.released'), t('report.responses.shown')],
      rows: d.intake.map((g) => [group(g.group), ctx.format.number(g.sent), ctx.format.number(g.released), shownText(ctx, d, g.group)]),
      widths: [3, 1, 1, 2],
    },
    { kind: 'paragraph', text: t('report.responses.rule', { min: results.minGroupSize }), muted: true },
  ];
  const came = d.intake.filter((g) => g.released > 0);
  if (came.length)
    blocks.push(
      { kind: 'heading', text: t('report.intake.title'), level: 3 },
      {
        kind: 'table',
        head: [t('round.groups.group'), t('report.intake.link'), t('report.intake.invitation'), t('report.intake.member'), t('report.intake.burst')],
        rows: came.map((g) => [
          group(g.group),
          ctx.format.number(g.link),
          g.invited === null ? ctx.format.number(g.invitation) : t('report.intake.ofInvited', { n: g.invitation, invited: g.invited }),
          ctx.format.number(g.member),
          ctx.format.number(g.burst),
        ]),
        widths: [3, 1, 2, 1, 1],
      },
      { kind: 'paragraph', text: t('report.intake.hint', { burst: BURST_FROM }), muted: true },
    );
  if (results.released === 0) {
    if (statusOf(page.loaded.round) === 'closed') blocks.push({ kind: 'paragraph', text: t('report.empty', { min: results.minGroupSize }) });
  } else {
    blocks.push(
      { kind: 'heading', text: t('report.summary.title'), level: 2 },
      { kind: 'paragraph', text: results.overall.all === null ? t('report.summary.none') : t('report.summary.overall', { score: fmt(results.overall.all) }) },
      bars(
        t('report.chart.dimensions'),
        results.dimensions.map((x) => ({ label: inLang(x.dimension.title, ctx).value, score: x.score })),
      ),
      {
        kind: 'table',
        head: [...head(t('report.dimension')), t('report.levelColumn')],
        rows: results.dimensions.map((d) => [
          inLang(d.dimension.title, ctx).value,
          ...cells(d.score),
          d.level ? t(`report.level.${d.level}`) : t('report.notEnough'),
        ]),
        widths: [3, ...Array<number>(results.shown.length + 1).fill(1), 1.5],
      },
    );
    const ranked = results.ranked;
    if (ranked.length >= 2) {
      const n = Math.min(3, Math.floor(ranked.length / 2));
      const line = (i: (typeof ranked)[number]) => `${inLang(i.indicator.statement, ctx).value} (${score(i.score.all)})`;
      blocks.push({ kind: 'heading', text: t('report.strengths'), level: 2 }, { kind: 'bullets', items: ranked.slice(0, n).map(line) });
      blocks.push({ kind: 'heading', text: t('report.improve'), level: 2 }, { kind: 'bullets', items: ranked.slice(-n).reverse().map(line) });
    }
    if (recommendations.length) {
      blocks.push({ kind: 'heading', text: t('report.recommend.title'), level: 2 }, { kind: 'paragraph', text: t('report.recommend.lead') });
      for (const r of recommendations) {
        blocks.push({ kind: 'heading', text: `${inLang(r.criterion.criterion.title, ctx).value} (${score(r.criterion.score.all)})`, level: 3 });
        if (r.broader)
          blocks.push({
            kind: 'paragraph',
            muted: true,
            text:
              r.broader === 'dimension'
                ? t('report.recommend.broader.dimension', { dimension: inLang(r.dimension.dimension.title, ctx).value })
                : t(`report.recommend.broader.${r.broader}`),
          });
        const items = [
          ...(r.package
            ? [
                `${t('package.label', { number: r.package.number })}: ${isolate(r.package.title.value)}: ${isolate(`${ctx.baseUrl}/${ctx.lang}/packages/${r.package.number}`)}`,
              ]
            : []),
          ...r.stations.map(
            (s) => `${t('package.label', { number: s.package })} · ${isolate(s.title.value)}: ${isolate(`${ctx.baseUrl}/${ctx.lang}${s.href}`)}`,
          ),
          ...r.actions.map((a) => `${a.text.value} (${a.station.value})`),
          ...r.resources.map((x) => `${isolate(x.title.value)}: ${isolate(`${ctx.baseUrl}/${ctx.lang}${x.href}`)}`),
        ];
        if (items.length) blocks.push({ kind: 'bullets', items });
      }
    }
    if (results.shown.length >= 2) {
      const criteria = results.dimensions.flatMap((d) => d.criteria);
      blocks.push(
        { kind: 'heading', text: t('report.groups.title'), level: 2 },
        {
          kind: 'heat',
          caption: t('report.chart.vectorCaption', { title: t('report.chart.heat') }),
          columns: results.shown.map(group),
          rows: criteria.map((c) => ({
            label: inLang(c.criterion.title, ctx).value,
            cells: results.shown.map((g) => {
              const cell = cellOf(c.score, results.shown, g);
              return typeof cell === 'number' ? { value: cell, text: fmt(cell) } : { value: null, text: cellText(ctx, cell), notAsked: cell === 'notAsked' };
            }),
          })),
          min: 1,
          max: 5,
          legend: { low: t('report.chart.low'), high: t('report.chart.high'), missing: t('report.notEnough'), notAsked: t('report.notAsked') },
        },
        {
          kind: 'table',
          caption: t('report.chart.heat'),
          head: head(t('report.criterion')),
          rows: results.dimensions.flatMap((d) => d.criteria.map((c) => [inLang(c.criterion.title, ctx).value, ...cells(c.score)])),
          widths: [3, ...Array<number>(results.shown.length + 1).fill(1)],
        },
      );
      if (results.gaps.length) {
        blocks.push(
          { kind: 'heading', text: t('report.gaps.title'), level: 3 },
          {
            kind: 'bullets',
            items: results.gaps
              .slice(0, 5)
              .map(
                (g) =>
                  `${inLang(g.criterion.title, ctx).value}: ${t('report.gaps.item', { high: group(g.high.group), highScore: fmt(g.high.score), low: group(g.low.group), lowScore: fmt(g.low.score), gap: fmt(g.gap) })}`,
              ),
          },
        );
      }
    }
    if (benchmark && !benchmark.scopes.some((x) => x.centres >= benchmark.minCentres))
      blocks.push(
        { kind: 'heading', text: t('report.benchmark.title'), level: 2 },
        { kind: 'paragraph', text: t('report.benchmark.tooFewLine', { min: benchmark.minCentres }) },
      );
    else if (benchmark) {
      blocks.push(
        { kind: 'heading', text: t('report.benchmark.title'), level: 2 },
        { kind: 'paragraph', text: t('report.benchmark.lead', { min: benchmark.minCentres }) },
        {
          kind: 'table',
          head: [t('report.dimension'), t('report.benchmark.you'), ...benchmark.scopes.map((s) => s.label)],
          rows: benchmark.rows.map((r) => [
            r.label.value,
            score(r.own),
            ...r.others.map((o, i) => (benchmark.scopes[i]!.centres < benchmark.minCentres ? t('report.benchmark.tooFew') : o === null ? '–' : fmt(o))),
          ]),
          widths: [3, 1, ...benchmark.scopes.map(() => 1.2)],
        },
      );
    }
    if (plan) blocks.push(...planBlocks(ctx, d, plan));
    blocks.push({ kind: 'pageBreak' }, { kind: 'heading', text: t('report.detail.title'), level: 2 });
    for (const d of results.dimensions) {
      blocks.push(
        { kind: 'heading', text: inLang(d.dimension.title, ctx).value, level: 2 },
        bars(
          t('report.chart.criteria', { dimension: inLang(d.dimension.title, ctx).value }),
          d.criteria.map((c) => ({ label: inLang(c.criterion.title, ctx).value, score: c.score })),
        ),
        {
          kind: 'table',
          head: head(t('report.criterion')),
          rows: d.criteria.map((c) => [inLang(c.criterion.title, ctx).value, ...cells(c.score)]),
          widths: [4, ...Array<number>(results.shown.length + 1).fill(1)],
        },
      );
      for (const c of d.criteria) {
        const title = inLang(c.criterion.title, ctx).value;
        blocks.push(
          { kind: 'heading', text: `${title} (${score(c.score.all)})`, level: 3 },
          {
            kind: 'table',
            head: head(t('report.indicator')),
            rows: c.indicators.map((i) => [inLang(i.indicator.statement, ctx).value, ...cells(i.score)]),
            widths: [4, ...Array<number>(results.shown.length + 1).fill(1)],
          },
        );
      }
    }
    if (results.own.length) {
      blocks.push(
        { kind: 'heading', text: t('report.own'), level: 2 },
        {
          kind: 'table',
          head: head(t('report.statement')),
          rows: results.own.map((o) => [o.statement.text, ...cells(o.score)]),
          widths: [4, ...Array<number>(results.shown.length + 1).fill(1)],
        },
      );
    }
  }
  return {
    lang: ctx.lang,
    title: t('report.title', { round: round.title }),
    author: page.centre.name,
    subject: t('round.list.title'),
    blocks,
    footer: `${isolate(page.centre.name)} · ${t('report.title', { round: round.title })} · ${day(ctx, new Date().toISOString())}`,
  };
}
