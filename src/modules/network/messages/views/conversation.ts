import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { button } from '../../../../ui/components/button/button.ts';
import { choiceList } from '../../../../ui/components/choice-list/choice-list.ts';
import { errorSummary, postForm, textarea } from '../../../../ui/components/field/field.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';
import { day } from '../../../../ui/dates.ts';
import { html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { BODY_MAX } from '../schemas.ts';

// One conversation: the messages, oldest first, each with its centre and author ("a former
// member" once they left the platform); the reply form; reporting a message; blocking the centre.
// Messages are plain text in their writers' direction, kept as written (line breaks included).

export interface ConversationPage {
  centre: { id: number; slug: string; name: string };
  access: 'admin' | 'member';
  conversation: { id: number; subject: string; request_id: number | null };
  other: { slug: string; name: string; published: number };
  messages: { id: number; centre_id: number; body: string; created_at: string; author: string | null }[];
  weBlocked: boolean;
  theyBlocked: boolean;
}

export function conversationView(
  ctx: PageContext,
  csrf: string,
  d: ConversationPage,
  s: { body?: string; errors?: FieldError[]; notice?: string } = {},
): string {
  const { t } = ctx;
  const errors = s.errors ?? [];
  const base = `/account/centres/${d.centre.slug}/messages/${d.conversation.id}`;
  const closed = d.weBlocked || d.theyBlocked;
  const body = html`<p class="kicker"><bdi>${d.centre.name}</bdi></p>
    <h1><bdi>${d.conversation.subject}</bdi></h1>
    ${s.notice ? notice(t(s.notice), { tone: 'success' }) : ''}
    ${errorSummary(ctx, errors)}
    <p>${t('message.with')} ${d.other.published ? html`<a href="${href(ctx, `/centres/${d.other.slug}`)}"><bdi>${d.other.name}</bdi></a>` : html`<bdi>${d.other.name}</bdi>`}
      ${d.conversation.request_id ? html` · <a href="${href(ctx, `/partners/${d.conversation.request_id}`)}">${t('message.request')}</a>` : ''}</p>
    <ol class="messages">
      ${d.messages.map((m) => {
        const mine = m.centre_id === d.centre.id;
        return html`<li class="${mine ? 'message mine' : 'message'}" id="message-${m.id}">
          <p class="meta"><strong><bdi>${mine ? d.centre.name : d.other.name}</bdi></strong> · ${m.author ? html`<bdi>${m.author}</bdi>` : t('message.formerMember')} · ${day(ctx, m.created_at)}</p>
          <div class="message-body" dir="auto">${m.body}</div>
          ${
            mine
              ? ''
              : html`<details class="report">
                  <summary>${t('message.report.summary')}</summary>
                  ${postForm(
                    href(ctx, `${base}/report`),
                    csrf,
                    html`<input type="hidden" name="message" value="${m.id}">
                      ${choiceList(ctx, {
                        kind: 'radio',
                        name: 'reason',
                        id: `reason-${m.id}`,
                        legend: t('message.report.legend'),
                        values: [],
                        options: ['spam', 'abuse', 'other'].map((r) => ({ value: r, label: t(`message.report.${r}`) })),
                      })}
                      ${button({ text: t('message.report.send'), variant: 'secondary' })}`,
                  )}
                </details>`
          }
        </li>`;
      })}
    </ol>
    ${
      closed
        ? notice(t(d.weBlocked ? 'message.blocked.byUs' : 'message.blocked.byThem'))
        : postForm(
            href(ctx, base),
            csrf,
            html`${textarea(ctx, { name: 'body', label: t('message.reply'), hint: t('message.field.bodyHint', { max: BODY_MAX }), value: s.body ?? '', maxlength: BODY_MAX, rows: 6, errors })}
              ${button({ text: t('message.send') })}`,
          )
    }
    ${
      d.access === 'admin'
        ? postForm(
            href(ctx, `${base}/block`),
            csrf,
            html`<input type="hidden" name="on" value="${d.weBlocked ? 'no' : 'yes'}">
              <p class="hint">${t(d.weBlocked ? 'message.block.undoHint' : 'message.block.hint', { centre: d.other.name })}</p>
              ${button({ text: t(d.weBlocked ? 'message.block.undo' : 'message.block.do', { centre: d.other.name }), variant: 'secondary' })}`,
            'form block-form',
          )
        : ''
    }
    <p><a href="${href(ctx, `/account/centres/${d.centre.slug}/messages`)}">${t('message.back')}</a></p>`;
  return layout(ctx, {
    title: d.conversation.subject,
    body,
    index: false,
    pageType: 'account',
    breadcrumbs: [
      { href: href(ctx, '/account'), label: t('nav.account') },
      { href: href(ctx, `/account/centres/${d.centre.slug}`), label: d.centre.name },
      { href: href(ctx, `/account/centres/${d.centre.slug}/messages`), label: t('message.inbox.heading') },
    ],
  });
}
