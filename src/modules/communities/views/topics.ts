import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { button } from '../../../ui/components/button/button.ts';
import { choiceList } from '../../../ui/components/choice-list/choice-list.ts';
import { errorSummary, field, postForm, select, textarea } from '../../../ui/components/field/field.ts';
import { notice } from '../../../ui/components/notice/notice.ts';
import { pagination } from '../../../ui/components/pagination/pagination.ts';
import { tag } from '../../../ui/components/tag/tag.ts';
import { day } from '../../../ui/dates.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { langOf } from '../../../ui/text.ts';
import { languageCodes } from '../../centres/lists.ts';
import { MAX_POST, MAX_TITLE, POSTS_PER_PAGE, type Level } from '../lists.ts';
import { levelForm } from './levels.ts';
import type { PostRow, TopicRow } from '../repository.ts';
import type { LinkCard } from '../cards.ts';
import type { Community } from '../service.ts';
import { decisionButtons } from './moderation.ts';
import { langAttrs, postHtml, statusTag } from './post.ts';
import { filesField, postFiles } from './files.ts';
import type { PostFile } from '../attachments.ts';

// A topic with its posts (a page at a time, in the languages the reader keeps), the reply form,
// and the form that starts a topic. Posts are Markdown, rendered and sanitised here; each carries
// the language its writer chose, so it is marked up with its own lang and direction. A post
// hidden after flags or removed shows as a note to everyone but its author and the facilitators,
// who read it with its state; each post has its flag link, and the facilitators' decisions.

/** The languages a writer can choose for a post, the page's first. */
export function languageSelect(ctx: PageContext, value: string, errors: FieldError[]): Html {
  const names = languageCodes.map((code) => ({ value: code, label: ctx.format.language(code) }));
  const own = names.find((n) => n.value === ctx.lang);
  const rest = names.filter((n) => n.value !== ctx.lang).sort((a, b) => a.label.localeCompare(b.label, ctx.lang));
  return select(ctx, {
    name: 'lang',
    label: ctx.t('community.post.lang'),
    hint: ctx.t('community.post.langHint'),
    value,
    options: own ? [own, ...rest] : rest,
    errors,
  });
}

export interface TopicPage {
  community: Community;
  topic: TopicRow;
  posts: { rows: PostRow[]; total: number };
  languages: { lang: string; count: number }[];
  write: boolean;
  facilitate: boolean;
  /** the reader's account (null: not signed in) */
  viewerId: number | null;
  /** the communities a facilitator may move the topic to */
  moveTargets: Community[];
  /** for members: their notification levels for the community and this topic (null: the default) */
  levels?: { community: Level | null; topic: Level | null } | null;
  /** how many found each post of the page helpful, and whether the reader did */
  helpful?: Map<number, { count: number; mine: boolean }>;
  /** where the marked answer is (its page and anchor), if the topic has one */
  answerAt?: string | null;
  /** the topic's opening post, which cannot be its answer */
  openingId?: number | null;
  /** each post's cards for its links to the platform's packages, stations, resources and centres */
  cards?: Map<number, LinkCard[]>;
  /** each post's files */
  files?: Map<number, PostFile[]>;
  /** the largest file a post may carry, in bytes */
  maxBytes: number;
}

/** A post's cards: what each of its links to the platform leads to. */
function linkCards(ctx: PageContext, cards: LinkCard[]): Html | '' {
  if (cards.length === 0) return '';
  return html`<ul class="link-cards">
    ${cards.map(
      (c) => html`<li><a href="${href(ctx, c.path)}"><span class="link-card-kind">${ctx.t(`community.card.${c.kind}`)}</span>
        <span class="link-card-title"${c.title.lang === null ? html` dir="auto"` : langAttrs(ctx, c.title.lang)}>${c.title.value}</span></a></li>`,
    )}
  </ul>`;
}

/** "Helpful" (for others' posts) and, for the topic's author and facilitators, marking a reply as the answer. */
function reactionButtons(ctx: PageContext, csrf: string, p: TopicPage, post: PostRow, own: boolean): Html {
  const { t } = ctx;
  const slug = p.community.slug;
  const helpful = p.helpful?.get(post.id);
  const canHelp = p.write && !own;
  const isAnswer = p.topic.answerPostId === post.id;
  const canAnswer = post.id !== p.openingId && ((p.viewerId !== null && p.viewerId === p.topic.authorId && p.write) || p.facilitate);
  return html`${
    canHelp
      ? postForm(
          href(ctx, `/communities/${slug}/posts/${post.id}/helpful`),
          csrf,
          html`<input type="hidden" name="on" value="${helpful?.mine ? 'no' : 'yes'}">${button({
            text: helpful?.mine ? t('community.helpful.unmark') : t('community.helpful.mark'),
            variant: 'secondary',
          })}`,
          'inline-form',
        )
      : ''
  }${
    canAnswer
      ? postForm(
          href(ctx, `/communities/${slug}/topics/${p.topic.id}/answer`),
          csrf,
          html`<input type="hidden" name="post" value="${isAnswer ? '' : String(post.id)}">${button({
            text: isAnswer ? t('community.answer.unmark') : t('community.answer.mark'),
            variant: 'secondary',
          })}`,
          'inline-form',
        )
      : ''
  }`;
}

/** One post as this reader sees it: its text, or the note that stands for it, and what they may do with it. */
function postItem(ctx: PageContext, csrf: string | null, p: TopicPage, post: PostRow, page: number): Html {
  const { t } = ctx;
  const own = p.viewerId !== null && post.userId === p.viewerId;
  const readsAll = own || p.facilitate;
  const note = post.status === 'hidden' ? t('community.status.hiddenText') : post.status === 'removed' ? t('community.status.removedText') : null;
  const text =
    note && !readsAll
      ? html`<p class="post-note">${note}</p>`
      : html`${
          post.status === 'removed' && post.removedReason
            ? html`<p class="post-note">${t('community.status.removedBecause')} <span dir="auto">${post.removedReason}</span></p>`
            : post.status === 'hidden'
              ? html`<p class="post-note">${note}</p>`
              : ''
        }<div class="prose"${langAttrs(ctx, post.lang)}>${postHtml(post)}</div>${postFiles(ctx, p.community.slug, p.files?.get(post.id) ?? [])}${linkCards(
          ctx,
          p.cards?.get(post.id) ?? [],
        )}`;
  const canFlag = csrf && p.write && !own && (post.status === 'shown' || post.status === 'hidden');
  const canEdit = csrf && !p.community.archived && post.status !== 'removed' && (p.facilitate || (own && p.write && p.topic.lockedAt === null));
  const postHref = (action: string) => href(ctx, `/communities/${p.community.slug}/posts/${post.id}/${action}`);
  const edited = post.editedAt && (post.status === 'shown' || readsAll) ? html` · <a href="${postHref('history')}">${t('community.post.edited')}</a>` : '';
  const editLink = canEdit ? html`<a class="post-action" href="${postHref('edit')}">${t('community.edit.link')}</a>` : '';
  const quoteHref = href(ctx, `/communities/${p.community.slug}/topics/${p.topic.id}?${page > 1 ? `page=${page}&` : ''}quote=${post.id}#reply-heading`);
  const quote =
    csrf && p.write && post.status === 'shown' && p.topic.lockedAt === null
      ? html`<a class="post-action" href="${quoteHref}">${t('community.post.quote')}</a>`
      : '';
  const reactions = csrf && post.status === 'shown' ? html`${quote}${reactionButtons(ctx, csrf, p, post, own)}` : '';
  const isAnswer = p.topic.answerPostId === post.id;
  const helpful = p.helpful?.get(post.id)?.count ?? 0;
  const classes = ['post', post.status === 'shown' ? '' : `post-${post.status}`, isAnswer ? 'post-answer' : ''].filter(Boolean).join(' ');
  return html`<li class="${classes}" id="post-${post.id}">
    <p class="meta"><strong>${post.author ? html`<bdi>${post.author}</bdi>` : t('community.formerMember')}</strong> · ${day(ctx, post.createdAt)}${
      post.lang === ctx.lang ? '' : html` · ${ctx.format.language(post.lang)}`
    }${edited}${readsAll && post.status !== 'shown' ? html` ${statusTag(ctx, post.status)}` : ''}${isAnswer ? html` ${tag(t('community.answer.tag'), 'success')}` : ''}</p>
    ${text}
    ${helpful > 0 && post.status === 'shown' ? html`<p class="meta">${t('community.helpful.count', { count: helpful })}</p>` : ''}
    ${
      p.facilitate && csrf
        ? decisionButtons(ctx, csrf, p.community.slug, { id: post.id, status: post.status, flagged: false }, 'topic', html`${editLink}${reactions}`)
        : canFlag || editLink || reactions
          ? html`<div class="post-actions">${editLink}${reactions}${canFlag ? html`<a class="post-action" href="${postHref('flag')}">${t('community.flag.link')}</a>` : ''}</div>`
          : ''
    }
  </li>`;
}

export function topicView(
  ctx: PageContext,
  csrf: string | null,
  p: TopicPage,
  o: {
    page: number;
    langs: readonly string[];
    values?: { body: string; lang: string };
    errors?: FieldError[];
    notice?: string;
    signedIn: boolean;
    kept?: PostFile[];
  },
): string {
  const { t } = ctx;
  const c = p.community;
  const base = `/communities/${c.slug}/topics/${p.topic.id}`;
  const errors = o.errors ?? [];
  const pages = Math.max(1, Math.ceil(p.posts.total / POSTS_PER_PAGE));
  const pageHref = (n: number) => {
    const q = new URLSearchParams();
    for (const l of o.langs) q.append('lang', l);
    if (n > 1) q.set('page', String(n));
    const qs = q.toString();
    return href(ctx, `${base}${qs ? `?${qs}` : ''}`);
  };
  const first = (o.page - 1) * POSTS_PER_PAGE;
  const locked = p.topic.lockedAt !== null;
  const body = html`<p class="kicker"><a href="${href(ctx, `/communities/${c.slug}`)}"${langOf(c.name, ctx)}>${c.name.value}</a></p>
    <h1><bdi${p.topic.lang === ctx.lang ? '' : html` lang="${p.topic.lang}"`}>${p.topic.title}</bdi></h1>
    ${o.notice ? notice(t(o.notice), { tone: 'success' }) : ''}
    ${p.topic.status === 'waiting' ? notice(t('community.topic.waitingText'), { tone: 'warning' }) : ''}
    ${p.topic.status === 'removed' ? notice(t('community.topic.removedText'), { tone: 'warning' }) : ''}
    ${errorSummary(ctx, errors)}
    <p class="meta">${t('community.replies', { count: p.topic.replies })}${locked ? html` · ${tag(t('community.topic.locked'), 'neutral')}` : ''}</p>
    ${p.answerAt ? html`<p class="answer-link">${tag(t('community.answer.tag'), 'success')} <a href="${href(ctx, p.answerAt)}">${t('community.answer.goTo')}</a></p>` : ''}
    ${
      p.languages.length > 1
        ? html`<form class="language-filter" action="${href(ctx, base)}" method="get">
            ${choiceList(ctx, {
              kind: 'checkbox',
              name: 'lang',
              id: 'show-lang',
              legend: t('community.post.filter'),
              hint: t('community.post.filterHint'),
              values: o.langs,
              inline: true,
              options: p.languages.map((l) => ({
                value: l.lang,
                label: html`${ctx.format.language(l.lang)} <span class="count">(${ctx.format.number(l.count)})</span>`,
              })),
            })}
            ${button({ text: t('library.apply'), variant: 'secondary' })}
          </form>`
        : ''
    }
    ${
      p.posts.rows.length
        ? html`<ol class="posts" start="${first + 1}">
            ${p.posts.rows.map((post) => postItem(ctx, csrf, p, post, o.page))}
          </ol>`
        : html`<p>${t('community.post.noneInLanguages')}</p>`
    }
    ${pagination(ctx, { label: t('pagination.label'), current: o.page, pages, href: pageHref })}
    ${replyArea(ctx, csrf, p, base, { values: o.values ?? { body: '', lang: ctx.lang }, errors, kept: o.kept ?? [] }, o.signedIn)}
    ${p.levels && csrf ? levelForm(ctx, csrf, { action: href(ctx, `${base}/level`), community: p.levels.community, topic: p.levels.topic }) : ''}
    ${
      p.facilitate && csrf
        ? html`<section class="facilitator-tools" aria-labelledby="tools-heading"><h2 id="tools-heading">${t('community.tools.heading')}</h2>${postForm(
            href(ctx, `${base}/lock`),
            csrf,
            html`<input type="hidden" name="on" value="${locked ? 'no' : 'yes'}">${button({ text: locked ? t('community.topic.unlock') : t('community.topic.lock'), variant: 'secondary' })}`,
            'inline-form',
          )}${
            p.moveTargets.length
              ? postForm(
                  href(ctx, `${base}/move`),
                  csrf,
                  html`${select(ctx, {
                    name: 'to',
                    label: t('community.move.to'),
                    hint: t('community.move.hint'),
                    value: '',
                    options: p.moveTargets.map((x) => ({ value: x.slug, label: x.name.value })),
                  })}${button({ text: t('community.move.send'), variant: 'secondary' })}`,
                  'form move-form',
                )
              : ''
          }</section>`
        : ''
    }`;
  return layout(ctx, { title: p.topic.title, body, pageType: 'community-topic', index: c.visibility === 'public' && o.page === 1 && o.langs.length === 0 });
}

function replyArea(
  ctx: PageContext,
  csrf: string | null,
  p: TopicPage,
  base: string,
  form: { values: { body: string; lang: string }; errors: FieldError[]; kept: PostFile[] },
  signedIn: boolean,
): Html {
  const { t } = ctx;
  const { values, errors } = form;
  // A reply refused (a lock, a membership ended) keeps its text on the page, to copy.
  const kept = values.body
    ? textarea(ctx, { name: 'body', label: t('community.post.kept'), value: values.body, maxlength: MAX_POST, rows: 8, errors })
    : html``;
  if (p.topic.lockedAt !== null) return html`${notice(t('community.topic.lockedText'))}${kept}`;
  if (!p.write || !csrf) {
    if (p.community.archived) return kept;
    return html`<p><a href="${href(ctx, `/communities/${p.community.slug}`)}">${signedIn ? t('community.post.joinToReply') : t('community.post.signInToReply')}</a></p>${kept}`;
  }
  return html`<section aria-labelledby="reply-heading"><h2 id="reply-heading">${t('community.post.replyHeading')}</h2>
    ${postForm(
      href(ctx, base),
      csrf,
      html`${textarea(ctx, { name: 'body', label: t('community.post.body'), hint: t('community.post.bodyHint', { max: MAX_POST }), value: values.body, maxlength: MAX_POST, rows: 8, errors })}
        ${languageSelect(ctx, values.lang, errors)}
        ${filesField(ctx, { kept: form.kept, errors, maxBytes: p.maxBytes })}
        ${button({ text: t('community.post.send') })}`,
      'form',
      { files: true },
    )}</section>`;
}

export function newTopicView(
  ctx: PageContext,
  csrf: string,
  c: Community,
  values: { title: string; body: string; lang: string },
  errors: FieldError[],
  files: { kept: PostFile[]; maxBytes: number },
): string {
  const { t } = ctx;
  const body = html`<p class="kicker"><a href="${href(ctx, `/communities/${c.slug}`)}"${langOf(c.name, ctx)}>${c.name.value}</a></p>
    <h1>${t('community.topic.start')}</h1>
    ${errorSummary(ctx, errors)}
    ${postForm(
      href(ctx, `/communities/${c.slug}/topics`),
      csrf,
      html`${field(ctx, { name: 'title', label: t('community.topic.title'), value: values.title, maxlength: MAX_TITLE, errors })}
        ${textarea(ctx, { name: 'body', label: t('community.post.body'), hint: t('community.post.bodyHint', { max: MAX_POST }), value: values.body, maxlength: MAX_POST, rows: 10, errors })}
        ${languageSelect(ctx, values.lang, errors)}
        ${filesField(ctx, { ...files, errors })}
        ${button({ text: t('community.topic.post') })}`,
      'form',
      { files: true },
    )}`;
  return layout(ctx, { title: t('community.topic.start'), body, pageType: 'community-topic-new', index: false });
}
