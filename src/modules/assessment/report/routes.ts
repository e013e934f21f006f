import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { sendCsv } from '../../../http/csv.ts';
import { ForbiddenError, NotFoundError, parse } from '../../../http/errors.ts';
import { redirectDone } from '../../../http/notice.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { renderPdf } from '../../../pdf/lazy.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import { centreParams } from '../../centres/schemas.ts';
import type { RoundAccess, RoundPage } from '../access.ts';
import { roundParams, roundsPath } from '../paths.ts';
import { reportDocument } from './pdf.ts';
import { reportQuery } from './schemas.ts';
import type { ReportService } from './service.ts';
import { reportView } from './views/report.ts';

// A round's report, inside the account scope (session and CSRF), for every member of the centre:
// /{lang}/account/centres/{slug}/self-assessment/rounds/{id}/report, .pdf and .csv; and whether
// the centre counts in other centres' benchmarks (…/self-assessment/benchmark).

export function reportRoutes(app: FastifyInstance, g: Guards, a: AppContext, lang: Lang, o: { access: RoundAccess; reports: ReportService }): void {
  const { access, reports } = o;
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const member = { preHandler: [g.requireUser] };
  const memberPost = { preHandler: [g.csrfCheck, g.requireUser] };
  const base = '/centres/:slug/self-assessment';

  async function roundOr404(req: FastifyRequest): Promise<RoundPage> {
    const { slug, round } = parse(roundParams, req.params);
    const r = await access.roundFor(req.user!, slug, round);
    if (!r) throw new NotFoundError('round');
    return r;
  }

  app.post(`${base}/benchmark`, memberPost, async (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    const c = await access.centreFor(req.user!, slug);
    if (!c) throw new NotFoundError('centre');
    if ((await reports.countInBenchmarks(c, (req.body as Record<string, unknown>).count === 'yes')) === 'forbidden') throw new ForbiddenError();
    return redirectDone(reply, `${roundsPath(ctx(req), slug)}`, 'benchmark');
  });

  app.get(`${base}/rounds/:round/report`, member, async (req, reply) => {
    const r = await roundOr404(req);
    const l = ctx(req);
    return sendPrivate(reply, reportView(l, await reports.report(r, parse(reportQuery, req.query), l)));
  });

  app.get(`${base}/rounds/:round/report.pdf`, member, async (req, reply) => {
    const r = await roundOr404(req);
    const l = ctx(req);
    const [data, plan] = await Promise.all([reports.report(r, parse(reportQuery, req.query), l), reports.plan(r.loaded.round.id)]);
    const pdf = await renderPdf(reportDocument(l, data, plan));
    const name = `self-assessment-${data.page.centre.slug}-${data.page.loaded.round.id}-${lang}.pdf`;
    return reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}"`).type('application/pdf').send(pdf);
  });

  app.get(`${base}/rounds/:round/report.csv`, member, async (req, reply) => {
    const { filename, body } = await reports.csv(await roundOr404(req), ctx(req));
    return sendCsv(reply, filename, body);
  });
}
