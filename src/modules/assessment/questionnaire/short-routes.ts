import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../http/app-context.ts';
import { negotiateLang } from '../../../http/lang.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { addressKey } from '../../../platform/rate-limits/rate-limits.ts';
import type { SurveyService } from './service.ts';
import { shortCodeView } from './views/short-code.ts';
import { surveyMessageView } from './views/questionnaire.ts';

// A group's short address, for a poster or a board: /{lang}/s/ABCD-EFGH answers 303 to the
// group's link in that language (the poster's language, as its QR code). The language prefix
// stays, like every page of the site, so the page of a code that leads nowhere is in the
// poster's language; /s/ABCD-EFGH, without one, goes to the browser's language. Codes are read
// forgivingly (rounds/tokens.ts normaliseCode); failed ones are counted per address.

const codeParams = z.object({ code: z.string().max(40) });
const codeQuery = z.object({ code: z.string().max(40).optional() });

export function shortCodeRoutes(app: FastifyInstance, a: AppContext, lang: Lang, survey: SurveyService): void {
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);

  async function follow(req: FastifyRequest, reply: FastifyReply, typed: string) {
    // The address of the link must not reach another site, and neither answer may be stored.
    reply.header('referrer-policy', 'no-referrer');
    const found = await survey.linkByCode(typed, addressKey(req.ip));
    const l = ctx(req);
    if (found === 'limited') return sendPrivate(reply, surveyMessageView(l, l.t('survey.limited.title'), l.t('survey.limited.codeText')), 429);
    if (!found) return sendPrivate(reply, shortCodeView(l, { code: typed.slice(0, 20), unknown: true }), 404);
    return reply.header('cache-control', 'no-store').redirect(`/${lang}/survey/${found.link}`, 303);
  }

  app.get('/s', async (req, reply) => {
    const { code } = codeQuery.safeParse(req.query).data ?? {};
    if (code?.trim()) return follow(req, reply, code);
    return sendPrivate(reply, shortCodeView(ctx(req), { code: '', unknown: false }));
  });

  app.get('/s/:code', async (req, reply) => {
    const parsed = codeParams.safeParse(req.params);
    return follow(req, reply, parsed.success ? parsed.data.code : '');
  });
}

/** /s/ABCD-EFGH, without a language: on to the browser's language, where the code is looked up. */
export function neutralShortCodeRoute(app: FastifyInstance): void {
  app.get('/s/:code', async (req, reply) => {
    const parsed = codeParams.safeParse(req.params);
    const code = parsed.success ? encodeURIComponent(parsed.data.code) : '';
    return reply
      .header('vary', 'accept-language')
      .header('cache-control', 'no-store')
      .redirect(`/${negotiateLang(req)}/s/${code}`, 303);
  });
}
