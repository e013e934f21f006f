import type { FastifyRequest } from 'fastify';

// Public pages are cached and the same for everyone; only the header's account slot differs for a
// signed-in person. The layout puts the anonymous slot ("Your account") between two markers; a
// request that carries the session cookie gets the person's slot spliced in (one indexed query,
// made by the hook app.ts gives the app context) and a private, never-stored response. Without
// the cookie, the cached bytes go out unchanged.

export const SLOT_START = '<!--account-->';
export const SLOT_END = '<!--/account-->';

/** Who the header shows as signed in: what a slot needs, nothing more. */
export interface Person {
  name: string;
  /** an editor or an administrator: the header links to the back office */
  backOffice: boolean;
  /** how many of their notifications they have not read */
  unread?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in person, set by the session scopes for the header (pages of one person) */
    person?: Person;
  }
}

/** The person's slot for a request in a language, or null (no cookie, no session): set by app.ts. */
export type PersonalSlot = (request: FastifyRequest, lang: string) => Promise<string | null>;

/** The page with its account slot replaced, or null when the page has no slot. */
export function spliceSlot(page: string, slot: string): string | null {
  const start = page.indexOf(SLOT_START);
  const end = start === -1 ? -1 : page.indexOf(SLOT_END, start);
  if (end === -1) return null;
  return page.slice(0, start + SLOT_START.length) + slot + page.slice(end);
}
