import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { Guards } from '../accounts/session-scope.ts';
import type { KnowledgeService } from '../knowledge/service.ts';
import type { CommunitiesService } from './service.ts';

// The back office of communities: /{lang}/admin/communities/… (administrators).
export function communityAdminRoutes(
  _app: FastifyInstance,
  _g: Guards,
  _a: AppContext,
  _lang: Lang,
  _d: { communities: CommunitiesService; knowledge: KnowledgeService },
): void {
  // built next
}
