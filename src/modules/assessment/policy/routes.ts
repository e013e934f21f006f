import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import type { PolicyService } from './service.ts';
import { policyView } from './views/policy.ts';

// The policy view in the back office, for administrators only: /{lang}/admin/self-assessment/policy.

export function policyRoutes(app: FastifyInstance, a: AppContext, lang: Lang, g: Guards, policy: PolicyService): void {
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const admin = { preHandler: [g.requireUser, g.requireAdmin] };

  app.get('/self-assessment/policy', admin, async (req, reply) => sendPrivate(reply, policyView(ctx(req), await policy.overview(lang))));
}
