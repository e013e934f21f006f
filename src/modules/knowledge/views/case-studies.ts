import type { AttachmentItem } from '../../files/repository.ts';
import { attachmentList } from '../../files/views.ts';
import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { externalLink, facts } from '../../../ui/components/shared.ts';
import { card } from '../../../ui/components/card/card.ts';
import { langOf, prose, txt } from '../../../ui/text.ts';
import { packageIllustration } from '../../../ui/components/illustration/illustration.ts';
import type { Text } from '../../../i18n/localise.ts';
import type { CaseStudy, Package } from '../service.ts';

export function caseStudyCard(ctx: PageContext, c: CaseStudy, headingLevel: 2 | 3): Html {
  return card({
    heading: txt(c.centre, ctx),
    headingLevel,
    href: href(ctx, `/case-studies/${c.slug}`),
    body: html`<p class="meta">${ctx.format.country(c.country)}</p>
      <p${langOf(c.title, ctx)}>${c.title.value}</p>`,
  });
}

export function caseStudiesView(ctx: PageContext, studies: CaseStudy[], packages: Package[]): string {
  const { t } = ctx;
  const body = html`<h1>${t('caseStudies.heading')}</h1>
    <p class="lead">${t('caseStudies.intro')}</p>
    ${packages.map((p) => {
      const mine = studies.filter((s) => s.packageId === p.id);
      if (mine.length === 0) return '';
      return html`<section aria-labelledby="cases-${p.number}">
        <h2 id="cases-${p.number}">${t('package.label', { number: p.number })}${t('format.colon')}${txt(p.title, ctx)}</h2>
        <div class="grid two">${mine.map((c) => caseStudyCard(ctx, c, 3))}</div>
      </section>`;
    })}`;
  return layout(ctx, { title: t('caseStudies.heading'), description: t('caseStudies.intro'), body, pageType: 'case-studies' });
}

export function caseStudyView(
  ctx: PageContext,
  c: CaseStudy,
  pkg: Package,
  sectorLabel: Text | null,
  attachments: AttachmentItem[] = [],
  fileHref?: (a: AttachmentItem) => string,
): string {
  const { t } = ctx;
  const body = html`<article class="case-study">
    ${packageIllustration(pkg.number, 'page-visual')}
    <p class="kicker">${t('caseStudy.kicker')}</p>
    <h1${langOf(c.centre, ctx)}>${c.centre.value}</h1>
    <p class="lead"${langOf(c.title, ctx)}>${c.title.value}</p>
    ${facts([
      [t('caseStudy.country'), ctx.format.country(c.country)],
      [t('caseStudy.sector'), sectorLabel ? txt(sectorLabel, ctx) : null],
      [
        t('caseStudy.package'),
        html`<a href="${href(ctx, `/packages/${pkg.number}`)}">${t('package.label', { number: pkg.number })}${t('format.colon')}${txt(pkg.title, ctx)}</a>`,
      ],
      [t('caseStudy.year'), c.year === null ? null : String(c.year)],
    ])}
    ${c.lead ? html`<p${langOf(c.lead, ctx)}>${c.lead.value}</p>` : ''}
    ${
      c.quote
        ? html`<figure class="quote pull-quote">
          <blockquote${langOf(c.quote.text, ctx)}><p>${c.quote.text.value}</p></blockquote>
          ${c.quote.speaker ? html`<figcaption>– ${txt(c.quote.speaker, ctx)}</figcaption>` : ''}
        </figure>`
        : ''
    }
    ${
      c.takeaways?.value.length
        ? html`<section aria-labelledby="takeaways-heading" class="panel">
          <h2 id="takeaways-heading">${t('caseStudy.takeaways')}</h2>
          <ol${langOf(c.takeaways, ctx)}>${c.takeaways.value.map((x) => html`<li>${x}</li>`)}</ol>
        </section>`
        : ''
    }
    ${c.summary ? html`<section aria-labelledby="summary-heading"><h2 id="summary-heading">${t('caseStudy.summary')}</h2>${prose(c.summary, ctx)}</section>` : ''}
    ${attachments.length ? attachmentList(ctx, attachments, fileHref) : ''}
    ${c.link ? html`<p>${externalLink(ctx, c.link, t('caseStudy.readFull'))}</p>` : ''}
  </article>`;
  return layout(ctx, {
    title: c.centre.value,
    description: c.lead?.value ?? c.title.value,
    body,
    pageType: 'case-study',
    breadcrumbs: [
      { href: href(ctx, '/'), label: t('nav.home') },
      { href: href(ctx, '/case-studies'), label: t('caseStudies.heading') },
    ],
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: `${c.centre.value}: ${c.title.value}`,
      description: c.lead?.value ?? c.title.value,
      inLanguage: c.title.lang,
      about: { '@type': 'EducationalOrganization', name: c.centre.value, address: { '@type': 'PostalAddress', addressCountry: c.country } },
      dateModified: c.updatedAt,
      url: `${ctx.baseUrl}/${ctx.lang}/case-studies/${c.slug}`,
      ...(c.year ? { datePublished: String(c.year) } : {}),
      ...(c.link ? { isBasedOn: c.link } : {}),
    },
  });
}
