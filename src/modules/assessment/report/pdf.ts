import type { PageContext } from '../../../http/context.ts';
import type { PdfBlock, PdfDocument } from '../../../pdf/model.ts';
import { day } from '../../../ui/dates.ts';
import { inLang } from '../framework/document.ts';
import { lastDay, statusOf } from '../round.ts';
import { BURST_FROM } from './anonymity.ts';
import { cellOf, type ScoreSet } from './scoring.ts';
import type { ReportData } from './service.ts';
import { releaseText, shownText } from './views/intake.ts';
import { cellText, scoreFormat } from './views/cells.ts';

// The report as a PDF document: the same content as the page, in the same words (the message
// catalogues), as headings, paragraphs, lists and tables.

export function reportDocument(ctx: PageContext, d: ReportData): PdfDocument {
  const { page, results, recommendations, benchmark } = d;
  const { t } = ctx;
  const { round } = page.loaded;
  const fmt = scoreFormat(ctx);
  const score = (v: number | null | undefined) => (v === null || v === undefined ? t('report.notEnough') : fmt(v));
  const group = (g: string) => t(`assessment.groupName.${g}`);
  const head = (first: string) => [first, t('report.allGroups'), ...results.shown.map(group)];
  const cells = (s: ScoreSet) => [cellText(ctx, cellOf(s, results.shown)), ...results.shown.map((g) => cellText(ctx, cellOf(s, results.shown, g)))];
  const blocks: PdfBlock[] = [
    {
      kind: 'paragraph',
      text: `${page.centre.name} · ${t('round.list.range', { from: day(ctx, round.opens_at), to: day(ctx, lastDay(round.closed_at ?? round.closes_at)) })}`,
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
      {
        kind: 'table',
        head: [t('report.dimension'), t('report.allGroups'), t('report.levelColumn')],
        rows: results.dimensions.map((d) => [
          inLang(d.dimension.title, ctx).value,
          score(d.score.all),
          d.level ? t(`report.level.${d.level}`) : t('report.notEnough'),
        ]),
        widths: [3, 1, 1.5],
      },
    );
    const ranked = results.ranked;
    if (ranked.length >= 2) {
      const n = Math.min(5, Math.floor(ranked.length / 2));
      const line = (i: (typeof ranked)[number]) => `${inLang(i.indicator.statement, ctx).value} (${score(i.score.all)})`;
      blocks.push({ kind: 'heading', text: t('report.strengths'), level: 2 }, { kind: 'bullets', items: ranked.slice(0, n).map(line) });
      blocks.push({ kind: 'heading', text: t('report.improve'), level: 2 }, { kind: 'bullets', items: ranked.slice(-n).reverse().map(line) });
    }
    if (recommendations.length) {
      blocks.push({ kind: 'heading', text: t('report.recommend.title'), level: 2 }, { kind: 'paragraph', text: t('report.recommend.lead') });
      for (const r of recommendations) {
        blocks.push({ kind: 'heading', text: `${inLang(r.criterion.criterion.title, ctx).value} (${score(r.criterion.score.all)})`, level: 3 });
        const items = [
          ...r.stations.map((s) => `${t('package.label', { number: s.package })} · ${s.title.value}: ${ctx.baseUrl}/${ctx.lang}${s.href}`),
          ...r.actions.map((a) => `${a.text.value} (${a.station.value})`),
          ...r.resources.map((x) => `${x.title.value}: ${ctx.baseUrl}/${ctx.lang}${x.href}`),
        ];
        if (items.length) blocks.push({ kind: 'bullets', items });
      }
    }
    if (results.shown.length >= 2) {
      blocks.push(
        { kind: 'heading', text: t('report.groups.title'), level: 2 },
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
    if (benchmark) {
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
    blocks.push({ kind: 'pageBreak' }, { kind: 'heading', text: t('report.detail.title'), level: 2 });
    for (const d of results.dimensions) {
      blocks.push({ kind: 'heading', text: inLang(d.dimension.title, ctx).value, level: 2 });
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
    footer: `${page.centre.name} · ${t('report.title', { round: round.title })} · ${day(ctx, new Date().toISOString())}`,
  };
}
