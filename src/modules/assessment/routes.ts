import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { Text } from '../../i18n/localise.ts';
import { indicatorsOf } from './framework.ts';
import { currentVersion, DEFAULT_FRAMEWORK, resourceTitles } from './repository.ts';
import { certificateParams } from './schemas.ts';
import type { CertificatesService } from './certificates.ts';
import { renderPdf } from '../../pdf/render.ts';
import { certificateDocument } from './pdf-documents.ts';
import { certificateLookupView, certificateView } from './views/certificate.ts';
import { frameworkView } from './views/framework.ts';
import type { KnowledgeService } from '../knowledge/service.ts';

// The public side of the self-assessment: the framework (/{lang}/self-assessment/framework) and
// the verification of certificates (/{lang}/certificates/…).

const frameworkQuery = z.object({ core: z.enum(['1']).optional() });

const lookupQuery = z.object({ code: z.string().max(40).optional() });

export function assessmentRoutes(app: FastifyInstance, a: AppContext, lang: Lang, certificates: CertificatesService, knowledge: KnowledgeService): void {
  app.get('/self-assessment/framework', (req, reply) => {
    const { core } = parse(frameworkQuery, req.query);
    return a.cachedPage(req, reply, async () => {
      const current = await currentVersion(a.database.db, DEFAULT_FRAMEWORK);
      if (!current) throw new NotFoundError('framework');
      const indicators = indicatorsOf(current.document);
      const [packages, resources] = await Promise.all([knowledge.packages(lang), resourceTitles(a.database.db, [...new Set(indicators.flatMap((i) => i.resources))], lang)]);
      const stations = new Map<string, Text>(packages.flatMap((p) => p.stations.map((s) => [`package-${p.number}-station-${s.position}`, s.title] as const)));
      return frameworkView(a.ctx(req, lang), current.document, current.version, core === '1', { stations, resources });
    });
  });

  // Certificates: anyone can check one by its code. Not cached: a revocation shows at once.
  app.get('/certificates', async (req, reply) => {
    const { code } = parse(lookupQuery, req.query);
    const l = a.ctx(req, lang);
    if (code === undefined) return a.freshPage(req, reply, certificateLookupView(l, ''));
    const typed = code.trim().toUpperCase().replace(/\s/g, '');
    const normal = /^[0-9A-Z]{10}$/.test(typed) ? `${typed.slice(0, 5)}-${typed.slice(5)}` : typed;
    if (certificateParams.safeParse({ code: normal }).success && (await certificates.byCode(normal))) return reply.redirect(`/${lang}/certificates/${normal}`, 303);
    return a.freshPage(req, reply, certificateLookupView(l, code, [{ field: 'code', key: 'certificate.lookup.unknown' }]), 404);
  });

  app.get('/certificates/:code.pdf', async (req, reply) => {
    const { code } = parse(certificateParams, req.params);
    const found = await certificates.byCode(code);
    if (!found) throw new NotFoundError('certificate');
    const pdf = await renderPdf(certificateDocument(a.ctx(req, lang), found));
    return reply.header('cache-control', 'no-cache').header('content-disposition', `inline; filename="certificate-${found.code}.pdf"`).type('application/pdf').send(pdf);
  });

  app.get('/certificates/:code', async (req, reply) => {
    const { code } = parse(certificateParams, req.params);
    const found = await certificates.byCode(code);
    if (!found) throw new NotFoundError('certificate');
    return a.freshPage(req, reply, certificateView(a.ctx(req, lang), found));
  });
}
