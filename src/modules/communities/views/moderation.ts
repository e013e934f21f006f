import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { button, buttonGroup, linkButton } from '../../../ui/components/button/button.ts';
import { choiceList } from '../../../ui/components/choice-list/choice-list.ts';
import { errorSummary, postForm, textarea } from '../../../ui/components/field/field.ts';
import { notice } from '../../../ui/components/notice/notice.ts';
import { tag } from '../../../ui/components/tag/tag.ts';
import { day } from '../../../ui/dates.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { langOf } from '../../../ui/text.ts';
import { flagReasons, MAX_REASON, type PostStatus } from '../lists.ts';
import type { moderation } from '../repository.ts';
import type { Community } from '../service.ts';
import { langAttrs, postHtml, statusTag } from './post.ts';
import { postFiles } from './files.ts';
import type { PostFile } from '../attachments.ts';

// Moderation's pages: the form where a member flags a post, the one where a facilitator removes a
// post with the reason its author will read, and the review queue of a community (posts waiting
// for approval, posts with open flags), each decision one button or one short form away.

/** A post as the moderation pages quote it: who wrote it, when, in which topic, and its text. */
interface QuotedPost {
  id: number;
  topicId: number;
  topicTitle: string;
  topicLang: string;
  author: string | null;
  body: string;
  lang: string;
  createdAt: string;
  /** its files, where the page shows them (the review queue: a spam file is a reason to remove) */
  files?: readonly PostFile[];
}

const kicker = (ctx: PageContext, c: Community) =>
  html`<p class="kicker"><a href="${href(ctx, `/communities/${c.slug}`)}"${langOf(c.name, ctx)}>${c.name.value}</a></p>`;

function quoted(ctx: PageContext, c: Community, post: QuotedPost): Html {
  const { t } = ctx;
  const topic = href(ctx, `/communities/${c.slug}/topics/${post.topicId}#post-${post.id}`);
  return html`<blockquote class="quoted-post">
    <p class="meta"><strong>${post.author ? html`<bdi>${post.author}</bdi>` : t('community.formerMember')}</strong> · ${day(ctx, post.createdAt)} ·
      <a href="${topic}"${langAttrs(ctx, post.topicLang)}><bdi>${post.topicTitle}</bdi></a></p>
    <div class="prose"${langAttrs(ctx, post.lang)}>${postHtml(post)}</div>
    ${postFiles(ctx, c.slug, post.files ?? [])}
  </blockquote>`;
}

export function flagView(
  ctx: PageContext,
  csrf: string,
  c: Community,
  post: QuotedPost,
  o: { values: { reason: string; note: string }; errors?: FieldError[]; already: boolean },
): string {
  const { t } = ctx;
  const errors = o.errors ?? [];
  const body = html`${kicker(ctx, c)}
    <h1>${t('community.flag.heading')}</h1>
    ${errorSummary(ctx, errors)}
    <p>${t('community.flag.intro')}</p>
    ${quoted(ctx, c, post)}
    ${
      o.already
        ? notice(t('community.flag.already'))
        : postForm(
            href(ctx, `/communities/${c.slug}/posts/${post.id}/flag`),
            csrf,
            html`${choiceList(ctx, {
              kind: 'radio',
              name: 'reason',
              legend: t('community.flag.reason'),
              values: [o.values.reason],
              options: flagReasons.map((r) => ({ value: r, label: t(`community.flag.reason.${r}`), hint: t(`community.flag.reasonHint.${r}`) })),
              errors,
            })}
            ${textarea(ctx, { name: 'note', label: t('community.flag.note'), hint: t('community.flag.noteHint'), value: o.values.note, maxlength: MAX_REASON, rows: 3, errors })}
            ${buttonGroup([
              button({ text: t('community.flag.send') }),
              linkButton({
                href: href(ctx, `/communities/${c.slug}/topics/${post.topicId}#post-${post.id}`),
                text: t('community.cancel'),
                variant: 'secondary',
              }),
            ])}`,
          )
    }`;
  return layout(ctx, { title: t('community.flag.heading'), body, pageType: 'community-flag', index: false });
}

export function removeView(
  ctx: PageContext,
  csrf: string,
  c: Community,
  post: QuotedPost,
  o: { values: { reason: string; from: string }; errors?: FieldError[] },
): string {
  const { t } = ctx;
  const errors = o.errors ?? [];
  const back =
    o.values.from === 'review' ? href(ctx, `/communities/${c.slug}/review`) : href(ctx, `/communities/${c.slug}/topics/${post.topicId}#post-${post.id}`);
  const body = html`${kicker(ctx, c)}
    <h1>${t('community.remove.heading')}</h1>
    ${errorSummary(ctx, errors)}
    ${quoted(ctx, c, post)}
    ${postForm(
      href(ctx, `/communities/${c.slug}/posts/${post.id}/remove`),
      csrf,
      html`<input type="hidden" name="from" value="${o.values.from}">
        ${textarea(ctx, { name: 'reason', label: t('community.remove.reason'), hint: t('community.remove.reasonHint'), value: o.values.reason, maxlength: MAX_REASON, rows: 4, errors })}
        ${buttonGroup([button({ text: t('community.remove.send'), variant: 'warning' }), linkButton({ href: back, text: t('community.cancel'), variant: 'secondary' })])}`,
    )}`;
  return layout(ctx, { title: t('community.remove.heading'), body, pageType: 'community-remove', index: false });
}

/** A facilitator's buttons on one post: approve or keep it (one click), remove it (a page that asks why). */
export function decisionButtons(
  ctx: PageContext,
  csrf: string,
  slug: string,
  post: { id: number; status: PostStatus; flagged: boolean },
  from: 'review' | 'topic',
  /** links that come first (the edit link, under a post in its topic) */
  before: Html | '' = '',
): Html {
  const { t } = ctx;
  const action = (decision: 'approve' | 'keep', text: string) =>
    postForm(
      href(ctx, `/communities/${slug}/posts/${post.id}/${decision}`),
      csrf,
      html`<input type="hidden" name="from" value="${from}">${button({ text, variant: 'secondary' })}`,
      'inline-form',
    );
  const remove = href(ctx, `/communities/${slug}/posts/${post.id}/remove${from === 'review' ? '?from=review' : ''}`);
  return html`<div class="post-actions">
    ${before}
    ${post.status === 'waiting' ? action('approve', t('community.decide.approve')) : ''}
    ${post.status === 'hidden' || (post.flagged && post.status === 'shown') ? action('keep', t('community.decide.keep')) : ''}
    ${post.status === 'removed' ? '' : html`<a class="post-action" href="${remove}">${t('community.decide.remove')}</a>`}
  </div>`;
}

export function reviewView(
  ctx: PageContext,
  csrf: string,
  c: Community,
  queue: { items: moderation.ReviewItem[]; total: number },
  o: { notice?: string; files?: Map<number, PostFile[]> },
): string {
  const { t } = ctx;
  const reasons = (item: moderation.ReviewItem) => {
    const counted = flagReasons
      .map((r) => ({ r, n: item.flags.filter((f) => f.reason === r).length }))
      .filter((x) => x.n > 0)
      .map((x) => t('community.review.reasonCount', { reason: t(`community.flag.reason.${x.r}`), count: x.n }));
    const notes = item.flags.filter((f) => f.note);
    return html`<p class="flags-summary">${t('community.review.flags', { count: item.flags.length })}: ${ctx.format.list(counted)}</p>
      ${notes.length ? html`<ul class="flag-notes">${notes.map((f) => html`<li dir="auto">${f.note}</li>`)}</ul>` : ''}`;
  };
  const body = html`${kicker(ctx, c)}
    <h1>${t('community.review.heading')}</h1>
    ${o.notice ? notice(t(o.notice), { tone: 'success' }) : ''}
    <p>${t('community.review.intro')}</p>
    ${
      queue.items.length === 0
        ? notice(t('community.review.empty'), { tone: 'success' })
        : html`<p class="meta">${t('community.review.count', { count: queue.total })}</p>
          <ol class="review-items">
            ${queue.items.map(
              (item) => html`<li class="review-item" id="review-${item.postId}">
                ${
                  item.status !== 'shown' || item.opening
                    ? html`<p class="tags">${statusTag(ctx, item.status)} ${item.opening ? tag(t('community.review.opening'), 'neutral') : ''}</p>`
                    : ''
                }
                ${quoted(ctx, c, { ...item, id: item.postId, files: o.files?.get(item.postId) ?? [] })}
                ${item.flags.length ? reasons(item) : ''}
                ${decisionButtons(ctx, csrf, c.slug, { id: item.postId, status: item.status, flagged: item.flags.length > 0 }, 'review')}
              </li>`,
            )}
          </ol>`
    }`;
  return layout(ctx, { title: t('community.review.heading'), body, pageType: 'community-review', index: false });
}
