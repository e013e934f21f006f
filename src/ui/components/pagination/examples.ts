import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../html.ts';
import { pager, pagination } from './pagination.ts';

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  { name: 'pagination-few', render: (ctx) => pagination(ctx, { label: ctx.t('pagination.label'), current: 1, pages: 3, href: (n) => `?page=${n}` }) },
  { name: 'pagination-many', render: (ctx) => pagination(ctx, { label: ctx.t('library.resultsHeading'), current: 48, pages: 120, href: (n) => `?page=${n}` }) },
  {
    name: 'pager',
    render: (ctx) =>
      pager(
        ctx,
        ctx.t('station.pagerLabel'),
        { href: `/${ctx.lang}/checker`, text: html`${ctx.t('nav.checker')}` },
        { href: `/${ctx.lang}/library`, text: html`${ctx.t('nav.library')}` },
      ),
  },
];
