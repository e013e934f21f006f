import type { PageContext } from '../../../http/context.ts';
import type { Text } from '../../../i18n/localise.ts';
import { button, linkButton } from '../../../ui/components/button/button.ts';
import { card, cardGrid } from '../../../ui/components/card/card.ts';
import { pagination } from '../../../ui/components/pagination/pagination.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { activeFilters } from '../../../ui/result-controls.ts';
import { choiceList } from '../../../ui/components/choice-list/choice-list.ts';
import { txt } from '../../../ui/text.ts';
import { EVENTS_PER_PAGE, modes } from '../lists.ts';
import type { ListQuery } from '../schemas.ts';
import type { EventItem } from '../service.ts';
import { dayIn } from '../times.ts';
import { eventHref, eventTags, organiserOf, placesLeft, whenShort, whereOf } from './parts.ts';

// The events' list (upcoming or past, with filters, a page at a time) and their month: a grid of
// the month's days on wide screens, the days that have events as a list on phones (CSS only).
// Both are plain GET pages: every filter and month is an address to share.

const filterNames = ['mode', 'language', 'country', 'community', 'theme'] as const;
type FilterName = (typeof filterNames)[number];

export interface ListOptions {
  themes: Map<string, Text>;
  /** the countries and communities that events have, for the filters */
  facets: { countries: string[]; communities: { slug: string; name: Text }[] };
  signedIn: boolean;
  organiser: boolean;
}

function query(q: ListQuery): string {
  const p = new URLSearchParams();
  for (const f of filterNames) for (const v of q[f]) p.append(f, v);
  if (q.when === 'past') p.set('when', 'past');
  if (q.page > 1) p.set('page', String(q.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function valueLabel(ctx: PageContext, o: ListOptions, f: FilterName, v: string): Html | string {
  if (f === 'mode') return ctx.t(`event.mode.${v}`);
  if (f === 'language') return ctx.format.language(v);
  if (f === 'country') return ctx.format.country(v);
  if (f === 'community') return txt(o.facets.communities.find((c) => c.slug === v)?.name ?? { value: v, lang: 'en' }, ctx);
  return o.themes.get(v) ? txt(o.themes.get(v), ctx) : v;
}

export function eventCard(ctx: PageContext, e: EventItem): Html {
  const places = placesLeft(ctx, e);
  return card({
    heading: html`<span lang="${e.title.lang}" dir="auto">${e.title.value}</span>`,
    href: eventHref(ctx, e),
    headingLevel: 3,
    tag: eventTags(ctx, e),
    body: html`<p class="event-when">${whenShort(ctx, e)}</p>
      <p class="meta">${whereOf(ctx, e)} · ${ctx.format.language(e.lang)}${places ? html` · ${places}` : ''}</p>
      <p class="meta">${ctx.t('event.organisedBy')} ${organiserOf(ctx, e)}</p>`,
  });
}

export function eventsView(ctx: PageContext, q: ListQuery, result: { items: EventItem[]; total: number }, o: ListOptions): string {
  const { t } = ctx;
  const base = href(ctx, '/events');
  const active = filterNames.flatMap((f) => q[f].map((v) => ({ f, v })));
  const values: Record<FilterName, string[]> = {
    mode: [...modes],
    language: [...new Set([...result.items.map((e) => e.lang), ...q.language])],
    country: o.facets.countries,
    community: o.facets.communities.map((c) => c.slug),
    theme: [...o.themes.keys()],
  };
  const pages = Math.max(1, Math.ceil(result.total / EVENTS_PER_PAGE));
  const body = html`<h1>${t('event.list.heading')}</h1>
    <p class="lead">${t('event.list.intro')}</p>
    <p class="event-links">${o.organiser ? linkButton({ href: href(ctx, '/events/new'), text: t('event.new.link') }) : ''}
      <a href="${href(ctx, '/events/month')}">${t('event.month.link')}</a>
      <a href="${href(ctx, '/events/calendar.ics')}" type="text/calendar">${t('event.feed.link')}</a>${
        o.signedIn
          ? html`
      <a href="${href(ctx, '/events/my-calendar')}">${t('event.myCalendar.link')}</a>`
          : ''
      }</p>
    <nav class="event-when-tabs" aria-label="${t('event.list.when')}"><ul>
      ${(['upcoming', 'past'] as const).map(
        (w) =>
          html`<li><a href="${base}${query({ ...q, when: w, page: 1 })}"${q.when === w ? html` aria-current="page"` : ''}>${t(`event.list.${w}`)}</a></li>`,
      )}
    </ul></nav>
    <form class="library" action="${base}#results" method="get">
      ${q.when === 'past' ? html`<input type="hidden" name="when" value="past">` : ''}
      <div class="library-layout">
        <details class="filters"${active.length ? html` open` : ''}>
          <summary>${t('library.filtersChosen', { count: active.length })}</summary>
          <div class="facets">
            ${filterNames
              .filter((f) => values[f].length > 0)
              .map((f) =>
                choiceList(ctx, {
                  kind: 'checkbox',
                  name: f,
                  legend: t(`event.filter.${f}`),
                  className: 'facet',
                  values: q[f],
                  options: values[f].map((v) => ({ value: v, label: valueLabel(ctx, o, f, v) })),
                }),
              )}
            ${button({ text: t('library.apply'), variant: 'secondary' })}
          </div>
        </details>
        <div class="results">
          <h2 id="results" class="visually-hidden">${t('library.resultsHeading')}</h2>
          <p class="result-count" role="status">${t(q.when === 'past' ? 'event.list.countPast' : 'event.list.count', { count: result.total })}</p>
          ${activeFilters(
            ctx,
            active.map(({ f, v }) => ({
              href: `${base}${query({ ...q, page: 1, [f]: q[f].filter((x) => x !== v) })}#results`,
              facet: t(`event.filter.${f}`),
              value: valueLabel(ctx, o, f, v),
            })),
            `${base}${query({ ...q, page: 1, mode: [], language: [], country: [], community: [], theme: [] })}#results`,
          )}
          ${result.items.length ? cardGrid(result.items.map((e) => eventCard(ctx, e))) : html`<p>${t(q.when === 'past' ? 'event.list.nonePast' : 'event.list.none')}</p>`}
          ${pagination(ctx, { label: t('pagination.label'), current: q.page, pages, href: (n) => `${base}${query({ ...q, page: n })}` })}
        </div>
      </div>
    </form>`;
  return layout(ctx, { title: t('event.list.heading'), body, pageType: 'events', stylesheets: ['events.css'], index: active.length === 0 && q.page === 1 });
}

/** A month's events, by day in each event's own zone (where its people are). */
export function monthView(ctx: PageContext, year: number, month: number, events: EventItem[]): string {
  const { t } = ctx;
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // Weeks start on Monday, as in most of Europe and the partner countries' calendars at work.
  const lead = (first.getUTCDay() + 6) % 7;
  const key = (d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const byDay = new Map<string, EventItem[]>();
  for (const e of events) {
    const d = dayIn(e.timeZone, e.startsAt);
    byDay.set(d, [...(byDay.get(d) ?? []), e]);
  }
  const monthName = new Intl.DateTimeFormat(ctx.lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(first);
  const weekday = new Intl.DateTimeFormat(ctx.lang, { weekday: 'short', timeZone: 'UTC' });
  const dayName = new Intl.DateTimeFormat(ctx.lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const shift = (by: number) => {
    const d = new Date(Date.UTC(year, month - 1 + by, 1));
    return href(ctx, `/events/month?m=${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  };
  const cells: Html[] = [];
  for (let i = 0; i < lead; i++) cells.push(html`<td class="month-empty"></td>`);
  for (let d = 1; d <= days; d++) {
    const list = byDay.get(key(d)) ?? [];
    const date = new Date(Date.UTC(year, month - 1, d));
    cells.push(html`<td class="${list.length ? 'month-day has-events' : 'month-day'}">
      <span class="month-date"><span aria-hidden="true">${ctx.format.number(d)}</span><span class="visually-hidden">${dayName.format(date)}</span></span>
      ${list.length ? html`<ul>${list.map((e) => html`<li><a href="${eventHref(ctx, e)}"><span lang="${e.title.lang}" dir="auto">${e.title.value}</span></a></li>`)}</ul>` : ''}
    </td>`);
  }
  while (cells.length % 7) cells.push(html`<td class="month-empty"></td>`);
  const weeks: Html[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const heads = Array.from({ length: 7 }, (_, i) => weekday.format(new Date(Date.UTC(2024, 0, 1 + i))));
  const body = html`<p class="kicker"><a href="${href(ctx, '/events')}">${t('event.list.heading')}</a></p>
    <h1>${monthName}</h1>
    <nav class="month-nav" aria-label="${t('event.month.nav')}"><a href="${shift(-1)}" rel="prev">${t('event.month.previous')}</a> <a href="${shift(1)}" rel="next">${t('event.month.next')}</a></nav>
    ${events.length ? '' : html`<p>${t('event.month.none')}</p>`}
    <table class="month">
      <caption class="visually-hidden">${t('event.month.caption', { month: monthName })}</caption>
      <thead><tr>${heads.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
      <tbody>${weeks.map((w) => html`<tr>${w}</tr>`)}</tbody>
    </table>`;
  return layout(ctx, { title: `${t('event.month.title')}: ${monthName}`, body, pageType: 'events-month', stylesheets: ['events.css'], index: false });
}
