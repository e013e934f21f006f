import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../html.ts';
import { wordmark } from './wordmark.ts';

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  { name: 'wordmark-home', render: (ctx) => wordmark({ name: ctx.t('site.name'), href: `/${ctx.lang}` }) },
  {
    name: 'wordmark-on-brand',
    render: (ctx) => html`<div class="site-header"><div class="wrap">${wordmark({ name: ctx.t('site.name') })}</div></div>`,
  },
];
