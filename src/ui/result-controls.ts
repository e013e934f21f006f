import type { PageContext } from '../http/context.ts';
import { button } from './components/button/button.ts';
import { choiceList } from './components/choice-list/choice-list.ts';
import { html, type Html, type Renderable } from './html.ts';

// What every list of results with filters shows above the results (the e-library, the centre
// directory, partner requests): the filters in force, each a link that removes it, and the order.

/** The filters in force, each a link that removes it, and a link that removes them all; nothing when none is. */
export function activeFilters(ctx: PageContext, items: readonly { href: string; facet: string; value: Renderable }[], clearHref: string): Html {
  if (items.length === 0) return html``;
  const { t } = ctx;
  return html`<div class="active-filters"><p>${t('library.active')}</p><ul>
    ${items.map((x) => html`<li><a href="${x.href}">${t('library.remove', { facet: x.facet })} ${x.value}</a></li>`)}
    <li><a href="${clearHref}">${t('library.clearFilters')}</a></li>
  </ul></div>`;
}

/** The order of the results: a select inside the page's GET form, with a button for browsers without scripts (site.js submits on change). */
export function sortControl(ctx: PageContext, o: { id: string; options: readonly { value: string; label: string }[]; selected: string }): Html {
  const { t } = ctx;
  return html`<div class="sort">
    <label for="${o.id}">${t('library.sort')}</label>
    <select id="${o.id}" name="sort">
      ${o.options.map((s) => html`<option value="${s.value}"${s.value === o.selected ? html` selected` : ''}>${s.label}</option>`)}
    </select>
    ${button({ text: t('library.sortApply'), variant: 'secondary' })}
  </div>`;
}

/**
 * One filter's values with their counts, as checkboxes: the first `limit` by count, and every
 * value chosen even when the rest of the search leaves it with nothing (so it can be unticked).
 */
export function facetChoices(
  ctx: PageContext,
  o: {
    name: string;
    legend: string;
    selected: readonly string[];
    counts: readonly { value: string; count: number }[];
    limit: number;
    label: (value: string) => Renderable;
  },
): Html {
  const shown = o.counts.slice(0, o.limit);
  for (const v of o.selected) if (!shown.some((c) => c.value === v)) shown.push({ value: v, count: o.counts.find((c) => c.value === v)?.count ?? 0 });
  if (shown.length === 0) return html``;
  return choiceList(ctx, {
    kind: 'checkbox',
    name: o.name,
    legend: o.legend,
    className: 'facet',
    values: o.selected,
    options: shown.map((c) => ({ value: c.value, label: html`${o.label(c.value)} <span class="count">(${ctx.format.number(c.count)})</span>` })),
  });
}
