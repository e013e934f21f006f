import type { PageContext } from '../../../http/context.ts';
import type { Text } from '../../../i18n/localise.ts';
import { html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { pager } from '../../../ui/components/pagination/pagination.ts';
import { langOf, prose, txt } from '../../../ui/text.ts';
import { stationIllustration } from '../../../ui/components/illustration/illustration.ts';
import type { ResourceCard } from '../../library/service.ts';
import type { Package, Station, StationSummary } from '../service.ts';

export function stationView(
  ctx: PageContext,
  d: { pkg: Package; station: Station; resources: ResourceCard[]; resourceTotal: number; previous: StationSummary | null; next: StationSummary | null },
  types: Map<string, Text>,
): string {
  const { t } = ctx;
  const { pkg, station: s } = d;
  const stationHref = (position: number) => href(ctx, `/packages/${pkg.number}/stations/${position}`);
  const body = html`<article class="station">
    ${stationIllustration(pkg.number, s.position, 'page-visual')}
    <p class="kicker">${t('station.progress', { number: s.position, total: pkg.stations.length })}</p>
    <h1${langOf(s.title, ctx)}>${s.title.value}</h1>
    ${s.lead ? html`<p class="lead"${langOf(s.lead, ctx)}>${s.lead.value}</p>` : ''}
    ${s.offer ? html`<p${langOf(s.offer, ctx)}>${s.offer.value}</p>` : ''}

    <nav class="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading" class="toc-title">${t('station.toc')}</h2>
      <ol>
        <li><a href="#context">${t('station.context')}</a></li>
        <li><a href="#challenges">${t('station.challenges')}</a></li>
        <li><a href="#actions">${t('station.actions')}</a></li>
        <li><a href="#resources">${t('station.resources')}</a></li>
      </ol>
    </nav>

    <section aria-labelledby="context">
      <h2 id="context">${t('station.context')}</h2>
      ${prose(s.context, ctx)}
    </section>

    <section aria-labelledby="challenges">
      <h2 id="challenges">${t('station.challenges')}</h2>
      ${
        s.challenges?.value.length
          ? html`<ul${langOf(s.challenges, ctx)}>${s.challenges.value.map((c) => html`<li>${c}</li>`)}</ul>`
          : html`<p>${t('station.none')}</p>`
      }
    </section>

    <section aria-labelledby="actions">
      <h2 id="actions">${t('station.actions')}</h2>
      <p>${t('station.actionsIntro')}</p>
      ${(s.actionGroups?.value ?? []).map(
        (g, i) => html`<section class="action-group" aria-labelledby="actions-${i + 1}"${langOf(s.actionGroups, ctx)}>
          <h3 id="actions-${i + 1}">${g.title}</h3>
          <ul>${g.actions.map((a) => html`<li>${a}</li>`)}</ul>
        </section>`,
      )}
    </section>

    <section aria-labelledby="resources">
      <h2 id="resources">${t('station.resources')}</h2>
      ${
        d.resources.length
          ? html`<ul class="resource-list">
            ${d.resources.map(
              (r) => html`<li>
                <a href="${href(ctx, `/library/${r.slug}`)}">${txt(r.title, ctx)}</a>
                <span class="meta">${types.get(r.type) ? txt(types.get(r.type), ctx) : r.type} · ${t('resource.sourceLine', { source: r.source })}</span>
              </li>`,
            )}
          </ul>`
          : html`<p>${t('station.noResources')}</p>`
      }
      <p><a href="${href(ctx, `/library?station=${pkg.number}-${s.position}`)}">${t('station.library', { count: d.resourceTotal })}</a></p>
    </section>
  </article>
  ${pager(
    ctx,
    t('station.pagerLabel'),
    d.previous
      ? {
          href: stationHref(d.previous.position),
          text: html`${t('station.label', { number: d.previous.position })}${t('format.colon')}${txt(d.previous.title, ctx)}`,
        }
      : null,
    d.next
      ? { href: stationHref(d.next.position), text: html`${t('station.label', { number: d.next.position })}${t('format.colon')}${txt(d.next.title, ctx)}` }
      : null,
  )}`;
  return layout(ctx, {
    title: `${s.title.value} – ${t('package.label', { number: pkg.number })}`,
    description: s.offer?.value ?? s.lead?.value ?? s.title.value,
    body,
    pageType: 'station',
    breadcrumbs: [
      { href: href(ctx, '/'), label: t('nav.home') },
      { href: href(ctx, `/packages/${pkg.number}`), label: html`${t('package.label', { number: pkg.number })}${t('format.colon')}${txt(pkg.title, ctx)}` },
    ],
  });
}
