import type { PageContext } from '../http/context.ts';

/** A day as the page's language writes it, e.g. "3 Mar 2027", read in UTC as dates are stored. */
export const day = (ctx: PageContext, iso: string): string => new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
