import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../html.ts';
import { notice } from './notice.ts';

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  { name: 'notice-success', render: ({ t }) => notice(t('centre.notice.saved'), { tone: 'success' }) },
  { name: 'notice-info', render: ({ t }) => notice(t('survey.saved')) },
  { name: 'notice-warning', render: ({ t }) => notice(html`<p>${t('round.field.invitedHint')}</p>`, { tone: 'warning', heading: t('round.field.invited') }) },
  { name: 'notice-error', render: ({ t }) => notice(t('account.email.taken'), { tone: 'error' }) },
];
