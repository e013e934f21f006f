import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { NotFoundError, parse } from '../../../http/errors.ts';
import { parseForm } from '../../../http/forms.ts';
import { noticeOf, redirectDone } from '../../../http/notice.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import { certificateParams, certificateRulesForm } from './schemas.ts';
import type { CertificatesService } from './service.ts';
import { rulesValues, settingsView } from './views/rules.ts';

// Certificates in the back office, for administrators only: the rules and the certificates
// issued, which they may withdraw (/{lang}/admin/self-assessment/settings, …/certificates/{code}/withdraw).

export function certificateAdminRoutes(app: FastifyInstance, a: AppContext, lang: Lang, g: Guards, certificates: CertificatesService): void {
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const admin = { preHandler: [g.requireUser, g.requireAdmin] };
  const adminPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireAdmin] };

  app.get('/self-assessment/settings', admin, async (req, reply) => {
    const rules = await certificates.rules();
    const notice = noticeOf(req.query, { saved: 'settings.saved', withdrawn: 'settings.withdrawn' });
    return sendPrivate(reply, settingsView(ctx(req), reply.generateCsrf(), rulesValues(rules), await certificates.recent(), [], notice));
  });

  app.post('/self-assessment/settings', adminPost, async (req, reply) => {
    const form = parseForm(certificateRulesForm, req.body);
    if (!form.ok) return sendPrivate(reply, settingsView(ctx(req), reply.generateCsrf(), form.values, await certificates.recent(), form.errors), 422);
    await certificates.setRules(req.user!, form.data);
    return redirectDone(reply, `/${lang}/admin/self-assessment/settings`, 'saved');
  });

  app.post('/self-assessment/certificates/:code/withdraw', adminPost, async (req, reply) => {
    const { code } = parse(certificateParams, req.params);
    if ((await certificates.withdraw(req.user!, code)) === 'missing') throw new NotFoundError('certificate');
    return redirectDone(reply, `/${lang}/admin/self-assessment/settings`, 'withdrawn');
  });
}
