import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { cookieCsrf } from '../../http/cookie-csrf.ts';
import { parseForm, textValues } from '../../http/forms.ts';
import { sendPrivate } from '../../http/send.ts';
import type { Lang } from '../../i18n/languages.ts';
import { contactForm } from './schemas.ts';
import type { ContactService } from './service.ts';
import { contactLimitedView, contactSentView, contactView } from './views/contact.ts';

// /{lang}/contact: the contact form, for anyone, signed in or not. Public pages have no session,
// so CSRF protection keeps its secret in a signed cookie of this scope (double submit), as the
// questionnaire does. The form page carries a token made for one browser: it is sent with
// Cache-Control: no-store and never goes into the page cache, which serves everyone.

export interface ContactRouteOptions {
  a: AppContext;
  lang: Lang;
  contact: ContactService;
  secret: string;
}

export async function contactRoutes(app: FastifyInstance, o: ContactRouteOptions): Promise<void> {
  const { a, lang, contact } = o;
  const secure = a.config.baseUrl.startsWith('https:');
  const csrf = await cookieCsrf(app, { secret: o.secret, cookie: 'intve_contact', secure, bodyLimit: 32_000 });
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);

  app.get('/', (req, reply) => sendPrivate(reply, contactView(ctx(req), { csrf: reply.generateCsrf() })));

  app.post('/', csrf, async (req, reply) => {
    const form = parseForm(contactForm, req.body);
    if (!form.ok) {
      const values = textValues(form.values);
      delete values.website;
      return sendPrivate(reply, contactView(ctx(req), { csrf: reply.generateCsrf(), values, errors: form.errors }), 422);
    }
    const result = await contact.send(form.data, lang, req.ip);
    if (result !== 'sent') {
      reply.header('retry-after', String(result.retryAfterSeconds));
      return sendPrivate(reply, contactLimitedView(ctx(req), Math.ceil(result.retryAfterSeconds / 60)), 429);
    }
    return reply.redirect(`/${lang}/contact/sent`, 303);
  });

  app.get('/sent', (req, reply) => sendPrivate(reply, contactSentView(ctx(req))));
}
