import type { PageContext } from '../../../http/context.ts';
import { isLang } from '../../../i18n/languages.ts';
import type { FieldError } from '../../../http/forms.ts';
import { button, buttonGroup, linkButton } from '../../../ui/components/button/button.ts';
import { errorSummary, field, postForm, textarea } from '../../../ui/components/field/field.ts';
import { notice } from '../../../ui/components/notice/notice.ts';
import { tag } from '../../../ui/components/tag/tag.ts';
import { day } from '../../../ui/dates.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { langOf } from '../../../ui/text.ts';
import { MAX_POST, MAX_TITLE } from '../lists.ts';
import type { editing } from '../repository.ts';
import type { Community } from '../service.ts';
import { langAttrs, postHtml } from './post.ts';
import { languageSelect } from './topics.ts';

// Editing a post (its text, its language, and a topic's title with its opening post) and a post's
// history: its text now, then each earlier text, the newest first, with who replaced it and when.

const kicker = (ctx: PageContext, c: Community) =>
  html`<p class="kicker"><a href="${href(ctx, `/communities/${c.slug}`)}"${langOf(c.name, ctx)}>${c.name.value}</a></p>`;

export interface EditValues {
  title: string;
  body: string;
  lang: string;
  /** the version the editor started from: the post's last edit's time, '' for the original */
  seen: string;
}

export function editView(
  ctx: PageContext,
  csrf: string,
  c: Community,
  post: editing.PostToEdit,
  o: { values: EditValues; errors?: FieldError[]; changed?: boolean },
): string {
  const { t } = ctx;
  const errors = o.errors ?? [];
  const topic = href(ctx, `/communities/${c.slug}/topics/${post.topicId}#post-${post.id}`);
  const body = html`${kicker(ctx, c)}
    <h1>${t(post.opening ? 'community.edit.headingTopic' : 'community.edit.heading')}</h1>
    ${errorSummary(ctx, errors)}
    ${
      o.changed
        ? html`${notice(t('community.edit.changed'), { tone: 'warning' })}
          <blockquote class="quoted-post"><div class="prose"${langAttrs(ctx, post.lang)}>${postHtml(post)}</div></blockquote>`
        : ''
    }
    <p><a href="${topic}"${langAttrs(ctx, post.topicLang)}><bdi>${post.topicTitle}</bdi></a></p>
    ${postForm(
      href(ctx, `/communities/${c.slug}/posts/${post.id}/edit`),
      csrf,
      html`<input type="hidden" name="seen" value="${o.values.seen}">
        ${post.opening ? field(ctx, { name: 'title', label: t('community.topic.title'), value: o.values.title, maxlength: MAX_TITLE, errors }) : ''}
        ${textarea(ctx, {
          name: 'body',
          label: t('community.post.body'),
          hint: t('community.post.bodyHint', { max: MAX_POST }),
          value: o.values.body,
          maxlength: MAX_POST,
          rows: 10,
          errors,
          // the text in its own language and direction where the site knows it (otherwise dir="auto")
          ...(isLang(post.lang) ? { lang: post.lang } : {}),
        })}
        ${languageSelect(ctx, o.values.lang, errors)}
        <p class="hint">${t('community.edit.historyHint')}</p>
        ${buttonGroup([button({ text: t('community.edit.save') }), linkButton({ href: topic, text: t('community.cancel'), variant: 'secondary' })])}`,
    )}`;
  return layout(ctx, { title: t('community.edit.heading'), body, pageType: 'community-post-edit', index: false });
}

function version(ctx: PageContext, o: { label: Html | string; body: string; lang: string; title: string | null; topicLang: string }): Html {
  return html`<li class="post">
    <p class="meta">${o.label}</p>
    ${o.title === null ? '' : html`<p><strong><bdi${langAttrs(ctx, o.topicLang)}>${o.title}</bdi></strong></p>`}
    <div class="prose"${langAttrs(ctx, o.lang)}>${postHtml(o)}</div>
  </li>`;
}

export function historyView(ctx: PageContext, c: Community, post: editing.PostToEdit, revisions: editing.Revision[]): string {
  const { t } = ctx;
  const who = (name: string | null) => (name ? html`<bdi>${name}</bdi>` : t('community.formerMember'));
  // Each earlier text was written when the one before it was replaced (the first, with the post).
  const writtenAt = (i: number) => revisions[i + 1]?.replacedAt ?? post.createdAt;
  const body = html`${kicker(ctx, c)}
    <h1>${t('community.history.heading')}</h1>
    <p><a href="${href(ctx, `/communities/${c.slug}/topics/${post.topicId}#post-${post.id}`)}"${langAttrs(ctx, post.topicLang)}><bdi>${post.topicTitle}</bdi></a>
      · ${who(post.author)}</p>
    ${revisions.length === 0 ? html`<p>${t('community.history.none')}</p>` : ''}
    <ol class="posts">
      ${version(ctx, {
        label: html`${tag(t('community.history.current'), 'info')} ${post.editedAt ? t('community.history.editedOn', { date: day(ctx, post.editedAt) }) : day(ctx, post.createdAt)}`,
        body: post.body,
        lang: post.lang,
        title: post.opening ? post.topicTitle : null,
        topicLang: post.topicLang,
      })}
      ${revisions.map((r, i) =>
        version(ctx, {
          label: html`${t('community.history.version', { written: day(ctx, writtenAt(i)), replaced: day(ctx, r.replacedAt) })} · ${t('community.history.replacedBy')} ${who(r.replacedBy)}`,
          body: r.body,
          lang: r.lang,
          title: r.title,
          topicLang: post.topicLang,
        }),
      )}
    </ol>`;
  return layout(ctx, { title: t('community.history.heading'), body, pageType: 'community-post-history', index: false });
}
