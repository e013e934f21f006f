import type { DB } from '../../db/database.ts';
import * as repo from './repository.ts';

// Every rate limit of the platform, and the one way to count against them. Counters live in the
// database (rate_limits), so every instance counts against the same window; a key names what is
// counted ("sign-in:ip:192.0.2.1"), so one attempt can count against several limits at once.

export interface RateRule {
  max: number;
  windowMs: number;
}

export const limits = {
  signInPerIp: { max: 30, windowMs: 15 * 60_000 },
  signInPerAccount: { max: 10, windowMs: 15 * 60_000 },
  registerPerIp: { max: 10, windowMs: 60 * 60_000 },
  resetPerIp: { max: 10, windowMs: 60 * 60_000 },
  resetPerAccount: { max: 3, windowMs: 60 * 60_000 },
  /** a respondent's short code typed on a welcome page, per address: guessing a 40-bit code is then hopeless */
  surveyCodePerIp: { max: 10, windowMs: 15 * 60_000 },
  /** responses started through a group's open link per address and round: a class behind one address can start, a script cannot fill a group */
  surveyStartPerIp: { max: 20, windowMs: 60 * 60_000 },
  /** responses sent per address and round before the next ones count as a burst on the report (not refused) */
  surveySentPerIp: { max: 5, windowMs: 60 * 60_000 },
  /** survey links mailed from the platform, per person */
  surveyMailPerPerson: { max: 20, windowMs: 86_400_000 },
} satisfies Record<string, RateRule>;

export interface Limited {
  limited: true;
  retryAfterSeconds: number;
}

export function rateLimiter(db: DB) {
  return {
    /** Counts an attempt; returns how long to wait when it is over the limit. */
    count: async (key: string, rule: RateRule): Promise<Limited | null> => {
      const { hits, resetAt } = await repo.hit(db, key, rule.windowMs);
      return hits > rule.max ? { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)) } : null;
    },
    /** Forgets the attempts counted under a key (after a successful sign-in, say). */
    clear: (key: string) => repo.clearHits(db, key),
  };
}

export type RateLimiter = ReturnType<typeof rateLimiter>;
