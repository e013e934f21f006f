import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../html.ts';
import { tag } from '../tag/tag.ts';
import { card, cardGrid } from './card.ts';
import { stationIllustration } from '../illustration/illustration.ts';

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  {
    name: 'card-grid',
    render: ({ t, lang }) =>
      cardGrid([
        card({ heading: t('nav.checker'), headingLevel: 3, href: `/${lang}/checker`, body: html`<p>${t('checker.intro')}</p>` }),
        card({
          heading: t('nav.selfAssessment'),
          headingLevel: 3,
          href: `/${lang}/self-assessment`,
          tag: tag(t('round.status.open'), 'success'),
          body: html`<p>${t('round.list.lead')}</p>`,
        }),
        card({
          heading: t('station.label', { number: 1 }),
          headingLevel: 3,
          href: `/${lang}/packages/1/stations/1`,
          visual: stationIllustration(1, 1, 'card-visual'),
          body: html`<p>${t('package.stations.intro')}</p>`,
        }),
        card({
          heading: t('nav.library'),
          headingLevel: 3,
          kicker: t('nav.home'),
          href: `/${lang}/library`,
          actions: html`<a href="/${lang}/library">${t('library.empty.browse')}</a>`,
        }),
      ]),
  },
];
