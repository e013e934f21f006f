import type { PageContext } from '../../../../http/context.ts';
import type { Text } from '../../../../i18n/localise.ts';
import { button } from '../../../../ui/components/button/button.ts';
import { select } from '../../../../ui/components/field/field.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { centreTypes, countries, languageCodes, partnerTopics } from '../../../centres/lists.ts';
import { reasonsText, type ReasonLabels } from '../../matching/reasons.ts';
import type { SuggestionsQuery } from '../schemas.ts';
import type { CentreSuggestions } from '../service.ts';

// Suggested partners for a centre, each with why, and filters that narrow them. A GET form, so a
// filtered list is an address to keep.

/** The filters of a list of suggestions (a GET form, so a filtered list is an address to keep): one value each, "any" by default. */
export function suggestionFilters(ctx: PageContext, action: string, query: SuggestionsQuery, sectorOptions: Map<string, Text>, anchor = ''): Html {
  const { t } = ctx;
  const collator = new Intl.Collator(ctx.lang);
  const sorted = <T extends { label: string }>(xs: T[]) => xs.sort((a, b) => collator.compare(a.label, b.label));
  const any = t('network.suggestions.any');
  const chosen = Object.values(query).filter((v) => v.length > 0).length;
  // Folded on a phone until wanted (open once a filter is chosen), so the suggestions come first.
  return html`<details class="filters suggestion-filter-box"${chosen ? html` open` : ''}>
    <summary>${t('library.filtersChosen', { count: chosen })}</summary>
    <form class="form suggestion-filters" action="${action}${anchor}" method="get">
    <div class="filter-row">
      ${select(ctx, {
        name: 'offers',
        label: t('network.suggestions.offers'),
        value: query.offers[0] ?? '',
        placeholder: any,
        options: partnerTopics.map((x) => ({ value: x, label: t(`centre.topic.${x}`) })),
      })}
      ${select(ctx, {
        name: 'country',
        label: t('directory.facet.country'),
        value: query.country[0] ?? '',
        placeholder: any,
        options: sorted(countries.map((c) => ({ value: c, label: ctx.format.country(c) }))),
      })}
      ${select(ctx, {
        name: 'sector',
        label: t('directory.facet.sector'),
        value: query.sector[0] ?? '',
        placeholder: any,
        options: [...sectorOptions].map(([value, label]) => ({ value, label: label.value })),
      })}
      ${select(ctx, {
        name: 'language',
        label: t('directory.facet.language'),
        value: query.language[0] ?? '',
        placeholder: any,
        options: sorted(languageCodes.map((c) => ({ value: c, label: ctx.format.language(c) }))),
      })}
      ${select(ctx, { name: 'type', label: t('directory.facet.type'), value: query.type[0] ?? '', placeholder: any, options: centreTypes.map((c) => ({ value: c, label: t(`centre.type.${c}`) })) })}
    </div>
    ${button({ text: t('network.suggestions.apply'), variant: 'secondary' })}
  </form>
  </details>`;
}

export function suggestionsView(
  ctx: PageContext,
  d: CentreSuggestions,
  query: SuggestionsQuery,
  labels: ReasonLabels & { sectorOptions: Map<string, Text> },
): string {
  const { t } = ctx;
  const base = `/account/centres/${d.centre.slug}`;
  const body = html`<p class="kicker"><bdi>${d.centre.name}</bdi></p>
    <h1>${t('network.suggestions.heading')}</h1>
    <p class="lead">${t('network.suggestions.intro')}</p>
    ${d.hasTopics ? '' : notice(html`${t('network.suggestions.noTopics')} <a href="${href(ctx, `${base}/network`)}">${t('centre.manage.network')}</a>`)}
    ${suggestionFilters(ctx, href(ctx, `${base}/suggestions`), query, labels.sectorOptions)}
    <h2 id="suggested">${t('network.suggestions.count', { count: d.suggestions.length })}</h2>
    ${
      d.suggestions.length
        ? html`<ol class="results-list suggestions">
          ${d.suggestions.map(
            (s) => html`<li class="result centre-card">
              <h3><a href="${href(ctx, `/centres/${s.card.slug}`)}"><bdi>${s.card.name}</bdi></a></h3>
              <p class="meta"><bdi>${s.card.city}</bdi>${t('format.separator')}${ctx.format.country(s.card.country)} · ${t(`centre.type.${s.card.type}`)}</p>
              <ul class="reasons">${reasonsText(ctx, s.reasons, labels).map((r) => html`<li>${r}</li>`)}</ul>
            </li>`,
          )}
        </ol>`
        : html`<div class="empty-state"><p>${t('network.suggestions.none')}</p>
          <ul>
            <li><a href="${href(ctx, `${base}/suggestions`)}">${t('network.suggestions.clear')}</a></li>
            <li><a href="${href(ctx, '/centres')}">${t('directory.empty.all')}</a></li>
          </ul></div>`
    }
    <p><a href="${href(ctx, base)}">${t('centre.network.back')}</a></p>`;
  return layout(ctx, {
    title: t('network.suggestions.heading'),
    body,
    index: false,
    pageType: 'account',
    breadcrumbs: [
      { href: href(ctx, '/account'), label: t('nav.account') },
      { href: href(ctx, base), label: d.centre.name },
    ],
  });
}
