import type { PageContext } from '../../../http/context.ts';
import type { Html } from '../../html.ts';
import { href } from '../../layout.ts';
import { countryMap, type CountryMapOptions } from './country-map.ts';

// A directory of a few dozen centres, as the platform might have in its first year: many in a
// few countries, one or two in small ones (Malta, Luxembourg, Montenegro, Kosovo, Palestine, whose
// markers must show and take a click), none in most.
const counts = new Map<string, number>([
  ['DE', 14],
  ['IT', 11],
  ['ES', 9],
  ['FR', 8],
  ['PL', 6],
  ['PT', 5],
  ['UA', 5],
  ['TR', 4],
  ['FI', 3],
  ['MA', 3],
  ['RO', 2],
  ['EG', 2],
  ['GE', 2],
  ['KZ', 2],
  ['XK', 2],
  ['MT', 1],
  ['LU', 1],
  ['ME', 1],
  ['PS', 1],
  ['IE', 1],
]);

const options = (ctx: PageContext, id: string, over: Partial<CountryMapOptions> = {}): CountryMapOptions => ({
  id,
  caption: ctx.t('ds.map.caption'),
  counts,
  countryName: (code) => ctx.format.country(code),
  href: (code) => href(ctx, `/centres?country=${code}`),
  linkLabel: (code, count) => ctx.t('ds.map.link', { country: ctx.format.country(code), count }),
  tableHeadings: { country: ctx.t('centre.field.country'), count: ctx.t('centres.heading') },
  formatNumber: (n) => ctx.format.number(n),
  legend: { title: ctx.t('ds.map.legend') },
  ...over,
});

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  { name: 'country-map-counts', render: (ctx) => countryMap(options(ctx, 'example-map')) },
  // The directory filtered by two countries, a large one and a small one (its marker is outlined).
  {
    name: 'country-map-selected',
    render: (ctx) => {
      const selected = ['UA', 'MT'];
      const countries = new Intl.ListFormat(ctx.lang, { type: 'conjunction' }).format(selected.map((c) => ctx.format.country(c)));
      return countryMap(options(ctx, 'example-map-selected', { caption: ctx.t('ds.map.captionFiltered', { countries }), selected }));
    },
  },
  // No centre has published a profile yet: every country drawn, none a link, and no table.
  { name: 'country-map-empty', render: (ctx) => countryMap(options(ctx, 'example-map-empty', { counts: new Map() })) },
];
