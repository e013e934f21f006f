import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { NotFoundError, parse } from '../../../http/errors.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { renderPdf } from '../../../pdf/lazy.ts';
import { certificateDocument } from './pdf.ts';
import { certificateParams, lookupQuery } from './schemas.ts';
import type { CertificatesService } from './service.ts';
import { certificateLookupView, certificateView, unknownCertificateView } from './views/certificate.ts';

// Anyone can check a certificate by its code: /{lang}/certificates (the lookup form),
// /{lang}/certificates/{code} and its PDF. A valid, expired or withdrawn certificate's page answers
// 200 (the record exists and says what it is); a code that matches none answers 404 with a page
// that says so and the lookup form.

export function certificateRoutes(app: FastifyInstance, a: AppContext, lang: Lang, certificates: CertificatesService): void {
  const find = async (code: string) => (certificateParams.safeParse({ code }).success ? certificates.byCode(code) : null);

  // Not cached: a withdrawal shows at once.
  app.get('/certificates', async (req, reply) => {
    const { code } = parse(lookupQuery, req.query);
    const l = a.ctx(req, lang);
    if (code === undefined) return a.freshPage(req, reply, certificateLookupView(l, ''));
    const typed = code.trim().toUpperCase().replace(/\s/g, '');
    const normal = /^[0-9A-Z]{10}$/.test(typed) ? `${typed.slice(0, 5)}-${typed.slice(5)}` : typed;
    if (await find(normal)) return reply.redirect(`/${lang}/certificates/${normal}`, 303);
    return a.freshPage(req, reply, certificateLookupView(l, code, [{ field: 'code', key: 'certificate.lookup.unknown' }]), 404);
  });

  app.get('/certificates/:code.pdf', async (req, reply) => {
    const { code } = parse(certificateParams, req.params);
    const found = await certificates.byCode(code);
    if (!found) throw new NotFoundError('certificate');
    const pdf = await renderPdf(certificateDocument(a.ctx(req, lang), found));
    return reply
      .header('cache-control', 'no-cache')
      .header('content-disposition', `inline; filename="certificate-${found.code}.pdf"`)
      .type('application/pdf')
      .send(pdf);
  });

  app.get('/certificates/:code', async (req, reply) => {
    const sent = (req.params as { code?: unknown }).code;
    const code = typeof sent === 'string' ? sent.slice(0, 40) : '';
    const found = await find(code);
    if (!found) return a.freshPage(req, reply, unknownCertificateView(a.ctx(req, lang), code), 404);
    return a.freshPage(req, reply, certificateView(a.ctx(req, lang), found));
  });
}
