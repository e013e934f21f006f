import client from 'prom-client';
import type { Database } from '../../db/database.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { buildsRun, type BuildCounts } from '../offthread/offthread.ts';
import { RequestHistogram } from './request-histogram.ts';

// What /metrics tells Prometheus: requests by route pattern and status with their latency, the
// job queue (waiting, running, failed, attempts), the database (PostgreSQL: the connection pool;
// SQLite: the size of the file and of its write-ahead log), and Node's own (memory, CPU, event
// loop, garbage collection). Each app has a registry of its own (tests build many apps).
//
// Recording a request must cost next to nothing (cached pages answer tens of thousands a second):
// the route label is the pattern Fastify matched (never the address typed, so the series stay
// few), with the language prefix as {lang}; see request-histogram.ts.

export interface Metrics {
  /** One request answered: `route` is the pattern matched (undefined when none matched). */
  request(method: string, route: string | undefined, status: number, seconds: number): void;
  render(): Promise<string>;
  readonly contentType: string;
}

export function createMetrics(
  database: Database,
  jobs: JobQueue,
  caches: Record<'pages' | 'searches', { size: number; bytes: number }>,
  /** builds run elsewhere than this thread's (the search thread's) */
  otherBuilds: () => Promise<BuildCounts | null> = () => Promise.resolve(null),
): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requests = new RequestHistogram();
  registry.registerMetric(requests as unknown as client.Metric);

  new client.Gauge({
    name: 'jobs_waiting',
    help: 'Jobs in the queue by queue and state: created (waiting to run), retry (failed, waiting for their next attempt), active (running), failed (out of attempts, kept for administrators)',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      this.reset();
      for (const c of await jobs.counts()) this.set({ queue: c.name, state: c.state }, c.count);
    },
  });
  new client.Counter({
    name: 'index_builds_total',
    help: 'Whole builds of the search and facet indexes by where they ran: worker (a thread of their own), inline (small enough to build where they are used), fallback (inline after a worker failed)',
    labelNames: ['where'] as const,
    registers,
    async collect() {
      const other = await otherBuilds().catch(() => null);
      this.reset();
      for (const where of ['worker', 'inline', 'fallback'] as const) this.inc({ where }, buildsRun[where] + (other?.[where] ?? 0));
    },
  });
  new client.Gauge({
    name: 'page_cache_entries',
    help: 'Rendered pages this instance keeps in memory, by cache: pages (the same for everyone) and searches (result pages)',
    labelNames: ['cache'] as const,
    registers,
    collect() {
      this.set({ cache: 'pages' }, caches.pages.size);
      this.set({ cache: 'searches' }, caches.searches.size);
    },
  });
  new client.Gauge({
    name: 'page_cache_bytes',
    help: 'What the kept pages cost in memory, by cache (their text and a quarter more for compressed forms)',
    labelNames: ['cache'] as const,
    registers,
    collect() {
      this.set({ cache: 'pages' }, caches.pages.bytes);
      this.set({ cache: 'searches' }, caches.searches.bytes);
    },
  });
  const attempts = new client.Counter({
    name: 'job_attempts_total',
    help: 'Attempts at running a job by this instance, by queue and outcome (done, retry: failed and tried again later, failed: out of attempts)',
    labelNames: ['queue', 'outcome'] as const,
    registers,
  });
  const runTime = new client.Histogram({
    name: 'job_duration_seconds',
    help: 'Time an attempt at a job took, by queue',
    labelNames: ['queue'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    registers,
  });
  jobs.onOutcome((queue, outcome, seconds) => {
    attempts.inc({ queue, outcome });
    runTime.observe({ queue }, seconds);
  });

  if (database.dialect === 'postgres') {
    new client.Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL connections of this instance: open (total), idle, and the most it may open (max)',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const s = database.stats().pool;
        if (!s) return;
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'max' }, s.max);
      },
    });
    new client.Gauge({
      name: 'db_pool_waiting_queries',
      help: 'Queries waiting for a free PostgreSQL connection (above 0 for long: the pool is too small)',
      registers,
      collect() {
        this.set(database.stats().pool?.waiting ?? 0);
      },
    });
  } else {
    new client.Gauge({
      name: 'sqlite_bytes',
      help: 'Size of the SQLite database (file) and of its write-ahead log (wal; one that keeps growing means checkpoints cannot finish)',
      labelNames: ['file'] as const,
      registers,
      collect() {
        const s = database.stats().sqlite;
        if (!s) return;
        this.set({ file: 'database' }, s.databaseBytes);
        this.set({ file: 'wal' }, s.walBytes);
      },
    });
  }

  return {
    request: (method, route, status, seconds) => requests.observe(method, route, status, seconds),
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
