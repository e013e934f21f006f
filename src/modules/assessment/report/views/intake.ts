import type { PageContext } from '../../../../http/context.ts';
import { day } from '../../../../ui/dates.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { lastDay, statusOf } from '../../round.ts';
import { BURST_FROM } from '../anonymity.ts';
import type { ReportData } from '../service.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';
import { table } from '../../../../ui/components/table/table.ts';

// The report's account of who answered and how (docs/decisions/0006): per group, the answers
// sent and those in the results, whether the round has released them yet, what is held back, and
// how the released answers came in (open link or invitation, from a member's browser, in a burst
// from one address), so everyone who reads the report can judge whether a group was filled.

const groupName = (ctx: PageContext, g: string) => ctx.t(`assessment.groupName.${g}`);

/** What the release rule means for this round now, in one or two sentences. */
export function releaseText(ctx: PageContext, d: ReportData): string[] {
  const { t } = ctx;
  const { round } = d.page.loaded;
  const min = d.results.minGroupSize;
  if (statusOf(round) !== 'closed') {
    const released = d.intake.some((g) => g.released > 0);
    return [t('report.release.open', { date: day(ctx, lastDay(round.closes_at)) }), ...(released ? [t('report.release.reopened', { min })] : [])];
  }
  return [
    t('report.release.closed', { min }),
    ...d.intake.filter((g) => g.held > 0 && g.released > 0).map((g) => t('report.release.held', { group: groupName(ctx, g.group), n: g.held, min })),
  ];
}

/** Whether a group's results show, and if not, why: too few answers, or a round still open. */
export function shownText(ctx: PageContext, d: ReportData, group: string): string {
  const { t } = ctx;
  if (d.results.shown.includes(group as (typeof d.results.shown)[number])) return t('report.responses.yes');
  return statusOf(d.page.loaded.round) === 'closed' ? t('report.responses.no', { min: d.results.minGroupSize }) : t('report.responses.notYet');
}

export function responsesSection(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const { results } = d;
  const open = statusOf(d.page.loaded.round) !== 'closed';
  const hidden = results.groups.filter((g) => !g.shown);
  return html`<section aria-labelledby="responses">
    <h2 id="responses">${t('report.responses.title')}</h2>
    ${releaseText(ctx, d).map((p, i) => (i === 0 ? notice(p) : html`<p>${p}</p>`))}
    ${table({
      id: 'responses-table',
      caption: t('report.responses.caption'),
      captionHidden: true,
      head: [t('round.groups.group'), t('round.groups.sent'), t('report.responses.released'), t('report.responses.shown')],
      rowHeadings: true,
      rows: d.intake.map((g) => [groupName(ctx, g.group), ctx.format.number(g.sent), ctx.format.number(g.released), shownText(ctx, d, g.group)]),
    })}
    <p class="hint">${t('report.responses.rule', { min: results.minGroupSize })}${hidden.length && !(open && results.released === 0) ? html` ${t('report.responses.hidden', { groups: new Intl.ListFormat(ctx.lang, { type: 'conjunction' }).format(hidden.map((g) => groupName(ctx, g.group))) })}` : ''}</p>
    ${intakeTable(ctx, d)}
  </section>`;
}

/** How the released answers came in, per group; nothing while none are released. */
function intakeTable(ctx: PageContext, d: ReportData): Html {
  const { t } = ctx;
  const rows = d.intake.filter((g) => g.released > 0);
  if (!rows.length) return html``;
  const flagged = rows.some((g) => g.member > 0 || g.burst > 0);
  return html`<h3 id="intake">${t('report.intake.title')}</h3>
    ${flagged ? notice(t('report.intake.flagged')) : ''}
    ${table({
      id: 'intake-table',
      caption: t('report.intake.title'),
      captionHidden: true,
      head: [t('round.groups.group'), t('report.intake.link'), t('report.intake.invitation'), t('report.intake.member'), t('report.intake.burst')],
      rowHeadings: true,
      rows: rows.map((g) => [
        groupName(ctx, g.group),
        ctx.format.number(g.link),
        g.invited === null ? ctx.format.number(g.invitation) : t('report.intake.ofInvited', { n: g.invitation, invited: g.invited }),
        ctx.format.number(g.member),
        ctx.format.number(g.burst),
      ]),
    })}
    <p class="hint">${t('report.intake.hint', { burst: BURST_FROM })}</p>`;
}
