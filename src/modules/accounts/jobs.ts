import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { purgeExpired } from './repository.ts';

// Expired sign-in sessions, used or expired links and old rate-limit counters go once an hour, as
// a recurring job: one instance runs it each time, and a run that fails is tried again.

export const PURGE_JOB = 'accounts.purge';
/** every hour, at 17 minutes past (UTC) */
export const PURGE_CRON = '17 * * * *';

export const purgeJob = (db: DB): JobDefinition<Record<string, never>> => ({
  name: PURGE_JOB,
  payload: z.object({}).strict(),
  unique: true,
  retryLimit: 3,
  run: () => purgeExpired(db),
});
