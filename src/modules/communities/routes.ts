import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { User } from '../accounts/repository.ts';
import { sessionScope } from '../accounts/session-scope.ts';
import type { KnowledgeService } from '../knowledge/service.ts';
import type { CommunitiesService } from './service.ts';

export interface CommunityOptions {
  a: AppContext;
  lang: Lang;
  communities: CommunitiesService;
  knowledge: KnowledgeService;
  sessionSecret: string;
  sessionDays: number;
  findUser: (id: number) => Promise<User | undefined>;
}

// Communities: /{lang}/communities/…, a scope of its own that reads the session (public
// communities are read without one) and checks CSRF on every form.
export async function communityRoutes(app: FastifyInstance, o: CommunityOptions): Promise<void> {
  await sessionScope(app, {
    db: o.a.database.db,
    lang: o.lang,
    secret: o.sessionSecret,
    days: o.sessionDays,
    secure: o.a.config.baseUrl.startsWith('https:'),
    findUser: o.findUser,
    fileLimit: 0,
  });
}
