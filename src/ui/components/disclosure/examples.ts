import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../html.ts';
import { disclosure } from './disclosure.ts';

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  { name: 'disclosure-closed', render: ({ t }) => disclosure({ summary: t('round.field.invited'), body: html`<p>${t('round.field.invitedHint')}</p>` }) },
  {
    name: 'disclosure-open',
    render: ({ t }) => disclosure({ summary: t('round.field.groups'), body: html`<p>${t('round.field.groupsHint')}</p>`, open: true }),
  },
];
