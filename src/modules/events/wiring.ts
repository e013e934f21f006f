import type { DB } from '../../db/database.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { Mailer } from '../accounts/mail.ts';
import type { CommunitiesService } from '../communities/service.ts';
import { announceJob, registrationsService, TICK_CRON, TICK_JOB, tickJob } from './registrations.ts';
import { eventsService } from './service.ts';

// The events' services and jobs, made once by app.ts: the events themselves, registrations (with
// the mails they send), and the five-minute tick (reminders, lapsed offers) and announcements,
// through the job queue.

export function eventsWiring(db: DB, o: { communities: CommunitiesService; jobs: JobQueue; mailer: Mailer; baseUrl: string; secret: string }) {
  const events = eventsService(db, { communities: o.communities, baseUrl: o.baseUrl });
  const registrations = registrationsService(db, { events, mailer: o.mailer, jobs: o.jobs, baseUrl: o.baseUrl, secret: o.secret });
  o.jobs.define(tickJob(registrations));
  o.jobs.schedule(TICK_JOB, TICK_CRON);
  o.jobs.define(announceJob(registrations));
  return { events, registrations };
}
