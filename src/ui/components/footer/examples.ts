import type { PageContext } from '../../../http/context.ts';
import type { Html } from '../../html.ts';
import { siteFooter } from '../../layout.ts';

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [{ name: 'the site footer', render: (ctx) => siteFooter(ctx) }];
