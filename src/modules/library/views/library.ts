import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { button } from '../../../ui/components/button/button.ts';
import { searchField } from '../../../ui/components/field/field.ts';
import { pagination } from '../../../ui/components/pagination/pagination.ts';
import { langOf, txt } from '../../../ui/text.ts';
import { plainExcerpt } from '../../../ui/markdown.ts';
import { activeFilters, facetChoices, sortControl } from '../../../ui/result-controls.ts';
import { PER_PAGE, type FacetCount, type LibraryPage } from '../service.ts';
import { facetNames, sorts, type FacetName, type LibraryQuery, type Sort } from '../schemas.ts';
import { facetLabel, type Labels } from './labels.ts';

const FACET_LIMIT = 12;

type State = Pick<LibraryQuery, FacetName | 'q' | 'sort' | 'page'>;

/** The canonical URL of a library state: parameters in a fixed order, defaults left out. */
export function libraryHref(ctx: PageContext, s: State): string {
  const params = new URLSearchParams();
  if (s.q) params.append('q', s.q);
  for (const f of facetNames) for (const v of s[f]) params.append(f, v);
  if (s.sort) params.append('sort', s.sort);
  if (s.page > 1) params.append('page', String(s.page));
  const qs = params.toString();
  return href(ctx, `/library${qs ? `?${qs}` : ''}`);
}

const excerpt = (text: string, max = 240) => plainExcerpt(text, max);

function facetGroup(ctx: PageContext, labels: Labels, query: LibraryQuery, facet: FacetName, counts: FacetCount[]): Html {
  return facetChoices(ctx, {
    name: facet,
    legend: ctx.t(`library.facet.${facet}`),
    selected: query[facet],
    counts,
    limit: FACET_LIMIT,
    label: (v) => facetLabel(ctx, labels, facet, v),
  });
}

function resultPages(ctx: PageContext, query: LibraryQuery, pages: number): Html {
  return pagination(ctx, { label: ctx.t('pagination.label'), current: query.page, pages, href: (page) => `${libraryHref(ctx, { ...query, page })}#results` });
}

export function libraryView(ctx: PageContext, query: LibraryQuery, result: LibraryPage & { sort: Sort; pages: number }, labels: Labels): string {
  const { t } = ctx;
  const active = facetNames.flatMap((f) => query[f].map((v) => ({ f, v })));
  const searching = Boolean(query.q) || active.length > 0;
  // Every way to change the filters or the page lands on the results, not on the top of the page.
  const without = (f: FacetName, v: string) => `${libraryHref(ctx, { ...query, [f]: query[f].filter((x) => x !== v), page: 1 })}#results`;
  const noFilter = `${libraryHref(ctx, { ...query, ...Object.fromEntries(facetNames.map((f) => [f, []])), page: 1 })}#results`;
  const first = (query.page - 1) * PER_PAGE + 1;

  const body = html`<h1>${t('library.heading')}</h1>
    <p class="lead">${t('library.intro')}</p>
    <form class="library" action="${href(ctx, '/library')}#results" method="get">
      <div class="library-search">
        ${searchField({ id: 'library-q', label: t('library.searchLabel'), hint: t('library.searchHint'), value: query.q, button: t('search.button') })}
      </div>
      <div class="library-layout">
        <details class="filters">
          <summary>${t('library.filtersChosen', { count: active.length })}</summary>
          <div class="facets">
            ${facetNames.map((f) => facetGroup(ctx, labels, query, f, result.facets[f]))}
            ${button({ text: t('library.apply'), variant: 'secondary' })}
          </div>
        </details>
        <div class="results">
          <h2 id="results" class="visually-hidden">${t('library.resultsHeading')}</h2>
          <p class="result-count" role="status">${
            result.total === 0
              ? t('library.count.none')
              : t('library.count', { total: result.total, first: Math.min(first, result.total), last: Math.min(first + result.items.length - 1, result.total) })
          }</p>
          ${activeFilters(
            ctx,
            active.map(({ f, v }) => ({ href: without(f, v), facet: t(`library.facet.${f}`), value: facetLabel(ctx, labels, f, v) })),
            noFilter,
          )}
          ${sortControl(ctx, {
            id: 'library-sort',
            options: sorts.filter((s) => s !== 'relevance' || query.q).map((s) => ({ value: s, label: t(`library.sort.${s}`) })),
            selected: result.sort,
          })}
          ${
            result.items.length
              ? html`<ol class="results-list" start="${first}">
                ${result.items.map(
                  (r) => html`<li class="result">
                    <h3><a href="${href(ctx, `/library/${r.slug}`)}"${langOf(r.title, ctx)}>${r.title.value}</a></h3>
                    <p class="meta">${labels.types.get(r.type) ? txt(labels.types.get(r.type), ctx) : r.type} · ${t('resource.sourceLine', { source: r.source })}${r.year ? ` · ${r.year}` : ''}${r.link ? html` · <span class="links-out">${t('library.linksOut')}</span>` : ''}</p>
                    ${r.description ? html`<p${langOf(r.description, ctx)}>${excerpt(r.description.value)}</p>` : ''}
                  </li>`,
                )}
              </ol>`
              : html`<div class="empty-state">
                <h3>${t('library.empty.heading')}</h3>
                <ul>
                  ${query.q ? html`<li>${t('library.empty.spelling')}</li>` : ''}
                  ${active.length ? html`<li><a href="${noFilter}">${t('library.empty.removeFilters')}</a></li>` : ''}
                  ${query.q ? html`<li><a href="${href(ctx, `/search?q=${encodeURIComponent(query.q)}`)}">${t('library.empty.siteSearch')}</a></li>` : ''}
                  <li><a href="${href(ctx, '/library')}">${t('library.empty.browse')}</a></li>
                </ul>
              </div>`
          }
          ${resultPages(ctx, query, result.pages)}
        </div>
      </div>
    </form>`;
  return layout(ctx, {
    title: searching ? t('library.titleSearching', { q: query.q || '…' }) : t('library.heading'),
    description: t('library.intro'),
    body,
    pageType: 'library',
    index: !searching,
  });
}
