import type { PageContext } from '../../../http/context.ts';
import type { Text } from '../../../i18n/localise.ts';
import { html, type Html } from '../../../ui/html.ts';
import { txt } from '../../../ui/text.ts';
import type { Package } from '../../knowledge/service.ts';
import type { FacetName } from '../schemas.ts';

export interface Labels {
  types: Map<string, Text>;
  themes: Map<string, Text>;
  sectors: Map<string, Text>;
  packages: Package[];
}

/** How a facet value reads to a person: vocabulary labels, country and language names, package titles. */
export function facetLabel(ctx: PageContext, labels: Labels, facet: FacetName, value: string): Html {
  const vocab = (map: Map<string, Text>) => {
    const label = map.get(value);
    return label ? txt(label, ctx) : html`${value}`;
  };
  switch (facet) {
    case 'type':
      return vocab(labels.types);
    case 'theme':
      return vocab(labels.themes);
    case 'sector':
      return vocab(labels.sectors);
    case 'country':
      return html`${ctx.format.country(value)}`;
    case 'language':
      return html`${ctx.format.language(value)}`;
    case 'package':
      return html`${ctx.t('package.label', { number: Number(value) })}`;
    case 'station': {
      const [p, s] = value.split('-').map(Number) as [number, number];
      const station = labels.packages.find((x) => x.number === p)?.stations.find((x) => x.position === s);
      return html`${ctx.t('station.ofPackage', { package: p, station: s })}${station ? html`: ${txt(station.title, ctx)}` : ''}`;
    }
    default:
      return html`${value}`;
  }
}
