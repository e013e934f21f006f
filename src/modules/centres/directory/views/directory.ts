import type { PageContext } from '../../../../http/context.ts';
import type { Text } from '../../../../i18n/localise.ts';
import { button } from '../../../../ui/components/button/button.ts';
import { searchField } from '../../../../ui/components/field/field.ts';
import { pagination } from '../../../../ui/components/pagination/pagination.ts';
import { tag } from '../../../../ui/components/tag/tag.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { txt } from '../../../../ui/text.ts';
import { activeFilters, facetChoices, sortControl } from '../../../../ui/result-controls.ts';
import { partnerTopics } from '../../lists.ts';
import { directoryFacets, directorySorts, type DirectoryCount, type DirectoryFacet } from '../directory-index.ts';
import type { DirectoryCard } from '../repository.ts';
import type { DirectoryQueryInput } from '../schemas.ts';
import { DIRECTORY_PER_PAGE, type DirectoryPage } from '../service.ts';

// The centre directory: a search, filters with counts, results as cards, pages. One form, sent
// with GET: every state is an address to bookmark or share, and it all works without scripts.

type State = Pick<DirectoryQueryInput, DirectoryFacet | 'q' | 'sort' | 'page'>;

/** How many values of a facet are offered before the rest are left to the search. */
const FACET_LIMIT = 15;

/** The canonical address of a directory state: parameters in a fixed order, defaults left out. */
export function directoryHref(ctx: PageContext, s: State, path = '/centres'): string {
  const params = new URLSearchParams();
  if (s.q) params.append('q', s.q);
  for (const f of directoryFacets) for (const v of s[f]) params.append(f, v);
  if (s.sort) params.append('sort', s.sort);
  if (s.page > 1) params.append('page', String(s.page));
  const qs = params.toString();
  return href(ctx, `${path}${qs ? `?${qs}` : ''}`);
}

/** A facet value in words. */
export function facetValueLabel(ctx: PageContext, sectors: Map<string, Text>, facet: DirectoryFacet, value: string): string {
  const { t } = ctx;
  switch (facet) {
    case 'country':
      return ctx.format.country(value);
    case 'language':
      return ctx.format.language(value);
    case 'type':
      return t(`centre.type.${value}`);
    case 'eqf':
      return t('centre.eqfLevel', { level: Number(value) });
    case 'sector': {
      const label = sectors.get(value);
      return label ? label.value : value;
    }
    case 'offers':
    case 'seeks':
      return (partnerTopics as readonly string[]).includes(value) ? t(`centre.topic.${value}`) : value;
    case 'status':
      return t(`directory.status.${value}`);
  }
}

function facetGroup(ctx: PageContext, sectors: Map<string, Text>, query: DirectoryQueryInput, facet: DirectoryFacet, counts: DirectoryCount[]): Html {
  return facetChoices(ctx, {
    name: facet,
    legend: ctx.t(`directory.facet.${facet}`),
    selected: query[facet],
    counts,
    limit: FACET_LIMIT,
    // A sector's name in the language it is in (a fallback to English is marked).
    label: (v) => (facet === 'sector' && sectors.get(v) ? txt(sectors.get(v), ctx) : facetValueLabel(ctx, sectors, facet, v)),
  });
}

function topicsLine(ctx: PageContext, key: string, topics: string[]): Html {
  const ordered = partnerTopics.filter((x) => topics.includes(x));
  if (ordered.length === 0) return html``;
  return html`<p class="centre-topics">${ctx.t(key, { topics: ctx.format.list(ordered.map((x) => ctx.t(`centre.topic.${x}`))) })}</p>`;
}

function card(ctx: PageContext, c: DirectoryCard): Html {
  const { t } = ctx;
  const tags = [...(c.accredited ? [tag(t('directory.status.accredited'), 'success')] : []), ...(c.eneMember ? [tag(t('directory.status.ene'), 'info')] : [])];
  return html`<li class="result centre-card">
    <h3><a href="${href(ctx, `/centres/${c.slug}`)}"><bdi>${c.name}</bdi></a></h3>
    <p class="meta"><bdi>${c.city}</bdi>${t('format.separator')}${ctx.format.country(c.country)} · ${t(`centre.type.${c.type}`)}</p>
    ${tags.length ? html`<p class="tags">${tags}</p>` : ''}
    ${topicsLine(ctx, 'directory.card.offers', c.offers)}
    ${topicsLine(ctx, 'directory.card.seeks', c.seeks)}
  </li>`;
}

export function directoryView(ctx: PageContext, query: DirectoryQueryInput, result: DirectoryPage, sectors: Map<string, Text>): string {
  const { t } = ctx;
  const active = directoryFacets.flatMap((f) => query[f].map((v) => ({ f, v })));
  const searching = Boolean(query.q) || active.length > 0;
  const at = (s: State) => `${directoryHref(ctx, s)}#results`;
  const without = (f: DirectoryFacet, v: string) => at({ ...query, [f]: query[f].filter((x) => x !== v), page: 1 });
  const noFilter = at({ ...query, ...Object.fromEntries(directoryFacets.map((f) => [f, []])), page: 1 });
  const first = (query.page - 1) * DIRECTORY_PER_PAGE + 1;
  const mapHref = directoryHref(ctx, { ...query, country: [], page: 1, sort: undefined }, '/centres/map');

  const body = html`<h1>${t('centres.heading')}</h1>
    <p class="lead">${t('directory.intro')}</p>
    <form class="library directory" action="${href(ctx, '/centres')}#results" method="get">
      <div class="library-search">
        ${searchField({ id: 'directory-q', label: t('directory.searchLabel'), hint: t('directory.searchHint'), value: query.q, button: t('search.button') })}
      </div>
      <p class="directory-links"><a href="${mapHref}">${t('directory.mapLink')}</a> · <a href="${href(ctx, '/partners')}">${t('request.list.heading')}</a> · <a href="${href(ctx, '/account/centres/new')}">${t('centres.add')}</a></p>
      <div class="library-layout">
        <details class="filters">
          <summary>${t('library.filtersChosen', { count: active.length })}</summary>
          <div class="facets">
            ${directoryFacets.map((f) => facetGroup(ctx, sectors, query, f, result.facets[f]))}
            ${button({ text: t('library.apply'), variant: 'secondary' })}
          </div>
        </details>
        <div class="results">
          <h2 id="results" class="visually-hidden">${t('library.resultsHeading')}</h2>
          <p class="result-count" role="status">${
            result.total === 0
              ? t('directory.count.none')
              : t('directory.count', {
                  total: result.total,
                  first: Math.min(first, result.total),
                  last: Math.min(first + result.items.length - 1, result.total),
                })
          }</p>
          ${activeFilters(
            ctx,
            active.map(({ f, v }) => ({ href: without(f, v), facet: t(`directory.facet.${f}`), value: facetValueLabel(ctx, sectors, f, v) })),
            noFilter,
          )}
          ${sortControl(ctx, {
            id: 'directory-sort',
            options: directorySorts.filter((s) => s !== 'relevance' || query.q).map((s) => ({ value: s, label: t(`directory.sort.${s}`) })),
            selected: result.sort,
          })}
          ${
            result.items.length
              ? html`<ol class="results-list" start="${first}">${result.items.map((c) => card(ctx, c))}</ol>`
              : html`<div class="empty-state">
                <h3>${t('directory.empty.heading')}</h3>
                <ul>
                  ${query.q ? html`<li>${t('library.empty.spelling')}</li>` : ''}
                  ${active.length ? html`<li><a href="${noFilter}">${t('library.empty.removeFilters')}</a></li>` : ''}
                  ${query.q ? html`<li><a href="${href(ctx, `/search?q=${encodeURIComponent(query.q)}`)}">${t('library.empty.siteSearch')}</a></li>` : ''}
                  <li><a href="${href(ctx, '/centres')}">${t('directory.empty.all')}</a></li>
                  <li><a href="${href(ctx, '/account/centres/new')}">${t('centres.add')}</a></li>
                </ul>
              </div>`
          }
          ${pagination(ctx, { label: t('pagination.label'), current: query.page, pages: result.pages, href: (page) => at({ ...query, page }) })}
        </div>
      </div>
    </form>`;
  return layout(ctx, {
    title: searching ? t('directory.titleSearching', { q: query.q || '…' }) : t('centres.heading'),
    description: t('directory.intro'),
    body,
    pageType: 'centres',
    index: !searching,
  });
}
