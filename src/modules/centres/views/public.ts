import type { PageContext } from '../../../http/context.ts';
import type { Text } from '../../../i18n/localise.ts';
import { html, type Html } from '../../../ui/html.ts';
import { day } from '../../../ui/dates.ts';
import { href, layout } from '../../../ui/layout.ts';
import { externalLink, facts } from '../../../ui/components/shared.ts';
import { renderMarkdown } from '../../../ui/markdown.ts';
import { txt } from '../../../ui/text.ts';
import type { CentreRow } from '../repository.ts';

// Public centre pages show only centres that chose to publish their profile.

/** A certificate of self-assessment as the profile lists it (valid, and not hidden by the centre). */
export interface ProfileCertificate {
  code: string;
  issued_at: string;
  expires_at: string | null;
  summary: { round: string };
}

/** Where a centre is: its city as the centre wrote it (of either direction, so isolated) and its country in the page's language. */
function place(ctx: PageContext, c: Pick<CentreRow, 'city' | 'country'>): Html {
  return html`<bdi>${c.city}</bdi>${ctx.t('format.separator')}${ctx.format.country(c.country)}`;
}

export function centresView(ctx: PageContext, centres: Pick<CentreRow, 'slug' | 'name' | 'country' | 'city' | 'type' | 'logo'>[]): string {
  const { t } = ctx;
  const body = html`<h1>${t('centres.heading')}</h1>
    <p class="lead">${t('centres.intro')}</p>
    ${
      centres.length
        ? html`<ul class="link-list">${centres.map(
            (c) =>
              html`<li><a href="${href(ctx, `/centres/${c.slug}`)}"><bdi>${c.name}</bdi></a> <span class="meta">${place(ctx, c)} · ${t(`centre.type.${c.type}`)}</span></li>`,
          )}</ul>`
        : html`<p>${t('centres.none')}</p>`
    }
    <p><a href="${href(ctx, '/account/centres/new')}">${t('centres.add')}</a></p>`;
  return layout(ctx, { title: t('centres.heading'), description: t('centres.intro'), body, pageType: 'centres' });
}

export function centreView(
  ctx: PageContext,
  c: CentreRow,
  sectors: string[],
  sectorLabels: Map<string, Text>,
  certificates: ProfileCertificate[] = [],
): string {
  const { t } = ctx;
  const eqf = JSON.parse(c.eqf_levels) as number[];
  const languages = JSON.parse(c.languages) as string[];
  const body = html`<article class="centre">
    <p class="kicker">${t(`centre.type.${c.type}`)}</p>
    <h1><bdi>${c.name}</bdi></h1>
    ${c.logo ? html`<p><img class="logo" src="/uploads/logos/${c.logo}" alt="${t('centre.logoAlt', { name: c.name })}"></p>` : ''}
    ${c.description ? html`<div class="prose" dir="auto">${renderMarkdown(c.description)}</div>` : ''}
    ${facts([
      [t('centre.field.city'), place(ctx, c)],
      [t('centre.field.website'), c.website ? externalLink(ctx, c.website, html`<bdi dir="ltr">${c.website}</bdi>`) : null],
      [
        t('centre.field.sectors'),
        sectors.length
          ? html`<ul class="inline-list">${sectors.map((s) => html`<li>${sectorLabels.get(s) ? txt(sectorLabels.get(s), ctx) : s}</li>`)}</ul>`
          : null,
      ],
      [t('centre.field.eqf'), eqf.length ? eqf.map((n) => ctx.format.number(n)).join(t('format.separator')) : null],
      [t('centre.field.languages'), languages.length ? languages.map((l) => ctx.format.language(l)).join(t('format.separator')) : null],
    ])}
    ${
      certificates.length
        ? html`<section aria-labelledby="recognition" class="recognition">
          <h2 id="recognition">${t('centre.certificates.title')}</h2>
          <ul class="link-list">${certificates.map(
            (x) =>
              html`<li><a href="${href(ctx, `/certificates/${x.code}`)}">${t('centre.certificates.item', { round: x.summary.round })}</a> <span class="meta">${
                x.expires_at ? t('centre.certificates.dates', { issued: day(ctx, x.issued_at), until: day(ctx, x.expires_at) }) : day(ctx, x.issued_at)
              }</span></li>`,
          )}</ul>
        </section>`
        : ''
    }
  </article>`;
  return layout(ctx, {
    title: c.name,
    description: `${c.name}, ${c.city}, ${ctx.format.country(c.country)}`,
    body,
    pageType: 'centre',
    breadcrumbs: [
      { href: href(ctx, '/'), label: t('nav.home') },
      { href: href(ctx, '/centres'), label: t('centres.heading') },
    ],
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'EducationalOrganization',
      name: c.name,
      address: { '@type': 'PostalAddress', addressLocality: c.city, addressCountry: c.country },
      url: `${ctx.baseUrl}/${ctx.lang}/centres/${c.slug}`,
      ...(c.website ? { sameAs: c.website } : {}),
    },
  });
}
