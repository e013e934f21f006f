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
  if (url.charCodeAt(0) !== 47) return null; // "/"
  let end = 1;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break; // "/", "?", "#"
    end++;
  }
  const first = url.slice(1, end);
  return isLang(first) ? first : null;
}
