import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { sendCsv } from '../../../http/csv.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { isAdmin } from '../../accounts/roles.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import { policyCsv } from './csv.ts';
import type { PolicyService } from './service.ts';
import { policyView } from './views/policy.ts';

// The policy view, for policy readers and administrators: /{lang}/admin/self-assessment/policy
// and its CSV export (policy.csv). Policy readers get nothing else of the back office (every other
// page answers 403), so their page leads back to their account rather than to the back office.

export function policyRoutes(app: FastifyInstance, a: AppContext, lang: Lang, g: Guards, policy: PolicyService): void {
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const readers = { preHandler: [g.requireUser, g.requirePolicyReader] };

  app.get('/self-assessment/policy', readers, async (req, reply) =>
    sendPrivate(reply, policyView(ctx(req), await policy.overview(lang), { backOffice: isAdmin(req.user!) })),
  );
  app.get('/self-assessment/policy.csv', readers, async (req, reply) =>
    sendCsv(reply, `results-across-centres-${lang}.csv`, policyCsv(ctx(req), await policy.overview(lang))),
  );
}
