import type { PageContext } from '../../http/context.ts';
import { button } from '../../ui/components/button/button.ts';
import { choiceList } from '../../ui/components/choice-list/choice-list.ts';
import { postForm } from '../../ui/components/field/field.ts';
import { notice } from '../../ui/components/notice/notice.ts';
import { tag } from '../../ui/components/tag/tag.ts';
import { day } from '../../ui/dates.ts';
import { html, type Html } from '../../ui/html.ts';
import { href, layout } from '../../ui/layout.ts';
import type { NotificationRow } from './repository.ts';
import { NOTIFICATIONS_SHOWN } from './service.ts';

// A person's notifications, the newest first: what happened, who did it, where, and when; the
// unread ones marked. Each is a link through its own address (read from then on). Under them, the
// digest by mail: none, daily or weekly. And the page a digest's link opens without signing in.

/** a person's digest: daily, weekly, or none */
export type DigestChoice = 'daily' | 'weekly' | null;

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

/** The three choices of a digest, the current one checked. */
function digestChoices(ctx: PageContext, current: DigestChoice): Html {
  const { t } = ctx;
  return choiceList(ctx, {
    kind: 'radio',
    name: 'frequency',
    legend: t('digest.legend'),
    hint: t('digest.hint'),
    options: [
      { value: 'off', label: t('digest.off') },
      { value: 'daily', label: t('digest.daily'), hint: t('digest.dailyHint') },
      { value: 'weekly', label: t('digest.weekly'), hint: t('digest.weeklyHint') },
    ],
    values: [current ?? 'off'],
  });
}

export function notificationsView(ctx: PageContext, csrf: string, list: NotificationRow[], o: { digest: DigestChoice; notice?: string }): string {
  const { t } = ctx;
  const unread = list.filter((n) => !n.readAt).length;
  const body = html`<h1>${t('notifications.heading')}</h1>
    ${o.notice ? notice(t(o.notice), { tone: 'success' }) : ''}
    <p>${t('notifications.intro', { shown: NOTIFICATIONS_SHOWN })}</p>
    ${unread ? postForm(href(ctx, '/account/notifications/read'), csrf, button({ text: t('notifications.readAll'), variant: 'secondary' }), 'inline-form') : ''}
    ${list.length ? html`<ol class="notifications">${list.map((n) => line(ctx, n))}</ol>` : html`<p>${t('notifications.none')}</p>`}
    <section aria-labelledby="digest">
      <h2 id="digest">${t('digest.heading')}</h2>
      ${postForm(href(ctx, '/account/notifications/digest'), csrf, html`${digestChoices(ctx, o.digest)}${button({ text: t('digest.save') })}`)}
    </section>`;
  return layout(ctx, {
    title: t('notifications.heading'),
    body,
    pageType: 'notifications',
    index: false,
    breadcrumbs: [{ href: href(ctx, '/account'), label: t('nav.account') }],
  });
}

/**
 * The page a digest's link opens, signed in or not: the digest is off (or was just chosen), with
 * the choices again, the token standing in for a session; or, for an old link, the way to sign in.
 */
export function digestLinkView(
  ctx: PageContext,
  o: { state: 'expired' } | { state: 'valid'; token: string; frequency: DigestChoice; done?: 'off' | 'saved' },
): string {
  const { t } = ctx;
  const signIn = href(ctx, `/account/sign-in?next=${encodeURIComponent(href(ctx, '/account/notifications#digest'))}`);
  const body =
    o.state === 'expired'
      ? html`<h1>${t('digest.heading')}</h1>
          ${notice(t('digest.link.expired'), { tone: 'warning' })}
          <p><a href="${signIn}">${t('digest.link.signIn')}</a></p>`
      : html`<h1>${t('digest.heading')}</h1>
          ${o.done ? notice(t(o.done === 'off' ? 'digest.link.off' : o.frequency ? 'digest.link.on' : 'digest.link.stillOff'), { tone: 'success' }) : ''}
          <form class="form" action="${href(ctx, '/account/notifications/digest/choose')}" method="post" novalidate>
            <input type="hidden" name="t" value="${o.token}">
            ${digestChoices(ctx, o.frequency)} ${button({ text: t('digest.save') })}
          </form>
          <p><a href="${signIn}">${t('digest.link.signIn')}</a></p>`;
  return layout(ctx, { title: t('digest.heading'), body, pageType: 'digest link', index: false });
}
