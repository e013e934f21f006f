import { isIPv6 } from 'node:net';
import type { DB } from '../../db/database.ts';
import * as repo from './repository.ts';

// Every rate limit of the platform, and the one way to count against them. Counters live in the
// database (rate_limits), so every instance counts against the same window; a key names what is
// counted ("sign-in:address:192.0.2.1"), so one attempt can count against several limits at once.

export interface RateRule {
  max: number;
  windowMs: number;
}

export const limits = {
  /** failed sign-ins from one address, whatever the account (a success gives its attempt back) */
  signInPerAddress: { max: 30, windowMs: 15 * 60_000 },
  /** sign-ins from one address to one account, until one succeeds */
  signInPerAccountAndAddress: { max: 5, windowMs: 15 * 60_000 },
  /** failed sign-ins to one account from anywhere: past this, addresses that already failed against it are refused */
  signInAccountUnderAttack: { max: 10, windowMs: 15 * 60_000 },
  registerPerIp: { max: 10, windowMs: 60 * 60_000 },
  resetPerIp: { max: 10, windowMs: 60 * 60_000 },
  resetPerAccount: { max: 3, windowMs: 60 * 60_000 },
  /** a respondent's short code typed on a welcome page, per address: guessing a 40-bit code is then hopeless */
  surveyCodePerIp: { max: 10, windowMs: 15 * 60_000 },
  /** failed short codes of groups (the short address on a poster) per address: the same reasoning as above */
  groupCodePerIp: { max: 10, windowMs: 15 * 60_000 },
  /** responses started through a group's open link per address and round: a class behind one address can start, a script cannot fill a group */
  surveyStartPerIp: { max: 20, windowMs: 60 * 60_000 },
  /** responses sent per address and round before the next ones count as a burst on the report (not refused) */
  surveySentPerIp: { max: 5, windowMs: 60 * 60_000 },
  /** messages sent through the contact form per address: enough for a person, too few for a flood of administrators' mail */
  contactPerIp: { max: 5, windowMs: 60 * 60_000 },
  /** survey links mailed from the platform, per person */
  surveyMailPerPerson: { max: 20, windowMs: 86_400_000 },
  /** new conversations with other centres, per person and per centre a day: enough to reach partners, too few to spam the directory */
  conversationsPerPerson: { max: 20, windowMs: 86_400_000 },
  conversationsPerCentre: { max: 40, windowMs: 86_400_000 },
  /** topics and replies in communities per person an hour: a member of less than a week (a new account's spam is slowed), and anyone else (a flood) */
  communityPostsNewMember: { max: 10, windowMs: 60 * 60_000 },
  communityPostsPerPerson: { max: 60, windowMs: 60 * 60_000 },
  /** registrations for events without an account, per address an hour: a class at one school registers, a script filling events with strangers' addresses does not */
  eventGuestsPerIp: { max: 30, windowMs: 60 * 60_000 },
} satisfies Record<string, RateRule>;

export interface Limited {
  limited: true;
  retryAfterSeconds: number;
}

/** How long until a window that ends at resetAt (ms since the epoch) is over, for Retry-After. */
const limitedUntil = (resetAt: number): Limited => ({ limited: true, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)) });

/**
 * The part of a client's address that limits count: an IPv4 address as it is, an IPv6 address
 * by its /64 network (one subscriber usually has a whole /64, so counting single addresses would
 * give an attacker billions of fresh ones).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const bare = ip.replace(/%.*$/, '');
  if (!isIPv6(bare)) return ip;
  const [head = '', tail] = bare.split('::');
  const groups = head ? head.split(':') : [];
  if (tail !== undefined) {
    const rest = tail ? tail.split(':') : [];
    // An embedded IPv4 address (the last 32 bits) takes the room of two groups.
    const width = rest.reduce((w, g) => w + (g.includes('.') ? 2 : 1), 0);
    groups.push(...Array<string>(8 - groups.length - width).fill('0'), ...rest);
  }
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export function rateLimiter(db: DB) {
  return {
    /** Counts an attempt; returns how long to wait when it is over the limit. */
    count: async (key: string, rule: RateRule): Promise<Limited | null> => {
      const { hits, resetAt } = await repo.hit(db, key, rule.windowMs);
      return hits > rule.max ? limitedUntil(resetAt) : null;
    },
    /** Counts an attempt and says how many the window holds now, this one included, and when it ends. */
    hit: async (key: string, rule: RateRule): Promise<{ hits: number; limited: Limited }> => {
      const { hits, resetAt } = await repo.hit(db, key, rule.windowMs);
      return { hits, limited: limitedUntil(resetAt) };
    },
    /** How many attempts the current window holds under a key, without counting one. */
    peek: (key: string): Promise<number> => repo.peekHits(db, key),
    /** Gives one attempt back (one that turned out not to count, such as a successful sign-in). */
    refund: (key: string) => repo.refundHit(db, key),
    /** Forgets the attempts counted under a key (after a successful sign-in, say). */
    clear: (key: string) => repo.clearHits(db, key),
  };
}

export type RateLimiter = ReturnType<typeof rateLimiter>;
