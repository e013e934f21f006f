import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../html.ts';
import { illustration, illustrationNames } from './illustration.ts';

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  {
    name: 'illustration-all',
    render: () => html`<ul class="grid two">${illustrationNames.map((n) => html`<li>${illustration(n)}</li>`)}</ul>`,
  },
  { name: 'illustration-beside-heading', render: (ctx) => html`<h2>${ctx.t('package.label', { number: 2 })}</h2>${illustration('package-2-station-3')}` },
];
