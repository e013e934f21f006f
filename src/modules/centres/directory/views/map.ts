import type { PageContext } from '../../../../http/context.ts';
import type { Text } from '../../../../i18n/localise.ts';
import { countryMap } from '../../../../ui/components/country-map/country-map.ts';
import { html } from '../../../../ui/html.ts';
import { layout } from '../../../../ui/layout.ts';
import { directoryFacets } from '../directory-index.ts';
import type { DirectoryQueryInput } from '../schemas.ts';
import type { DirectoryPage } from '../service.ts';
import { directoryHref, facetValueLabel } from './directory.ts';

// The directory as a map: how many centres each country has under the chosen filters (the
// country filter aside), each country a link to the list filtered by it, the same figures as a
// table under the map.

export function directoryMapView(ctx: PageContext, query: DirectoryQueryInput, result: DirectoryPage, sectors: Map<string, Text>): string {
  const { t } = ctx;
  const counts = new Map(result.facets.country.map((c) => [c.value, c.count]));
  const others = directoryFacets.filter((f) => f !== 'country').flatMap((f) => query[f].map((v) => facetValueLabel(ctx, sectors, f, v)));
  const listHref = directoryHref(ctx, { ...query, page: 1 });
  const body = html`<h1>${t('directory.map.heading')}</h1>
    <p class="lead">${t('directory.map.intro')}</p>
    ${others.length || query.q ? html`<p>${t('directory.map.filtered', { filters: ctx.format.list([...(query.q ? [`“${query.q}”`] : []), ...others]) })}</p>` : ''}
    <p><a href="${listHref}">${t('directory.map.list')}</a></p>
    ${countryMap({
      id: 'centres-map',
      caption: t('directory.map.caption'),
      counts,
      countryName: (code) => ctx.format.country(code),
      href: (code) => directoryHref(ctx, { ...query, country: [code], page: 1 }),
      linkLabel: (code, count) => t('directory.map.link', { country: ctx.format.country(code), count }),
      tableHeadings: { country: t('directory.facet.country'), count: t('centres.heading') },
      formatNumber: (n) => ctx.format.number(n),
      selected: query.country,
      legend: { title: t('directory.map.legend') },
    })}
    ${counts.size === 0 ? html`<p>${t('directory.count.none')}</p>` : ''}`;
  return layout(ctx, {
    title: t('directory.map.heading'),
    description: t('directory.map.intro'),
    body,
    pageType: 'centres-map',
    index: !query.q && others.length === 0,
  });
}
