import type { DB } from '../../db/database.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { Mailer } from '../accounts/mail.ts';
import { notificationMailJob, notificationsService } from '../notifications/service.ts';
import type { SearchProvider } from '../search/provider.ts';
import { communityAdminService } from './admin-service.ts';
import { DIGEST_CRON, DIGEST_JOB, digestJob, digestService } from './digest.ts';
import { editingService } from './editing.ts';
import { erasePosts } from './erase.ts';
import { attachmentsService, SWEEP_CRON, SWEEP_JOB, sweepJob } from './attachments.ts';
import type { FilesService } from '../files/service.ts';
import { reactionsService } from './reactions.ts';
import { communitySearch } from './search.ts';
import { FLAG_REMINDER_CRON, FLAG_REMINDER_JOB, flagReminderJob, moderationService } from './moderation-service.ts';
import { NOTIFY_JOB, notifyJob } from './notify.ts';
import { communitiesService } from './service.ts';

// The communities' services and jobs, made once by app.ts: the public pages' rules, moderation,
// the back office's (administrators) and notifications. A post shown to everyone is told to its
// community by the queue, outside the writer's request; hiding or deciding on a post changes what
// everyone reads, so the content version moves (cached search pages follow on every instance).
// Digests of what is new go by an hourly job to the people who asked for one and are away; files
// attached to posts and left without one are swept by another.

export function communitiesWiring(
  db: DB,
  o: {
    search: Pick<SearchProvider, 'index' | 'remove' | 'matchDocuments'>;
    jobs: JobQueue;
    mailer: Mailer;
    baseUrl: string;
    /** signs the digests' links that turn them off */
    secret: string;
    contentChanged: () => Promise<unknown>;
    /** the files module: its checks and store, for files attached to posts */
    files: FilesService;
  },
) {
  const notifications = notificationsService(db, { jobs: o.jobs, mailer: o.mailer, baseUrl: o.baseUrl });
  o.jobs.define(notificationMailJob(notifications));
  o.jobs.define(notifyJob(db, notifications));
  const communities = communitiesService(db, { search: o.search, shown: (postId) => o.jobs.enqueue(NOTIFY_JOB, { postId }) });
  const moderation = moderationService(db, { communities, mailer: o.mailer, baseUrl: o.baseUrl, shownChanged: o.contentChanged });
  o.jobs.define(flagReminderJob(moderation));
  o.jobs.schedule(FLAG_REMINDER_JOB, FLAG_REMINDER_CRON);
  const digests = digestService(db, { mailer: o.mailer, baseUrl: o.baseUrl, secret: o.secret });
  o.jobs.define(digestJob(digests));
  o.jobs.schedule(DIGEST_JOB, DIGEST_CRON);
  const office = communityAdminService(db, { changed: (slug) => communities.changed(slug) });
  const searchIn = communitySearch(db, { search: o.search, communities });
  const reactions = reactionsService(db, { communities });
  const attachments = attachmentsService(db, { communities, files: o.files });
  o.jobs.define(sweepJob(attachments));
  o.jobs.schedule(SWEEP_JOB, SWEEP_CRON);
  const erase = (userId: number) => erasePosts(db, { communities, forget: attachments.forget }, userId);
  const editing = editingService(db, { communities });
  return { communities, moderation, editing, reactions, searchIn, notifications, digests, office, erase, attachments };
}
