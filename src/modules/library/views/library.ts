import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { langOf, txt } from '../../../ui/text.ts';
import { plainText } from '../../../ui/markdown.ts';
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

function excerpt(text: string, max = 240): string {
  const plain = plainText(text);
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max)}…`;
}

function facetGroup(ctx: PageContext, labels: Labels, query: LibraryQuery, facet: FacetName, counts: FacetCount[]): Html {
  const selected = query[facet];
  // Selected values stay visible even when the current search leaves them with no results.
  const shown = counts.slice(0, FACET_LIMIT);
  for (const v of selected) if (!shown.some((c) => c.value === v)) shown.push({ value: v, count: counts.find((c) => c.value === v)?.count ?? 0 });
  if (shown.length === 0) return html``;
  return html`<fieldset class="facet">
    <legend>${ctx.t(`library.facet.${facet}`)}</legend>
    <ul>
      ${shown.map((c, i) => {
        const id = `f-${facet}-${i}`;
        return html`<li>
          <input type="checkbox" name="${facet}" value="${c.value}" id="${id}"${selected.includes(c.value) ? html` checked` : ''}>
          <label for="${id}">${facetLabel(ctx, labels, facet, c.value)} <span class="count">(${ctx.format.number(c.count)})</span></label>
        </li>`;
      })}
    </ul>
  </fieldset>`;
}

function pagination(ctx: PageContext, query: LibraryQuery, pages: number): Html {
  if (pages <= 1) return html``;
  const { t } = ctx;
  const current = query.page;
  const window = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const link = (page: number) => `${libraryHref(ctx, { ...query, page })}#results`;
  return html`<nav class="pagination" aria-label="${t('pagination.label')}">
    <ul>
      ${current > 1 ? html`<li><a rel="prev" href="${link(current - 1)}">${t('pagination.previous')}</a></li>` : ''}
      ${window.map(
        (n, i) => html`${i > 0 && n - window[i - 1]! > 1 ? html`<li class="gap" aria-hidden="true">…</li>` : ''}
        <li>${
          n === current
            ? html`<a href="${link(n)}" aria-current="page">${t('pagination.page', { page: n })}</a>`
            : html`<a href="${link(n)}">${t('pagination.page', { page: n })}</a>`
        }</li>`,
      )}
      ${current < pages ? html`<li><a rel="next" href="${link(current + 1)}">${t('pagination.next')}</a></li>` : ''}
    </ul>
  </nav>`;
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
        <label for="library-q">${t('library.searchLabel')}</label>
        <div class="input-row">
          <input id="library-q" name="q" type="search" value="${query.q}" dir="auto" maxlength="200" aria-describedby="library-q-hint">
          <button type="submit">${t('search.button')}</button>
        </div>
        <p id="library-q-hint" class="hint">${t('library.searchHint')}</p>
      </div>
      <div class="library-layout">
        <details class="filters">
          <summary>${t('library.filtersChosen', { count: active.length })}</summary>
          <div class="facets">
            ${facetNames.map((f) => facetGroup(ctx, labels, query, f, result.facets[f]))}
            <button type="submit" class="secondary">${t('library.apply')}</button>
          </div>
        </details>
        <div class="results">
          <h2 id="results" class="visually-hidden">${t('library.resultsHeading')}</h2>
          <p class="result-count" role="status">${
            result.total === 0
              ? t('library.count.none')
              : t('library.count', { total: result.total, first: Math.min(first, result.total), last: Math.min(first + result.items.length - 1, result.total) })
          }</p>
          ${
            active.length
              ? html`<div class="active-filters"><p>${t('library.active')}</p><ul>
                ${active.map(
                  ({ f, v }) => html`<li><a href="${without(f, v)}">${t('library.remove', { facet: t(`library.facet.${f}`) })}
                  ${facetLabel(ctx, labels, f, v)}</a></li>`,
                )}
                <li><a href="${noFilter}">${t('library.clearFilters')}</a></li>
              </ul></div>`
              : ''
          }
          <div class="sort">
            <label for="library-sort">${t('library.sort')}</label>
            <select id="library-sort" name="sort">
              ${sorts
                .filter((s) => s !== 'relevance' || query.q)
                .map((s) => html`<option value="${s}"${s === result.sort ? html` selected` : ''}>${t(`library.sort.${s}`)}</option>`)}
            </select>
            <button type="submit" class="secondary">${t('library.sortApply')}</button>
          </div>
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
          ${pagination(ctx, query, result.pages)}
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
