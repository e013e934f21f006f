import type { PageContext } from '../../../../http/context.ts';
import { button } from '../../../../ui/components/button/button.ts';
import { postForm } from '../../../../ui/components/field/field.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';
import { day } from '../../../../ui/dates.ts';
import { html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';

// Reported messages, for administrators: the message, who wrote it (the centre), who reported it
// and why. The rest of the conversation stays between the two centres.

export interface ReportRow {
  id: number;
  reason: string;
  created_at: string;
  body: string;
  written_at: string;
  subject: string;
  author_centre: string;
  author_slug: string;
  reporter_centre: string;
}

export function reportsView(ctx: PageContext, csrf: string, reports: ReportRow[], done?: string): string {
  const { t } = ctx;
  const body = html`<h1>${t('message.reports.heading')}</h1>
    ${done ? notice(t(done), { tone: 'success' }) : ''}
    <p class="lead">${t('message.reports.intro')}</p>
    ${
      reports.length
        ? html`<ol class="messages">${reports.map(
            (r) => html`<li class="message">
              <p class="meta">${t('message.reports.line', {
                reporter: r.reporter_centre,
                author: r.author_centre,
                reason: t(`message.report.${r.reason}`),
                date: day(ctx, r.created_at),
              })}</p>
              <p class="meta"><bdi>${r.subject}</bdi> · ${day(ctx, r.written_at)}</p>
              <div class="message-body" dir="auto">${r.body}</div>
              ${postForm(href(ctx, `/admin/reports/${r.id}/resolve`), csrf, button({ text: t('message.reports.resolve'), variant: 'secondary' }), 'inline-form')}
            </li>`,
          )}</ol>`
        : html`<p>${t('message.reports.none')}</p>`
    }`;
  return layout(ctx, {
    title: t('message.reports.heading'),
    body,
    index: false,
    pageType: 'admin',
    breadcrumbs: [{ href: href(ctx, '/admin'), label: t('header.backOffice') }],
  });
}
