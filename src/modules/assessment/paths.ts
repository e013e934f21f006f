import { z } from 'zod';
import type { PageContext } from '../../http/context.ts';
import type { Crumb } from '../../ui/layout.ts';
import type { CentreAccess } from './access.ts';

// Where a centre's self-assessment pages are: /{lang}/account/centres/{slug}/self-assessment/…,
// a round's pages under …/rounds/{id}, and the breadcrumbs back to the centre.

export const roundParams = z.object({
  slug: z
    .string()
    .max(80)
    .regex(/^[a-z0-9-]+$/),
  round: z.coerce.number().int().min(1).max(2_147_483_647),
});

export const roundsPath = (ctx: PageContext, slug: string): string => `/${ctx.lang}/account/centres/${slug}/self-assessment`;
export const roundPath = (ctx: PageContext, slug: string, id: number): string => `${roundsPath(ctx, slug)}/rounds/${id}`;

export function crumbs(ctx: PageContext, c: CentreAccess, more: Crumb[] = []): Crumb[] {
  return [
    { href: `/${ctx.lang}/account`, label: ctx.t('nav.account') },
    { href: `/${ctx.lang}/account/centres/${c.centre.slug}`, label: c.centre.name },
    { href: roundsPath(ctx, c.centre.slug), label: ctx.t('round.list.title') },
    ...more,
  ];
}
