import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/queue.ts';
import { queueMail } from './repository.ts';

// Mail never leaves inside a person's request: send() puts it on the job queue, and the worker
// delivers it, through SMTP when SMTP_URL is set, otherwise into the outbox table, where an
// administrator (and the tests) can read it. When the SMTP server is away, the request still
// succeeds; the mail is tried again with growing waits (30–60 s, then about twice as long each
// time, at most an hour apart: 11 attempts over 4 to 5 hours), then kept as failed for
// administrators to retry (/{lang}/admin/jobs).

export interface Mail {
  to: string;
  subject: string;
  body: string;
  /** headers of its own, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) for a digest */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Queues the mail (inside the caller's transaction when given one: sent only if it commits). */
  send(mail: Mail, options?: { trx?: DB }): Promise<void>;
}

export const MAIL_JOB = 'mail';

export function createMailer(jobs: Pick<JobQueue, 'enqueue'>): Mailer {
  return {
    async send(mail, options = {}) {
      await jobs.enqueue(MAIL_JOB, mail, options.trx ? { trx: options.trx } : {});
    },
  };
}

const mailSchema = z.object({
  to: z.string().min(3).max(320).includes('@'),
  subject: z.string().max(1000),
  body: z.string(),
  headers: z.record(z.string().regex(/^[A-Za-z-]{1,60}$/), z.string().max(2000)).optional(),
});

/** The job that delivers queued mail; `close` ends the SMTP transport at shutdown. */
export function mailJob(db: DB, smtpUrl: string | null, from: string): JobDefinition<Mail> & { close(): void } {
  // Timeouts well under the job's expiry: a hung server fails the attempt rather than leaving a
  // send in flight when the queue takes the job back (which could send it twice).
  // nodemailer is loaded with the first mail: an instance without SMTP never needs it.
  const transport = smtpUrl
    ? import('nodemailer').then((m) => m.default.createTransport({ url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 }))
    : null;
  return {
    name: MAIL_JOB,
    payload: mailSchema,
    retryLimit: 10,
    retryDelaySeconds: 30,
    retryDelayMaxSeconds: 3600,
    expireInSeconds: 300,
    describe: (m) => `${m.to} · ${m.subject}`,
    async run(m) {
      if (transport) await (await transport).sendMail({ from, to: m.to, subject: m.subject, text: m.body, ...(m.headers ? { headers: m.headers } : {}) });
      else await queueMail(db, m);
    },
    close: () => void transport?.then((t) => t.close()).catch(() => undefined),
  };
}
