import { z } from 'zod';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import type { NoticesService } from './notices.ts';

// Every ten minutes, one instance looks for the notices that are due (notices.ts) and sends them.

export const NOTICES_JOB = 'self-assessment.notices';
/** every ten minutes, at 6, 16, 26… past the hour (UTC): after the settle job at 3, 13… */
export const NOTICES_CRON = '6-59/10 * * * *';

export const noticesJob = (notices: NoticesService): JobDefinition<Record<string, never>> => ({
  name: NOTICES_JOB,
  payload: z.object({}).strict(),
  unique: true,
  retryLimit: 3,
  run: async () => {
    await notices.sweep();
  },
});
