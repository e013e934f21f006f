// The wait before a job's next attempt, as pg-boss computes it with retryBackoff (its failJobs
// plan), so SQLite retries on the same rhythm: between half and all of delay × 2^retries, at most
// the maximum. `retryCount` is the number of retries made so far (0 after the first attempt).

export function retryWaitSeconds(retryCount: number, delaySeconds: number, maxSeconds: number | null, random = Math.random()): number {
  const doubling = 2 ** Math.min(16, retryCount + 1) / 2;
  const wait = Math.max(delaySeconds, 1) * (doubling + doubling * random);
  return maxSeconds === null ? wait : Math.min(maxSeconds, wait);
}
