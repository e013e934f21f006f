import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../html.ts';

// Pagination: numbered pages with previous and next, the current one marked (aria-current). With
// many pages it shows the first, the last and two either side of the current one, with gaps
// between, so it fits a phone's width whatever the count. The pager links the previous and next
// item of a sequence (stations) by their titles.

export interface PaginationOptions {
  /** what the navigation is called for screen readers */
  label: string;
  current: number;
  pages: number;
  href: (page: number) => string;
}

/** The pages shown: the first, the last, and two either side of the current one. */
export function pageWindow(current: number, pages: number): number[] {
  return [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
}

export function pagination(ctx: PageContext, o: PaginationOptions): Html {
  if (o.pages <= 1) return html``;
  const { t } = ctx;
  const shown = pageWindow(o.current, o.pages);
  return html`<nav class="pagination" aria-label="${o.label}">
    <ul>
      ${o.current > 1 ? html`<li class="pagination-previous"><a rel="prev" href="${o.href(o.current - 1)}">${t('pagination.previous')}</a></li>` : ''}
      ${shown.map(
        (n, i) => html`${i > 0 && n - shown[i - 1]! > 1 ? html`<li class="pagination-gap" aria-hidden="true">…</li>` : ''}
        <li><a href="${o.href(n)}" aria-label="${t('pagination.page', { page: n })}"${n === o.current ? html` aria-current="page"` : ''}>${ctx.format.number(n)}</a></li>`,
      )}
      ${o.current < o.pages ? html`<li class="pagination-next"><a rel="next" href="${o.href(o.current + 1)}">${t('pagination.next')}</a></li>` : ''}
    </ul>
  </nav>`;
}

/** Previous/next links, labelled for screen readers. */
export function pager(ctx: PageContext, label: string, previous: { href: string; text: Html } | null, next: { href: string; text: Html } | null): Html {
  if (!previous && !next) return html``;
  return html`<nav class="pager" aria-label="${label}">
    ${previous ? html`<a class="pager-previous" rel="prev" href="${previous.href}"><span class="pager-dir">${ctx.t('pager.previous')}</span> ${previous.text}</a>` : ''}
    ${next ? html`<a class="pager-next" rel="next" href="${next.href}"><span class="pager-dir">${ctx.t('pager.next')}</span> ${next.text}</a>` : ''}
  </nav>`;
}
