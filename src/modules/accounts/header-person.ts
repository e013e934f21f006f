import { fastifyCookie } from '@fastify/cookie';
import type { DB } from '../../db/database.ts';
import type { PageContext } from '../../http/context.ts';
import type { PersonalSlot } from '../../http/personal.ts';
import { siteLang, type Lang } from '../../i18n/languages.ts';
import { accountSlot } from '../../ui/layout.ts';
import { recordVisit, sessionPerson } from './repository.ts';
import { isEditor } from './roles.ts';

// The header's account slot for a request to a cached page that carries the session cookie
// (http/personal.ts): the cookie's signature is checked as the session scope would, then one
// query finds the person (and, a quarter of an hour after the last, records the visit). Anything else (no cookie, a forged or ended session) leaves the page
// as everyone gets it.

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-intve_session' : 'intve_session';
}

export function headerPerson(db: DB, o: { secret: string; secure: boolean; ctxFor: (lang: Lang) => PageContext }): PersonalSlot {
  const name = sessionCookieName(o.secure);
  return async (request, lang) => {
    const header = request.headers.cookie;
    if (!header?.includes(name)) return null;
    const raw = fastifyCookie.parse(header)[name];
    const signed = raw ? fastifyCookie.unsign(raw, o.secret) : null;
    if (!signed?.valid || !signed.value) return null;
    const found = await sessionPerson(db, signed.value);
    if (!found) return null;
    await recordVisit(db, found);
    const ctx = o.ctxFor(siteLang(lang));
    return accountSlot(ctx, { name: found.name, backOffice: isEditor(found), unread: Number(found.unread) }).value;
  };
}
