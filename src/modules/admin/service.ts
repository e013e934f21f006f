import type { DB } from '../../db/database.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { User } from '../accounts/repository.ts';
import { countAdmins, findUserById, outbox, updateUser } from '../accounts/repository.ts';
import * as repo from './repository.ts';
import { isAdmin, type SiteRole } from '../accounts/roles.ts';

// The back office's own rules. Policies are one line each; every function checks access first.

/** What the back office reads and does on the job queue. */
export type JobsView = Pick<JobQueue, 'problems' | 'retry' | 'counts'>;

export function adminService(db: DB, jobs: JobsView) {
  return {
    audit: (actor: User, action: string, subject: string, details?: Record<string, unknown>) => repo.audit(db, actor, action, subject, details),

    people: (actor: User, q: string) => (isAdmin(actor) ? repo.people(db, q, 200) : null),

    /** Changes someone's site role; the platform always keeps an administrator. */
    async setRole(actor: User, userId: number, role: SiteRole): Promise<'done' | 'forbidden' | 'missing' | 'last-admin'> {
      if (!isAdmin(actor)) return 'forbidden';
      const target = await findUserById(db, userId);
      if (!target) return 'missing';
      if (target.role === 'admin' && role !== 'admin' && (await countAdmins(db)) <= 1) return 'last-admin';
      await updateUser(db, userId, { role });
      await repo.audit(db, actor, 'user.role', target.email, { from: target.role, to: role });
      return 'done';
    },

    outbox: (actor: User) => (isAdmin(actor) ? outbox(db) : null),

    /** The queue at a glance, and the jobs that failed (waiting to try again, or out of attempts). */
    async jobs(actor: User) {
      if (!isAdmin(actor)) return null;
      const [counts, problems] = await Promise.all([jobs.counts(), jobs.problems(200)]);
      return { counts, problems };
    },

    /** Gives a failed job one more attempt, now. */
    async retryJob(actor: User, name: string, id: string): Promise<'done' | 'forbidden' | 'missing'> {
      if (!isAdmin(actor)) return 'forbidden';
      const failed = (await jobs.problems(1000)).find((p) => p.id === id && p.name === name && p.state === 'failed');
      if (!failed || !(await jobs.retry(name, id))) return 'missing';
      await repo.audit(db, actor, 'job.retry', failed.summary ?? name, { name });
      return 'done';
    },

    auditLog: (actor: User) => (isAdmin(actor) ? repo.auditEntries(db, 300) : null),
  };
}

export type AdminService = ReturnType<typeof adminService>;
