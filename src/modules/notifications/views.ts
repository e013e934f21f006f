import type { PageContext } from '../../http/context.ts';
import { button } from '../../ui/components/button/button.ts';
import { postForm } from '../../ui/components/field/field.ts';
import { notice } from '../../ui/components/notice/notice.ts';
import { tag } from '../../ui/components/tag/tag.ts';
import { day } from '../../ui/dates.ts';
import { html, type Html } from '../../ui/html.ts';
import { href, layout } from '../../ui/layout.ts';
import type { NotificationRow } from './repository.ts';
import { NOTIFICATIONS_SHOWN } from './service.ts';

// A person's notifications, the newest first: what happened, who did it, where, and when; the
// unread ones marked. Each is a link through its own address (read from then on).

/** A value inside a sentence of the catalogue, isolated in its own direction (FSI … PDI). */
const isolated = (value: string) => `\u2068${value}\u2069`;

function line(ctx: PageContext, n: NotificationRow): Html {
  const { t } = ctx;
  const text = t(`notifications.kind.${n.kind}`, { actor: isolated(n.actor ?? t('community.formerMember')), topic: isolated(n.topicTitle ?? '') });
  return html`<li class="${n.readAt ? 'notification' : 'notification notification-unread'}">
    <a href="${href(ctx, `/account/notifications/${n.id}`)}">${text}</a>
    ${n.readAt ? '' : tag(t('notifications.new'), 'info')}
    <p class="meta">${day(ctx, n.createdAt)}</p>
  </li>`;
}

export function notificationsView(ctx: PageContext, csrf: string, list: NotificationRow[], o: { notice?: string }): string {
  const { t } = ctx;
  const unread = list.filter((n) => !n.readAt).length;
  const body = html`<h1>${t('notifications.heading')}</h1>
    ${o.notice ? notice(t(o.notice), { tone: 'success' }) : ''}
    <p>${t('notifications.intro', { shown: NOTIFICATIONS_SHOWN })}</p>
    ${unread ? postForm(href(ctx, '/account/notifications/read'), csrf, button({ text: t('notifications.readAll'), variant: 'secondary' }), 'inline-form') : ''}
    ${list.length ? html`<ol class="notifications">${list.map((n) => line(ctx, n))}</ol>` : html`<p>${t('notifications.none')}</p>`}`;
  return layout(ctx, {
    title: t('notifications.heading'),
    body,
    pageType: 'notifications',
    index: false,
    breadcrumbs: [{ href: href(ctx, '/account'), label: t('nav.account') }],
  });
}
