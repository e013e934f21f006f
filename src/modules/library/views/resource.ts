import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { externalLink, facts, hostOf } from '../../../ui/components/shared.ts';
import { langOf, prose, txt } from '../../../ui/text.ts';
import { plainText } from '../../../ui/markdown.ts';
import type { Resource } from '../service.ts';
import { facetLabel, type Labels } from './labels.ts';
import { attachmentList, publicFileHref } from '../../files/views.ts';
import type { AttachmentItem } from '../../files/repository.ts';

/**
 * How to reach the resource: its publisher's page as the main action, with the site it leads to;
 * or, without a link, why not (content/format.ts noLinkReasons has one reason so far: no public
 * address could be confirmed), who publishes it and where to ask. Files kept on the platform are reached from their own list.
 */
function access(ctx: PageContext, r: Resource): Html | '' {
  const { t } = ctx;
  if (r.link) {
    return html`<div class="resource-access">
      <p class="cta">${externalLink(ctx, r.link, t('resource.open'), { button: true })}</p>
      <p class="meta">${t('resource.linkSite')} <span dir="ltr">${hostOf(r.link)}</span></p>
    </div>`;
  }
  if (r.attachments.length) return '';
  // The publisher's name keeps its own direction inside the sentence (first-strong isolate).
  const source = `\u2068${r.source}\u2069`;
  return html`<div class="resource-access no-link">
    <p>${t('resource.noLink.unconfirmed', { source })}</p>
    <p>${r.ask ? html`${t('resource.askAt')} ${externalLink(ctx, r.ask, html`<span dir="ltr">${hostOf(r.ask)}</span>`)}` : t('resource.askPublisher', { source })}</p>
  </div>`;
}

/** `fileHref`: where the files link (the back office's preview links to drafts' files). */
export function resourceView(ctx: PageContext, r: Resource, labels: Labels, fileHref: (a: AttachmentItem) => string = publicFileHref): string {
  const { t } = ctx;
  const filterLink = (facet: 'theme' | 'sector' | 'country' | 'language' | 'type', value: string) =>
    html`<a href="${href(ctx, `/library?${facet}=${encodeURIComponent(value)}`)}">${facetLabel(ctx, labels, facet, value)}</a>`;
  const list = (items: ReturnType<typeof filterLink>[]) => (items.length ? html`<ul class="inline-list">${items.map((i) => html`<li>${i}</li>`)}</ul>` : null);
  const body = html`<article class="resource">
    <p class="kicker">${labels.types.get(r.type) ? txt(labels.types.get(r.type), ctx) : r.type}</p>
    <h1${langOf(r.title, ctx)}>${r.title.value}</h1>
    ${prose(r.description, ctx)}
    ${access(ctx, r)}
    ${attachmentList(ctx, r.attachments, fileHref)}
    <h2>${t('resource.details')}</h2>
    ${facts([
      [t('resource.source'), html`<a href="${href(ctx, `/library?source=${encodeURIComponent(r.source)}`)}">${r.source}</a>`],
      [t('resource.type'), filterLink('type', r.type)],
      [t('resource.year'), r.year === null ? null : String(r.year)],
      [t('library.facet.theme'), list(r.themes.map((v) => filterLink('theme', v)))],
      [t('library.facet.sector'), list(r.sectors.map((v) => filterLink('sector', v)))],
      [t('library.facet.country'), list(r.countries.map((v) => filterLink('country', v)))],
      [t('library.facet.language'), list(r.languages.map((v) => filterLink('language', v)))],
      [
        t('resource.stations'),
        list(
          r.stations.map((s) => {
            const station = labels.packages.find((p) => p.number === s.packageNumber)?.stations.find((x) => x.position === s.position);
            return html`<a href="${href(ctx, `/packages/${s.packageNumber}/stations/${s.position}`)}">${t('station.ofPackage', { package: s.packageNumber, station: s.position })}${station ? html`: ${txt(station.title, ctx)}` : ''}</a>`;
          }),
        ),
      ],
    ])}
  </article>`;
  return layout(ctx, {
    title: r.title.value,
    description: plainText(r.description?.value).slice(0, 200) || r.title.value,
    body,
    pageType: 'resource',
    breadcrumbs: [
      { href: href(ctx, '/'), label: t('nav.home') },
      { href: href(ctx, '/library'), label: t('library.heading') },
    ],
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'LearningResource',
      name: r.title.value,
      description: plainText(r.description?.value),
      inLanguage: r.languages,
      learningResourceType: labels.types.get(r.type)?.value ?? r.type,
      publisher: { '@type': 'Organization', name: r.source },
      keywords: r.themes.map((v) => labels.themes.get(v)?.value ?? v).join(', '),
      url: `${ctx.baseUrl}/${ctx.lang}/library/${r.slug}`,
      dateModified: r.updatedAt,
      ...(r.year ? { datePublished: String(r.year) } : {}),
      ...(r.link ? { sameAs: r.link } : {}),
      ...(r.attachments.length
        ? {
            associatedMedia: r.attachments.map((a) => ({
              '@type': 'MediaObject',
              name: a.title,
              contentUrl: `${ctx.baseUrl}${publicFileHref(a)}`,
              encodingFormat: a.mediaType,
              contentSize: `${a.size} B`,
            })),
          }
        : {}),
    },
  });
}
