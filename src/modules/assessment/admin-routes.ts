import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { Guards } from '../accounts/session-scope.ts';
import type { KnowledgeService } from '../knowledge/service.ts';
import { certificateAdminRoutes } from './certificates/admin-routes.ts';
import type { CertificatesService } from './certificates/service.ts';
import { frameworkAdminRoutes } from './framework/admin-routes.ts';
import { frameworkEditor } from './framework/editor.ts';
import { policyRoutes } from './policy/routes.ts';
import { policyService } from './policy/service.ts';

// The self-assessment's pages in the back office, which the admin module registers under its
// scope (session, CSRF, /{lang}/admin): the framework editor (/frameworks/…, for editors), the
// certificate rules (/self-assessment/settings, administrators only) and the policy view
// (/self-assessment/policy, policy readers and administrators).

export function assessmentAdminRoutes(
  app: FastifyInstance,
  a: AppContext,
  lang: Lang,
  certificates: CertificatesService,
  g: Guards,
  knowledge: KnowledgeService,
): void {
  frameworkAdminRoutes(app, a, lang, g, frameworkEditor(a.database.db));
  certificateAdminRoutes(app, a, lang, g, certificates);
  policyRoutes(app, a, lang, g, policyService(a.database.db, knowledge));
}
