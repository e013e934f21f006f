import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { defaultLang, isLang, languages, type Lang } from '../i18n/languages.ts';

// Which language a request is in: the prefix of its address, or, where there is none (the root,
// an unknown address), the best match for the browser's Accept-Language.

export function negotiateLang(request: FastifyRequest): Lang {
  const chosen = new Negotiator({ headers: { 'accept-language': request.headers['accept-language'] ?? '' } }).language([...languages]);
  return chosen && isLang(chosen) ? chosen : defaultLang;
}

/** The language prefix of an address ("/fr/library?q=x" → "fr"), or null. */
export function langOfUrl(url: string): Lang | null {
  const first = url.split('/')[1]?.split(/[?#]/)[0] ?? '';
  return isLang(first) ? first : null;
}
