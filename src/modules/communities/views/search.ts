import type { PageContext } from '../../../http/context.ts';
import { searchField } from '../../../ui/components/field/field.ts';
import { pagination } from '../../../ui/components/pagination/pagination.ts';
import { html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { langOf } from '../../../ui/text.ts';
import { queryWords } from '../../search/analyse.ts';
import { excerpt } from '../../search/views/search.ts';
import type { CommunityHit } from '../search.ts';
import { RESULTS_PER_PAGE } from '../search.ts';
import type { Community } from '../service.ts';
import { langAttrs } from './post.ts';

// A community's search page: the search box, how many topics match, each with a passage around
// the first word found, and the pages of results. Its address is the search (?q=…&page=…).

export function communitySearchView(ctx: PageContext, c: Community, q: string, page: number, result: { hits: CommunityHit[]; total: number }): string {
  const { t } = ctx;
  const words = queryWords(q);
  const action = `/communities/${c.slug}/search`;
  const pages = Math.max(1, Math.ceil(result.total / RESULTS_PER_PAGE));
  const body = html`<p class="kicker"><a href="${href(ctx, `/communities/${c.slug}`)}"${langOf(c.name, ctx)}>${c.name.value}</a></p>
    <h1>${t('community.search.heading')}</h1>
    <form class="search-page" action="${href(ctx, action)}" method="get" role="search">
      ${searchField({ id: 'community-q', label: t('community.search.label'), value: q, button: t('search.button') })}
    </form>
    ${
      q
        ? html`<p class="result-count" role="status">${t('community.search.count', { total: result.total, q })}</p>
          ${
            result.hits.length
              ? html`<ol class="results-list">
                  ${result.hits.map(
                    (h) => html`<li class="result">
                      <h2><a href="${href(ctx, h.path)}"${langAttrs(ctx, h.lang)}>${h.title}</a></h2>
                      <p${langAttrs(ctx, h.lang)}>${excerpt(h.body, words)}</p>
                    </li>`,
                  )}
                </ol>
                ${pagination(ctx, {
                  label: t('pagination.label'),
                  current: page,
                  pages,
                  href: (n) => href(ctx, `${action}?${new URLSearchParams({ q, ...(n > 1 ? { page: String(n) } : {}) })}`),
                })}`
              : html`<p>${t('community.search.none')}</p>`
          }`
        : html`<p>${t('community.search.prompt')}</p>`
    }`;
  return layout(ctx, { title: q ? t('community.search.titleWith', { q }) : t('community.search.heading'), body, pageType: 'community-search', index: false });
}
