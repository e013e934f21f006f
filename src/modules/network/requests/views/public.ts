import type { PageContext } from '../../../../http/context.ts';
import type { Text } from '../../../../i18n/localise.ts';
import { button, linkButton } from '../../../../ui/components/button/button.ts';
import { searchField } from '../../../../ui/components/field/field.ts';
import { pagination } from '../../../../ui/components/pagination/pagination.ts';
import { tag, type TagTone } from '../../../../ui/components/tag/tag.ts';
import { day } from '../../../../ui/dates.ts';
import { escapeHtml as esc, html, type Html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { facts } from '../../../../ui/components/shared.ts';
import { activeFilters, facetChoices, sortControl } from '../../../../ui/result-controls.ts';
import type { RequestRow } from '../repository.ts';
import { requestSorts, type RequestQuery } from '../schemas.ts';
import type { RequestCount, RequestStatus } from '../service.ts';

// Partner requests in public: the list with its filters and counts (a GET form: every state an
// address), a request's page, and the Atom feed of new requests.

const facetNames = ['purpose', 'sector', 'country'] as const;
type Facet = (typeof facetNames)[number];

export function requestsHref(ctx: PageContext, q: Pick<RequestQuery, Facet | 'q' | 'sort' | 'page'>): string {
  const params = new URLSearchParams();
  if (q.q) params.append('q', q.q);
  for (const f of facetNames) for (const v of q[f]) params.append(f, v);
  if (q.sort) params.append('sort', q.sort);
  if (q.page > 1) params.append('page', String(q.page));
  const qs = params.toString();
  return href(ctx, `/partners${qs ? `?${qs}` : ''}`);
}

const statusTone: Record<RequestStatus, TagTone> = { open: 'success', closed: 'neutral', expired: 'neutral', full: 'warning' };
export const statusTag = (ctx: PageContext, s: RequestStatus) => tag(ctx.t(`request.status.${s}`), statusTone[s]);

export function valueLabel(ctx: PageContext, sectors: Map<string, Text>, facet: Facet, v: string): string {
  if (facet === 'purpose') return ctx.t(`centre.topic.${v}`);
  if (facet === 'country') return ctx.format.country(v);
  return sectors.get(v)?.value ?? v;
}

/** The facts of a request: who, what for, where from, until when, how many replies. */
export function requestFacts(ctx: PageContext, r: RequestRow, sectors: Map<string, Text>): Html {
  const { t } = ctx;
  return facts([
    [t('request.field.purpose'), t(`centre.topic.${r.purpose}`)],
    [
      t('request.field.centre'),
      html`<a href="${href(ctx, `/centres/${r.centre_slug}`)}"><bdi>${r.centre_name}</bdi></a>${t('format.separator')}${ctx.format.country(r.centre_country)}`,
    ],
    [t('request.field.sectors'), r.sectors.length ? ctx.format.list(r.sectors.map((s) => valueLabel(ctx, sectors, 'sector', s))) : null],
    [t('request.field.countries'), r.countries.length ? ctx.format.list(r.countries.map((c) => ctx.format.country(c))) : t('request.anyCountry')],
    [t('request.field.types'), r.partner_types.length ? ctx.format.list(r.partner_types.map((x) => t(`centre.type.${x}`))) : null],
    [t('request.field.deadline'), day(ctx, `${r.deadline}T12:00:00Z`)],
    [t('request.field.replies'), r.reply_cap ? t('request.repliesOfCap', { count: r.replies, cap: r.reply_cap }) : t('request.replies', { count: r.replies })],
  ]);
}

export function requestsView(
  ctx: PageContext,
  query: RequestQuery,
  result: { items: RequestRow[]; total: number; pages: number; sort: string; facets: Record<Facet, RequestCount[]> },
  sectors: Map<string, Text>,
): string {
  const { t } = ctx;
  const active = facetNames.flatMap((f) => query[f].map((v) => ({ f, v })));
  const at = (q: RequestQuery) => `${requestsHref(ctx, q)}#results`;
  const body = html`<h1>${t('request.list.heading')}</h1>
    <p class="lead">${t('request.list.intro')}</p>
    <p><a href="${href(ctx, '/partners/feed.xml')}">${t('request.list.feed')}</a> · <a href="${href(ctx, '/account')}">${t('request.list.post')}</a></p>
    <form class="library" action="${href(ctx, '/partners')}#results" method="get">
      <div class="library-search">
        ${searchField({ id: 'requests-q', label: t('request.list.search'), value: query.q, button: t('search.button') })}
      </div>
      <div class="library-layout">
        <details class="filters">
          <summary>${t('library.filtersChosen', { count: active.length })}</summary>
          <div class="facets">
            ${facetNames.map((f) =>
              facetChoices(ctx, {
                name: f,
                legend: t(`request.facet.${f}`),
                selected: query[f],
                counts: result.facets[f],
                limit: 15,
                label: (v) => valueLabel(ctx, sectors, f, v),
              }),
            )}
            ${button({ text: t('library.apply'), variant: 'secondary' })}
          </div>
        </details>
        <div class="results">
          <h2 id="results" class="visually-hidden">${t('library.resultsHeading')}</h2>
          <p class="result-count" role="status">${t('request.list.count', { count: result.total })}</p>
          ${activeFilters(
            ctx,
            active.map(({ f, v }) => ({
              href: at({ ...query, [f]: query[f].filter((x) => x !== v), page: 1 }),
              facet: t(`request.facet.${f}`),
              value: valueLabel(ctx, sectors, f, v),
            })),
            at({ ...query, purpose: [], sector: [], country: [], page: 1 }),
          )}
          ${sortControl(ctx, { id: 'requests-sort', options: requestSorts.map((s) => ({ value: s, label: t(`request.sort.${s}`) })), selected: result.sort })}
          ${
            result.items.length
              ? html`<ol class="results-list">${result.items.map(
                  (r) => html`<li class="result">
                    <h3><a href="${href(ctx, `/partners/${r.id}`)}"><bdi>${r.title}</bdi></a></h3>
                    <p class="meta">${t(`centre.topic.${r.purpose}`)} · <bdi>${r.centre_name}</bdi>${t('format.separator')}${ctx.format.country(r.centre_country)} · ${t('request.until', { date: day(ctx, `${r.deadline}T12:00:00Z`) })}</p>
                  </li>`,
                )}</ol>`
              : html`<div class="empty-state"><h3>${t('request.list.none')}</h3><ul>
                  ${active.length || query.q ? html`<li><a href="${href(ctx, '/partners')}">${t('library.clearFilters')}</a></li>` : ''}
                  <li><a href="${href(ctx, '/centres')}">${t('request.list.directory')}</a></li>
                </ul></div>`
          }
          ${pagination(ctx, { label: t('pagination.label'), current: query.page, pages: result.pages, href: (page) => at({ ...query, page }) })}
        </div>
      </div>
    </form>`;
  return layout(ctx, {
    title: t('request.list.heading'),
    description: t('request.list.intro'),
    body,
    pageType: 'partners',
    index: !query.q && active.length === 0,
  });
}

export function requestView(ctx: PageContext, r: RequestRow, status: RequestStatus, sectors: Map<string, Text>): string {
  const { t } = ctx;
  const body = html`<p class="kicker">${t('request.kicker')}</p>
    <h1><bdi>${r.title}</bdi></h1>
    <p>${statusTag(ctx, status)}</p>
    ${requestFacts(ctx, r, sectors)}
    <div class="message-body" dir="auto">${r.description}</div>
    ${
      status === 'open'
        ? html`<p>${linkButton({ href: href(ctx, `/account/partners/${r.id}/reply`), text: t('request.reply') })}</p><p class="hint">${t('request.replyHint')}</p>`
        : html`<p>${t(`request.closedText.${status}`)}</p>`
    }
    <p><a href="${href(ctx, '/partners')}">${t('request.back')}</a></p>`;
  return layout(ctx, {
    title: r.title,
    description: `${t(`centre.topic.${r.purpose}`)}, ${r.centre_name}`,
    body,
    pageType: 'partner-request',
    breadcrumbs: [
      { href: href(ctx, '/'), label: t('nav.home') },
      { href: href(ctx, '/partners'), label: t('request.list.heading') },
    ],
  });
}

/** An Atom feed of the newest open requests. */
export function requestsFeed(ctx: PageContext, items: RequestRow[]): string {
  const base = `${ctx.baseUrl}/${ctx.lang}`;
  const entries = items.map((r) => {
    const url = `${base}/partners/${r.id}`;
    return `<entry>
<id>${esc(url)}</id>
<title>${esc(r.title)}</title>
<link rel="alternate" type="text/html" href="${esc(url)}"/>
<updated>${new Date(r.created_at).toISOString()}</updated>
<author><name>${esc(r.centre_name)}</name></author>
<category term="${esc(r.purpose)}" label="${esc(ctx.t(`centre.topic.${r.purpose}`))}"/>
<summary>${esc(r.description.slice(0, 500))}</summary>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${ctx.lang}">
<id>${esc(`${base}/partners/feed.xml`)}</id>
<title>${esc(ctx.t('request.feed.title'))}</title>
<link rel="self" href="${esc(`${base}/partners/feed.xml`)}"/>
<link rel="alternate" type="text/html" href="${esc(`${base}/partners`)}"/>
<updated>${new Date(items[0]?.created_at ?? Date.now()).toISOString()}</updated>
${entries.join('\n')}
</feed>`;
}
