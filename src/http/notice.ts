import type { FastifyReply } from 'fastify';

// The notice after a change ("Saved."): the change redirects (303) to a page with ?done=<what>,
// and that page shows the message it has for <what>. Only values the page knows show anything,
// so a made-up or shared address cannot put words on a page.

/** The address `to` with a notice (before its #fragment, if any). */
export function withNotice(to: string, done: string): string {
  const hash = to.indexOf('#');
  const [path, fragment] = hash === -1 ? [to, ''] : [to.slice(0, hash), to.slice(hash)];
  return `${path}${path.includes('?') ? '&' : '?'}done=${encodeURIComponent(done)}${fragment}`;
}

/** Redirects (303, so a reload does not post again) to `to` with its notice. */
export function redirectDone(reply: FastifyReply, to: string, done: string): FastifyReply {
  return reply.redirect(withNotice(to, done), 303);
}

/** The message key for the notice in a query's `done`, among those the page knows. */
export function noticeOf(query: unknown, notices: Readonly<Record<string, string>>): string | undefined {
  const done = typeof query === 'object' && query !== null ? (query as { done?: unknown }).done : undefined;
  return typeof done === 'string' && Object.hasOwn(notices, done) ? notices[done] : undefined;
}
