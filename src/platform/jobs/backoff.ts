// The wait before a job's next attempt, as pg-boss computes it with retryBackoff (its failJobs
// plan), so SQLite retries on the same rhythm: between half and all of delay × 2^(retries + 1),
// at most the maximum. `retryCount` is the number of retries made so far (0 after the first attempt).

/** The multiple of the delay: from 2^retries to 2^(retries + 1), by `random`. */
export function backoffFactor(retryCount: number, random = Math.random()): number {
  const half = 2 ** Math.min(16, retryCount + 1) / 2;
  return half + half * random;
}

export function retryWaitSeconds(retryCount: number, delaySeconds: number, maxSeconds: number | null, random = Math.random()): number {
  const wait = Math.max(delaySeconds, 1) * backoffFactor(retryCount, random);
  return maxSeconds === null ? wait : Math.min(maxSeconds, wait);
}
