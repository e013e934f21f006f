import type { PageContext } from '../../../../http/context.ts';
import { day } from '../../../../ui/dates.ts';
import { postForm } from '../../../../ui/components/field/field.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { layout, type Crumb } from '../../../../ui/layout.ts';
import type { CentreAccess } from '../../access.ts';
import { crumbs, roundPath, roundsPath } from '../../paths.ts';
import type { RoundRow } from '../../repository.ts';
import { statusOf, lastDay, type RoundStatus } from '../../round.ts';
import { doneNotice } from '../../../../ui/components/notice/notice.ts';
import { tag, type TagTone } from '../../../../ui/components/tag/tag.ts';
import { button, linkButton } from '../../../../ui/components/button/button.ts';
import { checkbox } from '../../../../ui/components/choice-list/choice-list.ts';
import { table } from '../../../../ui/components/table/table.ts';

// The centre's pages for rounds: the list (the form that starts one is new-round.ts, a round's own
// page round.ts).

export const privatePage = (ctx: PageContext, title: string, body: Html, breadcrumbs: Crumb[], scripts?: string[]) =>
  layout(ctx, { title, body, breadcrumbs, index: false, pageType: 'assessment', ...(scripts ? { scripts } : {}) });

const statusTone: Record<RoundStatus, TagTone> = { scheduled: 'warning', open: 'success', closed: 'neutral' };

export const statusBadge = (ctx: PageContext, status: RoundStatus) => tag(ctx.t(`round.status.${status}`), statusTone[status]);

export function notice(ctx: PageContext, key: string | undefined): Html {
  return doneNotice(key && ctx.t(key));
}

export function roundsView(ctx: PageContext, c: CentreAccess, rounds: (RoundRow & { sent: number })[], csrf: string, noticeKey?: string): string {
  const { t } = ctx;
  const slug = c.centre.slug;
  const body = html`<p class="kicker"><bdi>${c.centre.name}</bdi></p>
    <h1>${t('round.list.title')}</h1>
    ${notice(ctx, noticeKey)}
    <p class="lead">${t('round.list.lead')}</p>
    <p><a href="/${ctx.lang}/self-assessment/framework">${t('round.list.framework')}</a></p>
    ${c.manage ? html`<p>${linkButton({ href: `${roundsPath(ctx, slug)}/new`, text: t('round.list.new') })}</p>` : ''}
    ${
      rounds.length
        ? table({
            id: 'rounds',
            caption: t('round.list.title'),
            captionHidden: true,
            head: [t('round.field.title'), t('round.list.status'), t('round.list.dates'), t('round.list.sent')],
            rowHeadings: true,
            numeric: [3],
            rows: rounds.map((r) => [
              html`<a href="${roundPath(ctx, slug, r.id)}"><bdi>${r.title}</bdi></a>`,
              statusBadge(ctx, statusOf(r)),
              t('round.list.range', { from: day(ctx, r.opens_at), to: day(ctx, lastDay(r.closed_at ?? r.closes_at)) }),
              ctx.format.number(r.sent),
            ]),
          })
        : html`<p class="empty-state">${t('round.list.none')}</p>`
    }
    ${
      c.manage
        ? html`<h2>${t('round.benchmark.title')}</h2>
        ${postForm(
          `${roundsPath(ctx, slug)}/benchmark`,
          csrf,
          html`<p>${t('round.benchmark.lead')}</p>
            ${checkbox(ctx, { name: 'count', label: t('round.benchmark.count'), checked: !Number(c.centre.benchmark_opt_out) })}
            ${button({ text: t('round.benchmark.save'), variant: 'secondary' })}`,
        )}`
        : ''
    }`;
  return privatePage(ctx, t('round.list.title'), body, crumbs(ctx, c).slice(0, 2));
}
