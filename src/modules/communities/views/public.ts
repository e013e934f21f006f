import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import type { Text } from '../../../i18n/localise.ts';
import { button, buttonGroup, linkButton } from '../../../ui/components/button/button.ts';
import { card, cardGrid } from '../../../ui/components/card/card.ts';
import { checkbox } from '../../../ui/components/choice-list/choice-list.ts';
import { errorSummary, postForm, searchField, textarea } from '../../../ui/components/field/field.ts';
import { notice } from '../../../ui/components/notice/notice.ts';
import { pagination } from '../../../ui/components/pagination/pagination.ts';
import { facts } from '../../../ui/components/shared.ts';
import { tag } from '../../../ui/components/tag/tag.ts';
import { day } from '../../../ui/dates.ts';
import { escapeHtml as esc, html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { plainExcerpt, plainText } from '../../../ui/markdown.ts';
import { langOf, prose, txt } from '../../../ui/text.ts';
import { activeFilters, facetChoices } from '../../../ui/result-controls.ts';
import { joinings, TOPICS_PER_PAGE, type Level } from '../lists.ts';
import type { MemberRow, TopicRow } from '../repository.ts';
import type { ListQuery } from '../schemas.ts';
import type { Community, Membership } from '../service.ts';
import { levelForm } from './levels.ts';

// Communities in public: the list with its filters, a community's page (what it is about, who
// facilitates it, how to join, its topics), and the page where a person joins or asks to.

const filterNames = ['theme', 'language', 'joining'] as const;
type Filter = (typeof filterNames)[number];

export function communitiesHref(ctx: PageContext, q: ListQuery): string {
  const params = new URLSearchParams();
  for (const f of filterNames) for (const v of q[f]) params.append(f, v);
  const qs = params.toString();
  return href(ctx, `/communities${qs ? `?${qs}` : ''}`);
}

const valueLabel = (ctx: PageContext, themes: Map<string, Text>, f: Filter, v: string): string =>
  f === 'theme' ? (themes.get(v)?.value ?? v) : f === 'language' ? ctx.format.language(v) : ctx.t(`community.joining.${v}`);

/** How many communities each value would leave, the other filters applied. */
function counts(all: Community[], q: ListQuery, f: Filter): { value: string; count: number }[] {
  const keeps = (c: Community, g: Filter) =>
    q[g].length === 0 ||
    (g === 'theme' ? q.theme.includes(c.theme) : g === 'language' ? c.languages.some((l) => q.language.includes(l)) : q.joining.includes(c.joining));
  const rest = all.filter((c) => filterNames.every((g) => g === f || keeps(c, g)));
  const n = new Map<string, number>();
  for (const c of rest) for (const v of f === 'theme' ? [c.theme] : f === 'language' ? c.languages : [c.joining]) n.set(v, (n.get(v) ?? 0) + 1);
  const order = f === 'joining' ? (joinings as readonly string[]) : [...n.keys()].sort();
  return order.filter((v) => n.has(v)).map((value) => ({ value, count: n.get(value)! }));
}

/** The tags of a community: its joining rule, and "members only". */
function communityTags(ctx: PageContext, c: Community): Html {
  return html`${tag(ctx.t(`community.joining.${c.joining}`), c.joining === 'open' ? 'success' : 'info')}${
    c.visibility === 'members' ? html` ${tag(ctx.t('community.visibility.members'), 'neutral')}` : ''
  }${c.archived ? html` ${tag(ctx.t('community.archived'), 'warning')}` : ''}`;
}

const excerpt = (text: string, max = 200) => plainExcerpt(text, max);

export function communitiesView(ctx: PageContext, query: ListQuery, result: { items: Community[]; all: Community[] }, themes: Map<string, Text>): string {
  const { t } = ctx;
  const active = filterNames.flatMap((f) => query[f].map((v) => ({ f, v })));
  const at = (q: ListQuery) => `${communitiesHref(ctx, q)}#results`;
  const cards = result.items.map((c) =>
    card({
      heading: html`<span${langOf(c.name, ctx)}>${c.name.value}</span>`,
      href: href(ctx, `/communities/${c.slug}`),
      headingLevel: 3,
      tag: communityTags(ctx, c),
      body: html`<p${langOf(c.description, ctx)}>${excerpt(c.description.value)}</p>
        <p class="meta">${themes.get(c.theme) ? txt(themes.get(c.theme), ctx) : c.theme} · ${t('community.members', { count: c.members })} · ${t('community.topics', { count: c.topics })}</p>`,
    }),
  );
  const body = html`<h1>${t('community.list.heading')}</h1>
    <p class="lead">${t('community.list.intro')}</p>
    <p><a href="${href(ctx, '/events')}">${t('community.list.events')}</a></p>
    <form class="library" action="${href(ctx, '/communities')}#results" method="get">
      <div class="library-layout">
        <details class="filters"${active.length ? html` open` : ''}>
          <summary>${t('library.filtersChosen', { count: active.length })}</summary>
          <div class="facets">
            ${filterNames.map((f) =>
              facetChoices(ctx, {
                name: f,
                legend: t(`community.filter.${f}`),
                selected: query[f],
                counts: counts(result.all, query, f),
                limit: 20,
                label: (v) => valueLabel(ctx, themes, f, v),
              }),
            )}
            ${button({ text: t('library.apply'), variant: 'secondary' })}
          </div>
        </details>
        <div class="results">
          <h2 id="results" class="visually-hidden">${t('library.resultsHeading')}</h2>
          <p class="result-count" role="status">${t('community.list.count', { count: result.items.length })}</p>
          ${activeFilters(
            ctx,
            active.map(({ f, v }) => ({
              href: at({ ...query, [f]: query[f].filter((x) => x !== v) }),
              facet: t(`community.filter.${f}`),
              value: valueLabel(ctx, themes, f, v),
            })),
            at({ theme: [], language: [], joining: [] }),
          )}
          ${
            cards.length
              ? cardGrid(cards)
              : result.all.length === 0
                ? html`<div class="empty-state"><h3>${t('community.list.empty')}</h3><p>${t('community.list.emptyText')}</p><ul>
                    <li><a href="${href(ctx, '/centres')}">${t('community.list.directory')}</a></li>
                  </ul></div>`
                : html`<div class="empty-state"><h3>${t('community.list.none')}</h3><ul>
                  ${active.length ? html`<li><a href="${href(ctx, '/communities')}">${t('library.clearFilters')}</a></li>` : ''}
                  <li><a href="${href(ctx, '/centres')}">${t('community.list.directory')}</a></li>
                </ul></div>`
          }
        </div>
      </div>
    </form>`;
  return layout(ctx, { title: t('community.list.heading'), description: t('community.list.intro'), body, pageType: 'communities', index: active.length === 0 });
}

export interface CommunityPage {
  community: Community;
  membership: Membership;
  read: boolean;
  write: boolean;
  facilitate: boolean;
  topics: { rows: TopicRow[]; total: number };
  facilitators: MemberRow[];
  /** for facilitators: how many posts wait in the review queue */
  waiting?: number;
  /** for members: their notification level for the community (null: the default) */
  level?: { community: Level | null };
}

/** What the person can do about joining: join, ask, wait, leave; or sign in first. */
function joinPanel(ctx: PageContext, csrf: string | null, p: CommunityPage, signedIn: boolean): Html {
  const { t } = ctx;
  const c = p.community;
  const base = `/communities/${c.slug}`;
  const leave = (label: string) => (csrf ? postForm(href(ctx, `${base}/leave`), csrf, button({ text: label, variant: 'secondary' }), 'inline-form') : html``);
  if (c.archived) return notice(t('community.archivedText'));
  const m = p.membership;
  if (m?.status === 'active') {
    return html`<p>${m.role === 'facilitator' ? t('community.you.facilitator') : t('community.you.member')}</p>
      ${buttonGroup([
        linkButton({ href: href(ctx, `${base}/topics/new`), text: t('community.topic.start') }),
        linkButton({
          href: href(ctx, `${base}/members`),
          text: p.facilitate ? t('community.members.manage') : t('community.members.heading'),
          variant: 'secondary',
        }),
      ])}
      <details class="leave"><summary>${t('community.leave.summary')}</summary>${leave(t('community.leave.button'))}</details>`;
  }
  if (m?.status === 'pending') return html`${notice(t('community.you.pending'))}${leave(t('community.leave.withdraw'))}`;
  if (m?.status === 'suspended') return notice(t('community.you.suspended'), { tone: 'warning' });
  if (m?.status === 'invited')
    return html`<p>${t('community.you.invited')}</p>${linkButton({ href: href(ctx, `${base}/join`), text: t('community.join.accept') })}`;
  if (c.joining === 'invitation') return html`<p>${t('community.join.invitationOnly')}</p>`;
  const action = c.joining === 'open' ? t('community.join.button') : t('community.join.ask');
  return html`${linkButton({ href: href(ctx, `${base}/join`), text: action })}${signedIn ? '' : html`<p class="hint">${t('community.join.signInHint')}</p>`}`;
}

export function topicList(ctx: PageContext, slug: string, rows: TopicRow[]): Html {
  const { t } = ctx;
  return html`<ol class="topics">
    ${rows.map(
      (x) => html`<li class="topic-item">
        <h3><a href="${href(ctx, `/communities/${slug}/topics/${x.id}`)}"${x.lang === ctx.lang ? '' : html` lang="${x.lang}" dir="auto"`}><bdi>${x.title}</bdi></a>
          ${x.lockedAt ? tag(t('community.topic.locked'), 'neutral') : ''} ${x.answerPostId ? tag(t('community.answer.answered'), 'success') : ''}</h3>
        <p class="meta">${x.author ? html`<bdi>${x.author}</bdi>` : t('community.formerMember')} · ${t('community.replies', { count: x.replies })} · ${t('community.lastPost', { date: day(ctx, x.lastPostAt) })}</p>
      </li>`,
    )}
  </ol>`;
}

export function communityView(
  ctx: PageContext,
  csrf: string | null,
  p: CommunityPage,
  o: { page: number; signedIn: boolean; notice?: string; themes: Map<string, Text> },
): string {
  const { t } = ctx;
  const c = p.community;
  const pages = Math.max(1, Math.ceil(p.topics.total / TOPICS_PER_PAGE));
  const body = html`<p class="kicker">${o.themes.get(c.theme) ? txt(o.themes.get(c.theme), ctx) : c.theme}</p>
    <h1${langOf(c.name, ctx)}>${c.name.value}</h1>
    ${o.notice ? notice(t(o.notice), { tone: o.notice === 'community.notice.lastFacilitator' ? 'warning' : 'success' }) : ''}
    <p>${communityTags(ctx, c)}</p>
    ${prose(c.description, ctx)}
    ${facts([
      [t('community.field.joining'), t(`community.joiningText.${c.joining}`)],
      [t('community.field.members'), ctx.format.number(c.members)],
      [t('community.field.languages'), ctx.format.list(c.languages.map((l) => ctx.format.language(l)))],
      [t('community.field.facilitators'), p.facilitators.length ? ctx.format.list(p.facilitators.map((f) => f.name)) : null],
    ])}
    <section class="panel join-panel" aria-labelledby="join-heading">
      <h2 id="join-heading">${t('community.join.heading')}</h2>
      ${joinPanel(ctx, csrf, p, o.signedIn)}
      ${p.level && csrf ? levelForm(ctx, csrf, { action: href(ctx, `/communities/${c.slug}/level`), community: p.level.community }) : ''}
      ${
        p.facilitate
          ? html`<p class="review-link"><a href="${href(ctx, `/communities/${c.slug}/review`)}">${t('community.review.link', { count: p.waiting ?? 0 })}</a></p>`
          : ''
      }
    </section>
    <section aria-labelledby="topics-heading">
      <h2 id="topics-heading">${t('community.topics.heading')}</h2>
      ${
        !p.read
          ? notice(t('community.membersOnly'))
          : p.topics.rows.length
            ? html`<form class="search-page" action="${href(ctx, `/communities/${c.slug}/search`)}" method="get" role="search">
                ${searchField({ id: 'community-q', label: t('community.search.label'), value: '', button: t('search.button') })}
              </form>
              ${topicList(ctx, c.slug, p.topics.rows)}
              ${pagination(ctx, { label: t('pagination.label'), current: o.page, pages, href: (n) => href(ctx, `/communities/${c.slug}${n > 1 ? `?page=${n}` : ''}`) })}`
            : html`<p>${t('community.topics.none')}</p>`
      }
    </section>
    ${c.codeOfConduct ? html`<section aria-labelledby="conduct-heading"><h2 id="conduct-heading">${t('community.conduct.heading')}</h2>${prose(c.codeOfConduct, ctx)}</section>` : ''}
    <p><a href="${href(ctx, '/communities')}">${t('community.backToList')}</a>${
      p.read ? html` · <a href="${href(ctx, `/communities/${c.slug}/files`)}">${t('community.files.heading')}</a>` : ''
    } · <a href="${href(ctx, `/events?community=${c.slug}`)}">${t('event.list.heading')}</a>${c.visibility === 'public' ? html` · <a href="${href(ctx, `/communities/${c.slug}/feed.xml`)}">${t('community.feed')}</a>` : ''}</p>`;
  return layout(ctx, {
    title: c.name.value,
    description: plainText(c.description.value).slice(0, 200),
    body,
    pageType: 'community',
    index: c.visibility === 'public' && o.page === 1,
  });
}

export function joinView(ctx: PageContext, csrf: string, c: Community, values: { answer: string }, errors: FieldError[] = []): string {
  const { t } = ctx;
  const asks = c.joining === 'request';
  const body = html`<p class="kicker"${langOf(c.name, ctx)}>${c.name.value}</p>
    <h1>${asks ? t('community.join.askHeading') : t('community.join.heading')}</h1>
    ${errorSummary(ctx, errors)}
    <p>${asks ? t('community.join.askIntro') : t('community.join.intro')}</p>
    ${postForm(
      href(ctx, `/communities/${c.slug}/join`),
      csrf,
      html`${
        c.codeOfConduct
          ? html`<section class="panel" aria-labelledby="conduct-heading"><h2 id="conduct-heading">${t('community.conduct.heading')}</h2>${prose(c.codeOfConduct, ctx)}</section>
          ${checkbox(ctx, { name: 'agree', label: t('community.join.agree'), checked: false, errors })}`
          : ''
      }
        ${
          asks && c.joinQuestion
            ? textarea(ctx, {
                name: 'answer',
                label: html`<span${langOf(c.joinQuestion, ctx)}>${c.joinQuestion.value}</span>`,
                hint: t('community.join.answerHint'),
                value: values.answer,
                maxlength: 1000,
                rows: 4,
                errors,
              })
            : ''
        }
        ${button({ text: asks ? t('community.join.ask') : t('community.join.button') })}`,
    )}
    <p><a href="${href(ctx, `/communities/${c.slug}`)}">${t('community.backToCommunity')}</a></p>`;
  return layout(ctx, { title: t('community.join.heading'), body, pageType: 'community-join', index: false });
}

/** A public community's newest topics as an Atom feed, each with the start of its opening post. */
export function communityFeed(ctx: PageContext, c: Community, topics: (TopicRow & { opening: string | null })[]): string {
  const base = `${ctx.baseUrl}/${ctx.lang}/communities/${c.slug}`;
  const entries = topics.map((x) => {
    const url = `${base}/topics/${x.id}`;
    return `<entry>
<id>${esc(url)}</id>
<title>${esc(x.title)}</title>
<link rel="alternate" type="text/html" href="${esc(url)}"/>
<updated>${new Date(x.createdAt).toISOString()}</updated>
<author><name>${esc(x.author ?? ctx.t('community.formerMember'))}</name></author>
<summary xml:lang="${esc(x.lang)}">${esc(excerpt(x.opening ?? '', 500))}</summary>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${ctx.lang}">
<id>${esc(`${base}/feed.xml`)}</id>
<title>${esc(c.name.value)}</title>
<link rel="self" href="${esc(`${base}/feed.xml`)}"/>
<link rel="alternate" type="text/html" href="${esc(base)}"/>
<updated>${new Date(topics[0]?.createdAt ?? Date.now()).toISOString()}</updated>
${entries.join('\n')}
</feed>`;
}
