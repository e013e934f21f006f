import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { signIn, user } from '../../../test/factories/index.ts';
import { agent } from '../../../test/helpers/agent.ts';
import { engine, runJobs, testApp, type TestApp } from '../../../test/helpers/app.ts';
import { openDatabase } from '../../db/database.ts';
import { createMailer } from './mail.ts';

// Mail leaves the request: a real SMTP server (smtp-server, from nodemailer's authors) in this
// process, which can refuse deliveries, stop and come back. On SQLite and on PostgreSQL.

interface Delivered {
  to: string;
  subject: string;
  /** the message as sent, quoted-printable decoded */
  text: string;
}

/** An SMTP server on 127.0.0.1 that refuses the next `refuse` messages (451, try later). */
async function smtpServer(port = 0) {
  const delivered: Delivered[] = [];
  let refused = 0;
  const state = { refuse: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        if (state.refuse > 0) {
          state.refuse--;
          refused++;
          return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        }
        const text = raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        delivered.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? '', text });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    port: address.port,
    delivered,
    refused: () => refused,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const STRONG = 'lantern orchard velvet 42';
let n = 0;
const address = () => `mail-${++n}-${process.pid}@centre.example`;
const register = (t: TestApp, email: string) => agent(t).post('/en/account/register', { name: 'Amina Haddad', email, password: STRONG });
const outboxCount = async (t: TestApp) =>
  (
    await t.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe(`mail through SMTP (${engine})`, () => {
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let t: TestApp;
  before(async () => {
    smtp = await smtpServer();
    t = await testApp({ env: { SMTP_URL: smtp.url } });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('a mail the SMTP server refuses twice is tried again later and arrives once', async () => {
    const email = address();
    smtp.state.refuse = 2;
    const res = await register(t, email);
    assert.equal(res.statusCode, 200, 'the person is not kept waiting for the mail server');
    assert.match(res.body, /Check your email/);
    assert.equal(smtp.delivered.length, 0, 'nothing is sent inside the request');

    await runJobs(t);
    assert.equal(smtp.refused(), 1);
    assert.equal(await runJobs(t), 0, 'the second attempt waits for its time');
    await t.jobs.runDue({ includeDeferred: true });
    assert.equal(smtp.refused(), 2);
    await t.jobs.runDue({ includeDeferred: true });

    const mine = smtp.delivered.filter((d) => d.to === email);
    assert.equal(mine.length, 1, 'it arrives exactly once');
    assert.match(mine[0]!.subject, /Confirm your email address/);
    assert.match(mine[0]!.text, /http:\/\/localhost:3000\/en\/account\/confirm\?token=/);
    assert.equal(await t.jobs.runDue({ includeDeferred: true }), 0, 'and nothing is left to send');
    assert.equal(await outboxCount(t), 0, 'with SMTP, nothing goes to the outbox');
  });

  test('administrators see a mail that keeps failing, with its error and attempts, and send it again', async () => {
    const admin = await signIn(t, await user(t, { role: 'admin', email: `admin-${process.pid}@office.example` }));
    const email = address();
    smtp.state.refuse = 100;
    await register(t, email);
    await runJobs(t);
    let page = await admin.get('/en/admin/jobs');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`${email} · Confirm your email address`));
    assert.match(page.body, /Retrying/);
    assert.match(page.body, /Mailbox busy, try again later/);
    assert.match(page.body, /1 of 11/);
    assert.doesNotMatch(page.body, /Try again now/, 'a mail still retrying needs no button');

    for (let i = 0; i < 10; i++) await t.jobs.runDue({ includeDeferred: true });
    page = await admin.get('/en/admin/jobs');
    assert.match(page.body, /11 of 11/);
    assert.match(page.body, /<strong class="tag tag-error">Failed<\/strong>/);
    const action = /action="(\/en\/admin\/jobs\/mail\/[^"]+\/retry)"/.exec(page.body)?.[1];
    assert.ok(action, 'a failed mail has a button to try again');

    smtp.state.refuse = 0;
    const res = await admin.post(action, {}, '/en/admin/jobs');
    assert.equal(res.statusCode, 303);
    assert.match((await admin.get(res.headers.location as string)).body, /The job will be tried again in a moment/);
    // Due at once, or at the time of the wait the loop above skipped, whichever is later (as in pg-boss).
    await t.jobs.runDue({ includeDeferred: true });
    assert.equal(smtp.delivered.filter((d) => d.to === email).length, 1);
    assert.doesNotMatch((await admin.get('/en/admin/jobs')).body, new RegExp(email), 'once sent, it is no longer listed');
    assert.match((await admin.get('/en/admin/audit')).body, new RegExp(`Tried the failed job again: ${email}`));
    const again = await admin.post(action, {}, '/en/admin/people');
    assert.match((await admin.get(again.headers.location as string)).body, /no longer failed/, 'a second click is told so, not given an error');
  });
});

describe(`mail while the SMTP server is down (${engine})`, () => {
  test('registration succeeds at once, and the mail goes out once the server is back', async () => {
    const probe = await smtpServer();
    const { port, url } = probe;
    await probe.close();
    const t = await testApp({ env: { SMTP_URL: url } });
    let smtp: Awaited<ReturnType<typeof smtpServer>> | undefined;
    try {
      const email = address();
      const res = await register(t, email);
      assert.equal(res.statusCode, 200);
      await runJobs(t);
      const [waiting] = (await t.jobs.problems()).filter((p) => p.name === 'mail');
      assert.equal(waiting?.state, 'retry');
      assert.match(waiting.error ?? '', /ECONNREFUSED|connect/i);
      smtp = await smtpServer(port);
      await t.jobs.runDue({ includeDeferred: true });
      assert.deepEqual(
        smtp.delivered.map((d) => d.to),
        [email],
      );
    } finally {
      await t.close();
      await smtp?.close();
    }
  });
});

describe(`two instances on one database (${engine})`, () => {
  test('never send one mail twice', async () => {
    const smtp = await smtpServer();
    const one = await testApp({ env: { SMTP_URL: smtp.url }, jobs: { work: true, pollMs: 5 } });
    const secondDb = openDatabase(one.url, { poolSize: 3 });
    const two = await testApp({
      env: { SMTP_URL: smtp.url },
      jobs: { work: true, pollMs: 5 },
      database: { database: secondDb, close: () => secondDb.close() },
    });
    try {
      const mailers = [createMailer(one.jobs), createMailer(two.jobs)];
      for (let i = 0; i < 30; i++) await mailers[i % 2]!.send({ to: `reader-${i}@centre.example`, subject: `Number ${i}`, body: 'Hello' });
      for (const end = Date.now() + 20_000; Date.now() < end && smtp.delivered.length < 30;) await new Promise((r) => setTimeout(r, 10));
      await one.app.close();
      await two.app.close();
      assert.equal(smtp.delivered.length, 30, 'each mail was delivered once, no more');
      assert.equal(new Set(smtp.delivered.map((d) => d.subject)).size, 30);
    } finally {
      // The second instance's connections first: closing the first drops the test database.
      await two.close();
      await one.close();
      await smtp.close();
    }
  });
});
