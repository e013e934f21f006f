import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { siteLang, languages, type Lang } from '../../i18n/languages.ts';
import { translator } from '../../i18n/messages.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/queue.ts';
import { addressKey, limits, rateLimiter, type Limited } from '../../platform/rate-limits/rate-limits.ts';
import type { Mailer } from '../accounts/mail.ts';
import { administrators } from './repository.ts';
import { MAX_MESSAGE, subjects, type ContactInput } from './schemas.ts';

// Messages from the contact form. Nothing is stored for them but the job that carries the message
// (deleted once delivered) and the mail it becomes: one to every administrator, in the outbox or
// through SMTP. The job runs apart from the request, so a slow mail server never holds up the
// person writing, and a message sent while no administrator exists yet waits in the failed jobs.

export const CONTACT_JOB = 'contact.message';

const payload = z.object({
  name: z.string().max(120),
  email: z.string().max(254),
  subject: z.enum(subjects),
  message: z.string().max(MAX_MESSAGE),
  lang: z.enum(languages),
});
type ContactMessage = z.infer<typeof payload>;

export function contactService(db: DB, jobs: Pick<JobQueue, 'enqueue'>) {
  const rates = rateLimiter(db);
  return {
    /**
     * Counts the message against the address's limit and queues it; a robot's message (the
     * honeypot filled in) counts too but goes nowhere, and looks sent.
     */
    async send(input: ContactInput, lang: Lang, ip: string): Promise<'sent' | Limited> {
      const limited = await rates.count(`contact:address:${addressKey(ip)}`, limits.contactPerIp);
      if (limited) return limited;
      if (input.website) return 'sent';
      const message: ContactMessage = { name: input.name, email: input.email, subject: input.subject, message: input.message, lang };
      await jobs.enqueue(CONTACT_JOB, message);
      return 'sent';
    },
  };
}

export type ContactService = ReturnType<typeof contactService>;

/** The job that hands a contact message to every administrator, each in their own language. */
export const contactJob = (db: DB, mailer: Mailer): JobDefinition<ContactMessage> => ({
  name: CONTACT_JOB,
  payload,
  retryLimit: 10,
  retryDelaySeconds: 60,
  retryDelayMaxSeconds: 3600,
  describe: (m) => `${m.subject} · ${m.lang}`,
  async run(m) {
    const admins = await administrators(db);
    // Tried again later (and kept among failed jobs for an administrator to retry): nobody to tell yet.
    if (admins.length === 0) throw new Error('no administrator to deliver the contact message to');
    // All the mails or none, so a retry never sends one administrator the message twice.
    await db.transaction().execute(async (trx) => {
      for (const admin of admins) {
        const t = translator(siteLang(admin.preferred_lang));
        const subject = t(`contact.subject.${m.subject}`);
        const body = t('contact.mail.body', { name: m.name || t('contact.mail.noName'), email: m.email, subject, lang: m.lang, message: m.message });
        await mailer.send({ to: admin.email, subject: t('contact.mail.subject', { subject }), body }, { trx });
      }
    });
  },
});
