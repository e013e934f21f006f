import type { PageContext } from '../../../http/context.ts';
import type { Html } from '../../html.ts';
import { siteHeader } from '../../layout.ts';

// The header as the layout builds it: for a visitor, for a signed-in editor (the account slot
// as the cache splices it in), and the questionnaire's minimal one.
export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  { name: 'header for a visitor', render: (ctx) => siteHeader(ctx) },
  { name: 'header for a signed-in editor', render: (ctx) => siteHeader({ ...ctx, person: { name: 'Amina Haddad', backOffice: true } }) },
  { name: 'header of the questionnaire', render: (ctx) => siteHeader({ ...ctx, path: '/survey/example' }) },
];
