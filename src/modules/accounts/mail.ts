import nodemailer from 'nodemailer';
import type { DB } from '../../db/database.ts';
import { queueMail } from './repository.ts';

// Mail goes out through SMTP when SMTP_URL is set; otherwise into the outbox table, where an
// administrator (and the tests) can read it.

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export function createMailer(db: DB, smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) return { send: (mail) => queueMail(db, mail) };
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.body });
    },
  };
}
