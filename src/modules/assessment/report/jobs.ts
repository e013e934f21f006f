import { z } from 'zod';
import type { DB } from '../../../db/database.ts';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import { warmBenchmark } from './benchmark.ts';
import { settleClosedRounds } from './results.ts';

// Rounds close when their last day passes, with nobody there to see it. Every few minutes a
// recurring job settles them (docs/decisions/0006): the addresses of their invited people are
// erased, and their due answers released, so benchmarks count a finished round even if nobody has
// opened its report. Loading a round settles it as well; this catches the rest. It then rebuilds
// the benchmark's sums if they changed, so that the next report finds them ready.

export const SETTLE_JOB = 'self-assessment.settle';
/** every ten minutes, at 3, 13, 23… past the hour (UTC) */
export const SETTLE_CRON = '3-59/10 * * * *';

export const settleJob = (db: DB): JobDefinition<Record<string, never>> => ({
  name: SETTLE_JOB,
  payload: z.object({}).strict(),
  unique: true,
  retryLimit: 3,
  run: async () => {
    await settleClosedRounds(db);
    // The benchmark's sums, rebuilt here if anything changed, so that no report waits for it.
    await warmBenchmark(db);
  },
});
