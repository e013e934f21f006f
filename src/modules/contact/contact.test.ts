import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { user, type UserRecord } from '../../../test/factories/index.ts';
import { agent, lastMail } from '../../../test/helpers/agent.ts';
import { runJobs, testApp, type TestApp } from '../../../test/helpers/app.ts';
import { limits } from '../../platform/rate-limits/rate-limits.ts';

// The contact form, as a visitor without an account uses it: each agent is a browser at an
// address of its own, so the hourly limit of one does not touch the others.

let t: TestApp;
let admins: UserRecord[];
let member: UserRecord;
before(async () => {
  t = await testApp();
  admins = [await user(t, { role: 'admin', lang: 'en' }), await user(t, { role: 'admin', lang: 'fr' })];
  member = await user(t);
});
after(() => t.close());

let n = 0;
const message = (o: Record<string, string> = {}) => ({
  name: 'Leila Haddad',
  email: `visitor-${++n}@centre.example`,
  subject: 'accessibility',
  message: `The chart on the report page has no text alternative (${n}).`,
  ...o,
});

const outboxCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('writing to the people who run the platform', () => {
  test('the form page is made for one browser: never stored by caches, with its own token cookie', async () => {
    const res = await t.get('/fr/contact');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /name="_csrf" value="[^"]+"/);
    assert.ok(
      res.cookies.some((c) => c.name === 'intve_contact' && c.httpOnly),
      'the token secret is in an http-only cookie',
    );
    assert.match(res.body, /href="\/fr\/privacy"/, 'the form links to the privacy notice');
  });

  test('a message reaches every administrator by mail, each in their language, and the sender sees a thank-you page', async () => {
    const m = message();
    const res = await agent(t).post('/en/contact', m);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/en/contact/sent');
    const [en, fr] = [await lastMail(t, admins[0]!.email), await lastMail(t, admins[1]!.email)];
    assert.equal(en?.subject, 'IntVE contact form: An accessibility problem');
    assert.ok(en?.body.includes(m.message) && en.body.includes(m.email) && en.body.includes(m.name));
    assert.equal(fr?.subject, 'Formulaire de contact IntVE : Un problème d’accessibilité');
    assert.ok(fr?.body.includes(m.message));
    assert.equal(await lastMail(t, member.email), null, 'people without the admin role get nothing');
    const thanks = await t.get('/en/contact/sent');
    assert.equal(thanks.statusCode, 200);
    assert.match(thanks.body, /Thank you for your message/);
  });

  test('a form with mistakes comes back with the values given and a message per field', async () => {
    const res = await agent(t).post('/en/contact', { name: 'Leila <b>', email: 'not an address', subject: 'bribe', message: '   ' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /Enter an email address we can reply to/);
    assert.match(res.body, /Choose what your message is about/);
    assert.match(res.body, /Write your message/);
    assert.match(res.body, /value="Leila &lt;b&gt;"/, 'the name comes back, escaped');
    assert.match(res.body, /value="not an address"/);
    assert.match(res.body, /<title>Error: /);
  });

  test('a message without the form’s token is refused and goes nowhere', async () => {
    const before = await outboxCount();
    const browser = agent(t);
    await browser.get('/en/contact');
    const res = await browser.postRaw('/en/contact', message());
    assert.equal(res.statusCode, 403);
    const forged = await browser.postRaw('/en/contact', { ...message(), _csrf: 'made-up-token' });
    assert.equal(forged.statusCode, 403);
    await runJobs(t);
    assert.equal(await outboxCount(), before);
  });

  test('a robot that fills in the hidden field sees the thank-you page, and nobody is mailed', async () => {
    const before = await outboxCount();
    const res = await agent(t).post('/en/contact', message({ website: 'https://spam.example' }));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/en/contact/sent');
    await runJobs(t);
    assert.equal(await outboxCount(), before);
  });

  test('one address can send a few messages an hour; past that it is told when to try again', async () => {
    const browser = agent(t);
    for (let i = 0; i < limits.contactPerIp.max; i++) assert.equal((await browser.post('/ar/contact', message())).statusCode, 303);
    const refused = await browser.post('/ar/contact', message());
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.equal(refused.headers['cache-control'], 'no-store');
    assert.match(refused.body, /lang="ar"/);
    assert.equal((await agent(t).post('/ar/contact', message())).statusCode, 303, 'another address is not held back');
  });
});

describe('the pages about the platform', () => {
  test('privacy, legal notice, cookies, accessibility and help are pages in every language', async () => {
    for (const lang of ['en', 'fr', 'ar']) {
      for (const slug of ['privacy', 'legal', 'cookies', 'accessibility', 'help']) {
        const res = await t.get(`/${lang}/${slug}`);
        assert.equal(res.statusCode, 200, `/${lang}/${slug}`);
        assert.match(res.body, /<h1[^>]*>/);
      }
    }
  });

  test('the legal notice says plainly when the installation has not named its operator', async () => {
    const res = await t.get('/en/legal');
    assert.match(res.body, /has not published all its operator’s details yet/);
    assert.match(res.body, /href="\/en\/contact"/);
  });

  test('the operator’s details from the configuration show on the legal and privacy notices', async () => {
    const configured = await testApp({
      env: {
        OPERATOR_NAME: 'Centre Example',
        OPERATOR_ADDRESS: '1 Rue Exemple | 75000 Paris',
        OPERATOR_EMAIL: 'team@operator.example',
        DPO_EMAIL: 'dpo@operator.example',
      },
    });
    try {
      const legal = await configured.get('/en/legal');
      assert.match(legal.body, /Centre Example/);
      assert.match(legal.body, /1 Rue Exemple<br>75000 Paris/);
      assert.match(legal.body, /mailto:team@operator.example/);
      assert.doesNotMatch(legal.body, /has not published/);
      const privacy = await configured.get('/fr/privacy');
      assert.match(privacy.body, /mailto:dpo@operator.example/);
    } finally {
      await configured.close();
    }
  });

  test('the sitemap lists the new pages', async () => {
    const res = await t.get('/sitemap-pages.xml');
    for (const slug of ['privacy', 'legal', 'cookies', 'accessibility', 'help', 'contact']) assert.match(res.body, new RegExp(`/en/${slug}<`));
  });
});
