// A token bucket per address, kept in memory: for limits checked on a hot path, where a database
// write per request (as the limits in rate-limits.ts cost) would itself be the load to avoid. Each
// address starts with `burst` tokens, one is taken per unit of work and `perSecond` come back
// every second up to `burst`: a person clicking never runs out, a script firing requests
// is slowed to `perSecond` after its first `burst`. Nothing is ever refused for longer than one
// token takes to come back, so nobody is locked out.
//
// Per instance, not shared: with several instances behind a balancer an address gets a bucket
// on each, which is still a bound on each instance's work, and work is what is being protected.
// Memory is bounded: past `maxAddresses`, the address seen least recently is forgotten (a
// forgotten bucket starts full again, which is where an idle one would be anyway).

export interface BucketRule {
  /** tokens an address starts with, and the most it holds */
  burst: number;
  /** tokens that come back per second */
  perSecond: number;
}

export type Taken = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  /** when tokens was last brought up to date, in the clock's milliseconds */
  at: number;
  /** when a refusal of this address was last reported (-Infinity: never) */
  reportedAt: number;
}

export class TokenBuckets {
  readonly rule: BucketRule;
  readonly maxAddresses: number;
  /** the clock, in milliseconds (monotonic by default; tests set their own) */
  now: () => number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(rule: BucketRule, options: { maxAddresses?: number; now?: () => number } = {}) {
    this.rule = rule;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Takes one token from an address's bucket, or says how long until one is there. */
  take(address: string): Taken {
    const b = this.bucket(address);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.rule.perSecond)) };
  }

  /**
   * Whether a refusal of this address is worth a log line: at most one per address per
   * `everyMs`, so a flood of refused requests does not become a flood of log lines.
   */
  report(address: string, everyMs = 60_000): boolean {
    const b = this.bucket(address);
    if (b.at - b.reportedAt < everyMs) return false;
    b.reportedAt = b.at;
    return true;
  }

  /** Empties an address's bucket and keeps it empty for `seconds` (the page catalogue shows the refusal this way). */
  hold(address: string, seconds: number): void {
    this.bucket(address).tokens = -seconds * this.rule.perSecond;
  }

  /** Forgets every address. */
  clear(): void {
    this.buckets.clear();
  }

  get size(): number {
    return this.buckets.size;
  }

  /** The address's bucket brought up to date, and moved to the most recently used end. */
  private bucket(address: string): Bucket {
    const t = this.now();
    let b = this.buckets.get(address);
    if (b) {
      this.buckets.delete(address);
      b.tokens = Math.min(this.rule.burst, b.tokens + (Math.max(0, t - b.at) / 1000) * this.rule.perSecond);
      b.at = Math.max(b.at, t);
    } else {
      b = { tokens: this.rule.burst, at: t, reportedAt: -Infinity };
      if (this.buckets.size >= this.maxAddresses) this.forgetOldest();
    }
    this.buckets.set(address, b);
    return b;
  }

  /**
   * Forgets the tenth of the addresses seen least recently, in one pass: dropping one per new
   * address would walk the Map's deleted slots from its start every time (12 µs a call, measured,
   * against 0.2 µs).
   */
  private forgetOldest(): void {
    let excess = this.buckets.size - Math.floor(this.maxAddresses * 0.9);
    for (const key of this.buckets.keys()) {
      if (excess-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}
