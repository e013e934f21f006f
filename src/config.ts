import { z } from 'zod';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const databaseUrl = z.string().refine((v) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(v), {
  message: 'must start with sqlite: (a file path or :memory:) or postgres://',
});

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .catch(NaN)
      .pipe(z.number({ error: 'must be a whole number from 0 to 65535' }).min(0))
      .default(3000),
    DATABASE_URL: databaseUrl.default('sqlite:./data/intve.db'),
    BASE_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://intve.example.eu' })
      .refine((v) => new URL(v).pathname === '/', { message: 'must be an origin without a path' })
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CONTENT_DIR: z.string().min(1).default('./content'),
    UPLOADS_DIR: z.string().min(1).default('./data/uploads'),
    LOAD_CONTENT: booleanString.default(true),
    TRUST_PROXY: booleanString.default(false),
    PAGE_CACHE_ENTRIES: z.coerce.number({ error: 'must be a whole number' }).int().min(0).max(1_000_000).default(5000),
    SEARCH_CACHE_ENTRIES: z.coerce.number({ error: 'must be a whole number' }).int().min(0).max(1_000_000).default(2000),
    SEARCH_CACHE_MB: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(100_000).default(24),
    SEARCH_RATE_BURST: z.coerce.number({ error: 'must be a whole number' }).int().min(0).max(100_000).default(20),
    SEARCH_RATE_PER_SECOND: z.coerce.number({ error: 'must be a number' }).min(0.01, { error: 'must be at least 0.01' }).max(100_000).default(5),
    SEARCH_ENGINE: z.enum(['memory', 'database'], { error: 'must be memory or database' }).default('memory'),
    SEARCH_THREAD: booleanString.default(true),
    INDEX_WORKER_FROM: z
      .union([z.literal('never'), z.coerce.number().int().min(0).max(1_000_000_000)], { error: 'must be a whole number of rows or "never"' })
      .default(5000),
    SESSION_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
    SESSION_DAYS: z.coerce.number({ error: 'must be a whole number of days' }).int().min(1).max(365).default(14),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/.+/, { error: 'must be an smtp:// or smtps:// URL' })
      .optional(),
    MAIL_FROM: z.string().min(3).default('IntVE platform <no-reply@localhost>'),
    JOBS_WORKER: booleanString.default(true),
    JOBS_POLL_MS: z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(100).max(60_000).default(2000),
    METRICS_TOKEN: z
      .string()
      .min(16, { error: 'must be at least 16 characters' })
      .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' })
      .optional(),
    SHUTDOWN_GRACE_MS: z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(0).max(120_000).default(10_000),
    FILES_MAX_BYTES: z.coerce
      .number({ error: 'must be a whole number of bytes' })
      .int()
      .min(1024, { error: 'must be at least 1024 (bytes)' })
      .max(1024 ** 3, { error: 'must be at most 1073741824 (1 GB)' })
      .default(20 * 1024 * 1024),
    S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://s3.example.eu' }).optional(),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'must be a bucket name: 3 to 63 lowercase letters, digits, dots or hyphens' })
      .optional(),
    S3_REGION: z
      .string()
      .regex(/^[a-z0-9-]{2,40}$/, { error: 'must be a region name such as eu-west-1' })
      .optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: booleanString.default(false),
    OPERATOR_NAME: z.string().trim().min(2).max(200).optional(),
    OPERATOR_ADDRESS: z.string().trim().min(5).max(500).optional(),
    OPERATOR_EMAIL: z.email({ error: 'must be an email address' }).optional(),
    DPO_EMAIL: z.email({ error: 'must be an email address' }).optional(),
  })
  .superRefine((c, ctx) => {
    // S3 is used when S3_BUCKET is set; the other S3 settings mean nothing without it.
    const requires = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
    if (c.S3_BUCKET) {
      if (!c.S3_REGION) requires('S3_REGION', 'is required when S3_BUCKET is set');
      if (c.S3_ACCESS_KEY_ID && !c.S3_SECRET_ACCESS_KEY) requires('S3_SECRET_ACCESS_KEY', 'is required when S3_ACCESS_KEY_ID is set');
      if (c.S3_SECRET_ACCESS_KEY && !c.S3_ACCESS_KEY_ID) requires('S3_ACCESS_KEY_ID', 'is required when S3_SECRET_ACCESS_KEY is set');
    } else {
      for (const name of ['S3_ENDPOINT', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (c[name]) requires('S3_BUCKET', `is required when ${name} is set`);
      }
    }
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string;
  baseUrl: string;
  logLevel: string;
  contentDir: string;
  uploadsDir: string;
  loadContent: boolean;
  trustProxy: boolean;
  pageCacheEntries: number;
  searchCacheEntries: number;
  /** the search cache's bound in bytes */
  searchCacheBytes: number;
  /**
   * Uncached searches one address may run at once before it is slowed down (docs: README "Fair
   * use"); 0: no limit
   */
  searchRateBurst: number;
  /** uncached searches per second an address gets back once its burst is spent */
  searchRatePerSecond: number;
  /** who answers searches: the in-memory index of each instance, or the database's full-text index (decision 0016) */
  searchEngine: 'memory' | 'database';
  /**
   * whether searches are matched, counted and ranked in a thread of their own beside the server's
   * (search/thread); not for SEARCH_ENGINE=database or an in-memory SQLite database
   */
  searchThread: boolean;
  /**
   * From how many rows (search documents, published resources) the search index and the facet
   * index are built in a worker thread of their own (platform/offthread); null: never
   */
  indexWorkerFrom: number | null;
  shutdownGraceMs: number;
  /** null: a secret is generated once and kept in the database, shared by every instance */
  sessionSecret: string | null;
  sessionDays: number;
  smtpUrl: string | null;
  mailFrom: string;
  /** whether this instance runs the job worker (mail, purges, reminders) */
  jobsWorker: boolean;
  /** how often the worker looks for due jobs (its own enqueues wake it at once) */
  jobsPollMs: number;
  /** null: /metrics answers 404 */
  metricsToken: string | null;
  /** the largest attachment accepted, in bytes */
  filesMaxBytes: number;
  /** null: attachments are stored on disk under uploadsDir */
  s3: S3Config | null;
  /** who runs this installation, shown on the legal notice and the privacy notice */
  operator: OperatorConfig;
}

/** Each null when the installation has not said (the pages then say so instead of inventing). */
export interface OperatorConfig {
  name: string | null;
  /** a postal address; a line break may be written as " | " */
  address: string | null;
  email: string | null;
  /** the data protection officer or contact; null: OPERATOR_EMAIL answers privacy questions */
  dpoEmail: string | null;
}

export interface S3Config {
  /** null: Amazon S3 itself */
  endpoint: string | null;
  bucket: string;
  region: string;
  /** null: the AWS SDK's default credential chain (environment, instance role) */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  forcePathStyle: boolean;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; the error names the variable in one line. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    // Secrets are never echoed; a missing value has nothing to show.
    const given = env[name] === undefined || env[name] === '' ? '' : /SECRET|TOKEN/.test(name) ? ' (value not shown)' : ` (got ${JSON.stringify(env[name])})`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message.replace(/^Invalid input: /, '')}${given}`);
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    baseUrl: (c.BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    logLevel: c.LOG_LEVEL,
    contentDir: c.CONTENT_DIR,
    uploadsDir: c.UPLOADS_DIR,
    loadContent: c.LOAD_CONTENT,
    trustProxy: c.TRUST_PROXY,
    pageCacheEntries: c.PAGE_CACHE_ENTRIES,
    searchCacheEntries: c.SEARCH_CACHE_ENTRIES,
    searchCacheBytes: c.SEARCH_CACHE_MB * 1024 * 1024,
    searchRateBurst: c.SEARCH_RATE_BURST,
    searchRatePerSecond: c.SEARCH_RATE_PER_SECOND,
    searchEngine: c.SEARCH_ENGINE,
    searchThread: c.SEARCH_THREAD,
    indexWorkerFrom: c.INDEX_WORKER_FROM === 'never' ? null : c.INDEX_WORKER_FROM,
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
    sessionSecret: c.SESSION_SECRET ?? null,
    sessionDays: c.SESSION_DAYS,
    smtpUrl: c.SMTP_URL ?? null,
    mailFrom: c.MAIL_FROM,
    jobsWorker: c.JOBS_WORKER,
    jobsPollMs: c.JOBS_POLL_MS,
    metricsToken: c.METRICS_TOKEN ?? null,
    filesMaxBytes: c.FILES_MAX_BYTES,
    s3: c.S3_BUCKET
      ? {
          endpoint: c.S3_ENDPOINT ?? null,
          bucket: c.S3_BUCKET,
          region: c.S3_REGION!,
          credentials: c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY ? { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY } : null,
          forcePathStyle: c.S3_FORCE_PATH_STYLE,
        }
      : null,
    operator: { name: c.OPERATOR_NAME ?? null, address: c.OPERATOR_ADDRESS ?? null, email: c.OPERATOR_EMAIL ?? null, dpoEmail: c.DPO_EMAIL ?? null },
  };
}
