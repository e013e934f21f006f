import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../html.ts';
import { tag } from './tag.ts';

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  {
    name: 'tag-tones',
    render: ({ t }) =>
      html`<ul class="inline-list">
        <li>${tag(t('round.status.open'), 'success')}</li>
        <li>${tag(t('round.status.scheduled'), 'warning')}</li>
        <li>${tag(t('round.status.closed'), 'neutral')}</li>
        <li>${tag(t('plan.status.started'), 'info')}</li>
        <li>${tag(t('assessment.core'), 'brand')}</li>
        <li>${tag(t('form.errorSummary'), 'error')}</li>
      </ul>`,
  },
];
