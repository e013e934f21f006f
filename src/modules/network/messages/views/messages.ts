import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { button, linkButton } from '../../../../ui/components/button/button.ts';
import { errorSummary, field, postForm, textarea } from '../../../../ui/components/field/field.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';
import { tag } from '../../../../ui/components/tag/tag.ts';
import { day } from '../../../../ui/dates.ts';
import { html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { BODY_MAX, SUBJECT_MAX } from '../schemas.ts';

// A centre's conversations, writing a new one, and choosing which of one's centres writes.

type Centre = { slug: string; name: string };

const crumbs = (ctx: PageContext, c: Centre) => [
  { href: href(ctx, '/account'), label: ctx.t('nav.account') },
  { href: href(ctx, `/account/centres/${c.slug}`), label: c.name },
];

export function inboxView(
  ctx: PageContext,
  centre: Centre,
  conversations: { id: number; subject: string; request_id: number | null; last_message_at: string; other_name: string; other_slug: string; unread: number }[],
): string {
  const { t } = ctx;
  const base = `/account/centres/${centre.slug}/messages`;
  const body = html`<p class="kicker"><bdi>${centre.name}</bdi></p>
    <h1>${t('message.inbox.heading')}</h1>
    <p class="lead">${t('message.inbox.intro')}</p>
    <p>${linkButton({ href: href(ctx, '/centres'), text: t('message.inbox.find'), variant: 'secondary' })}</p>
    ${
      conversations.length
        ? html`<ul class="conversation-list">${conversations.map(
            (c) => html`<li class="${c.unread ? 'conversation unread' : 'conversation'}">
              <a href="${href(ctx, `${base}/${c.id}`)}"><bdi>${c.subject}</bdi></a>
              ${c.unread ? tag(t('message.inbox.unread', { count: c.unread }), 'info') : ''}
              <span class="meta"><bdi>${c.other_name}</bdi> · ${day(ctx, c.last_message_at)}${c.request_id ? html` · ${t('message.inbox.aboutRequest')}` : ''}</span>
            </li>`,
          )}</ul>`
        : html`<p>${t('message.inbox.none')}</p>`
    }`;
  return layout(ctx, { title: t('message.inbox.heading'), body, index: false, pageType: 'account', breadcrumbs: crumbs(ctx, centre) });
}

export function newConversationView(
  ctx: PageContext,
  csrf: string,
  from: Centre,
  to: Centre,
  values: { subject: string; body: string },
  errors: FieldError[] = [],
): string {
  const { t } = ctx;
  const body = html`<p class="kicker"><bdi>${from.name}</bdi></p>
    <h1>${t('message.new.heading', { centre: to.name })}</h1>
    ${errorSummary(ctx, errors)}
    <p class="lead">${t('message.new.intro', { centre: to.name })}</p>
    ${postForm(
      href(ctx, `/account/centres/${from.slug}/messages`),
      csrf,
      html`<input type="hidden" name="to" value="${to.slug}">
        ${field(ctx, { name: 'subject', label: t('message.field.subject'), value: values.subject, maxlength: SUBJECT_MAX, errors })}
        ${textarea(ctx, { name: 'body', label: t('message.field.body'), hint: t('message.field.bodyHint', { max: BODY_MAX }), value: values.body, maxlength: BODY_MAX, rows: 8, errors })}
        ${button({ text: t('message.new.send') })}`,
    )}`;
  return layout(ctx, {
    title: errors.length ? `${t('form.errorTitlePrefix')} ${t('message.new.heading', { centre: to.name })}` : t('message.new.heading', { centre: to.name }),
    body,
    index: false,
    pageType: 'account',
    breadcrumbs: crumbs(ctx, from),
  });
}

/** Which of the person's centres writes (or a way to add one when they have none). */
export function chooseCentreView(ctx: PageContext, to: Centre, mine: Centre[]): string {
  const { t } = ctx;
  const body = html`<h1>${t('message.choose.heading', { centre: to.name })}</h1>
    ${
      mine.length
        ? html`<p class="lead">${t('message.choose.intro')}</p>
          <ul class="link-list">${mine.map(
            (c) => html`<li><a href="${href(ctx, `/account/centres/${c.slug}/messages/new?to=${encodeURIComponent(to.slug)}`)}"><bdi>${c.name}</bdi></a></li>`,
          )}</ul>`
        : html`${notice(t('message.choose.noCentre'))}
          <p>${linkButton({ href: href(ctx, '/account/centres/new'), text: t('centres.add') })}</p>`
    }`;
  return layout(ctx, { title: t('message.choose.heading', { centre: to.name }), body, index: false, pageType: 'account' });
}
