import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agent, lastMail } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const STRONG = 'lantern orchard velvet 42';
let counter = 0;
const newEmail = () => `person${++counter}-${Date.now()}@centre.example`;

/** Registers, confirms by the mailed link, and returns the address. */
async function registered(name = 'Amina Haddad'): Promise<string> {
  const email = newEmail();
  const a = agent(t);
  const res = await a.post('/en/account/register', { name, email, password: STRONG });
  assert.equal(res.statusCode, 200, res.body.slice(0, 500));
  const mail = await lastMail(t, email);
  assert.ok(mail?.link);
  assert.equal((await a.get(mail.link)).statusCode, 303);
  return email;
}

async function signedIn(email: string, password = STRONG, headers: Record<string, string> = {}) {
  const a = agent(t, headers);
  const res = await a.post('/en/account/sign-in', { email, password });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  assert.equal(res.headers.location, '/en/account');
  return a;
}

describe('registration', () => {
  test('a new person registers, confirms the address by the mailed link and signs in', async () => {
    const a = agent(t);
    const email = newEmail();
    const res = await a.post('/en/account/register', { name: 'Amina Haddad', email: email.toUpperCase(), password: STRONG });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Check your email/);
    const mail = await lastMail(t, email);
    assert.match(mail!.subject, /Confirm your email address/);
    assert.match(mail!.link!, /^\/en\/account\/confirm\?token=[\w-]{43}$/);

    const early = await agent(t).post('/en/account/sign-in', { email, password: STRONG });
    assert.equal(early.statusCode, 403, 'an unconfirmed address cannot sign in yet');
    assert.match(early.body, /Confirm your email address first/);

    const confirmLink = (await lastMail(t, email))!.link!;
    const confirmed = await a.get(confirmLink);
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, '/en/account/sign-in?done=confirmed');
    assert.equal((await a.get(confirmLink)).statusCode, 410, 'a link works once');

    const s = await signedIn(email);
    const account = await s.get('/en/account');
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /Amina Haddad/);
    assert.match(account.body, new RegExp(email));
    assert.equal(account.headers['cache-control'], 'no-store');
  });

  test('registering with an address that has an account says the same and mails its owner', async () => {
    const email = await registered();
    const before = await t.database.db.selectFrom('users').select('id').execute();
    const res = await agent(t).post('/en/account/register', { name: 'Someone Else', email, password: 'another long passphrase 7' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Check your email/);
    assert.match((await lastMail(t, email))!.subject, /Someone tried to register/);
    assert.equal((await t.database.db.selectFrom('users').select('id').execute()).length, before.length);
  });

  test('a weak password comes back with the other values kept and an error summary', async () => {
    const res = await agent(t).post('/en/account/register', { name: 'Jean Dupont', email: 'jean@centre.example', password: 'password123' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /<a href="#field-password">This password is too easy to guess/);
    assert.match(res.body, /value="Jean Dupont"/);
    assert.match(res.body, /value="jean@centre.example"/);
    assert.match(res.body, /aria-describedby="field-password-hint field-password-error"/);
    assert.doesNotMatch(res.body, /password123/);
  });

  test('a bad address and an over-long name are explained field by field', async () => {
    const res = await agent(t).post('/en/account/register', { name: 'x'.repeat(121), email: 'not-an-email', password: STRONG });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /href="#field-name">Use at most 120 characters/);
    assert.match(res.body, /href="#field-email">Enter an email address like/);
  });

  test('forms in French come back in French', async () => {
    const res = await agent(t).post('/fr/account/register', { name: '', email: '', password: '' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /<html lang="fr"/);
  });
});

describe('limits on registration', () => {
  test('one address can register only so many accounts an hour', async () => {
    const a = agent(t, {}, '198.51.100.7');
    let res = await a.post('/en/account/register', { name: 'Bulk', email: newEmail(), password: STRONG });
    for (let i = 0; i < 10; i++) res = await a.post('/en/account/register', { name: 'Bulk', email: newEmail(), password: STRONG });
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /value="Bulk"/, 'the form keeps what was typed');
    assert.equal((await agent(t, {}, '198.51.100.8').post('/en/account/register', { name: 'Other', email: newEmail(), password: STRONG })).statusCode, 200);
  });
});

describe('signing in and out', () => {
  test('a wrong password and an unknown address get the same answer', async () => {
    const email = await registered();
    const wrong = await agent(t).post('/en/account/sign-in', { email, password: 'not the password at all' });
    const unknown = await agent(t).post('/en/account/sign-in', { email: 'nobody@centre.example', password: 'not the password at all' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    const message = (html: string) => /class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0];
    assert.equal(message(wrong.body), message(unknown.body));
    assert.match(wrong.body, new RegExp(`value="${email}"`));
  });

  test('the session cookie is HttpOnly and SameSite, and the session lives in the database', async () => {
    const email = await registered();
    const a = agent(t);
    const res = await a.post('/en/account/sign-in', { email, password: STRONG });
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /intve_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'not over plain http');
    const user = await t.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const sessions = await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    assert.equal(sessions.length, 1);
  });

  test('another instance on the same database accepts the same session', async () => {
    const email = await registered();
    const a = await signedIn(email);
    const other = await testApp({ database: { database: t.database, close: () => Promise.resolve() } });
    try {
      const res = await other.app.inject({ url: '/en/account', headers: { cookie: [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, new RegExp(email));
    } finally {
      await other.app.close();
    }
  });

  test('the account page sends visitors to sign in and back', async () => {
    const res = await agent(t).get('/en/account');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/en/account/sign-in?next=%2Fen%2Faccount');
    const email = await registered();
    const a = agent(t);
    const signIn = await a.post(
      '/en/account/sign-in',
      { email, password: STRONG, next: '/en/account/data.json' },
      '/en/account/sign-in?next=%2Fen%2Faccount%2Fdata.json',
    );
    assert.equal(signIn.headers.location, '/en/account/data.json');
  });

  test('sign-in never sends a person to another site', async () => {
    const email = await registered();
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await agent(t).post('/en/account/sign-in', { email, password: STRONG, next });
      assert.equal(res.headers.location, '/en/account', next);
    }
  });

  test('signing out ends the session', async () => {
    const a = await signedIn(await registered());
    const out = await a.post('/en/account/sign-out', {}, '/en/account');
    assert.equal(out.statusCode, 303);
    assert.equal((await a.get('/en/account')).statusCode, 303);
  });

  test('a form without its CSRF token is refused with a page that says what to do', async () => {
    const res = await agent(t).postRaw('/en/account/sign-in', { email: 'a@b.example', password: 'whatever it is' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /This form can no longer be sent/);
    const a = await signedIn(await registered());
    const forged = await a.postRaw('/en/account/sign-out-everywhere', { _csrf: 'forged-token' });
    assert.equal(forged.statusCode, 403);
  });
});

describe('forgotten password', () => {
  test('a reset link sets a new password once, ends other sessions, and the old password stops working', async () => {
    const email = await registered();
    const elsewhere = await signedIn(email);
    const res = await agent(t).post('/en/account/forgot', { email });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /If an account uses/);
    const link = (await lastMail(t, email))!.link!;
    assert.match(link, /^\/en\/account\/reset\?token=/);
    const a = agent(t);
    const weak = await a.post('/en/account/reset', { token: link.split('token=')[1]!, password: 'qwerty' }, link);
    assert.equal(weak.statusCode, 422);
    const done = await a.post('/en/account/reset', { token: link.split('token=')[1]!, password: 'a brand new passphrase 9' }, link);
    assert.equal(done.statusCode, 303);
    assert.equal((await a.get(link)).statusCode, 410, 'the link works once');
    assert.equal((await elsewhere.get('/en/account')).statusCode, 303, 'other sessions are signed out');
    assert.equal((await agent(t).post('/en/account/sign-in', { email, password: STRONG })).statusCode, 401);
    await signedIn(email, 'a brand new passphrase 9');
  });

  test('asking for an unknown address looks the same and sends nothing', async () => {
    const res = await agent(t).post('/en/account/forgot', { email: 'ghost@centre.example' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /If an account uses/);
    assert.equal(await lastMail(t, 'ghost@centre.example'), null);
  });

  test('an expired or made-up link explains itself', async () => {
    const res = await agent(t).get('/en/account/reset?token=made-up');
    assert.equal(res.statusCode, 410);
    assert.match(res.body, /This link no longer works/);
    assert.match(res.body, /href="\/en\/account\/forgot"/);
  });
});

describe('my account', () => {
  test('changing the password needs the current one and signs out other devices', async () => {
    const email = await registered();
    const here = await signedIn(email);
    const there = await signedIn(email);
    const wrong = await here.post('/en/account/password', { current_password: 'not it at all', password: 'fresh passphrase here 3' }, '/en/account');
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Your current password is not right/);
    const ok = await here.post('/en/account/password', { current_password: STRONG, password: 'fresh passphrase here 3' }, '/en/account');
    assert.equal(ok.statusCode, 303);
    assert.equal((await here.get('/en/account')).statusCode, 200);
    assert.equal((await there.get('/en/account')).statusCode, 303);
  });

  test('sign out everywhere ends every session, this one included', async () => {
    const email = await registered();
    const here = await signedIn(email);
    const there = await signedIn(email);
    const res = await here.post('/en/account/sign-out-everywhere', {}, '/en/account');
    assert.equal(res.statusCode, 303);
    assert.equal((await here.get('/en/account')).statusCode, 303);
    assert.equal((await there.get('/en/account')).statusCode, 303);
  });

  test('changing the email address takes effect when the new address confirms it', async () => {
    const email = await registered();
    const a = await signedIn(email);
    const next = newEmail();
    const res = await a.post('/en/account/email', { email: next, current_password: STRONG }, '/en/account');
    assert.equal(res.statusCode, 303);
    assert.match((await lastMail(t, email))!.subject, /about to change/);
    const link = (await lastMail(t, next))!.link!;
    assert.equal((await a.get(link)).headers.location, '/en/account?done=email-changed');
    assert.match((await a.get('/en/account')).body, new RegExp(next));
  });

  test('an email change to an address that is taken by then does not happen', async () => {
    const email = await registered();
    const taken = await registered();
    const a = await signedIn(email);
    await a.post('/en/account/email', { email: taken, current_password: STRONG }, '/en/account');
    const link = (await lastMail(t, taken))!.link!;
    const res = await a.get(link);
    assert.equal(res.statusCode, 410);
    assert.match(res.body, /already uses that email address/);
  });

  test('a person downloads their data as JSON', async () => {
    const email = await registered();
    const a = await signedIn(email);
    const res = await a.get('/en/account/data.json');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-disposition'] as string, /attachment/);
    const data = res.json<{ account: { email: string }; sessions: unknown[] }>();
    assert.equal(data.account.email, email);
    assert.equal(data.sessions.length, 1);
    assert.doesNotMatch(res.body, /argon2|password/);
  });

  test('deleting the account needs the password, then the account is gone', async () => {
    const email = await registered();
    const a = await signedIn(email);
    const refused = await a.post('/en/account/delete', { current_password: 'wrong one here' }, '/en/account');
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /href="#field-delete_current_password"/);
    const res = await a.post('/en/account/delete', { current_password: STRONG }, '/en/account');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Your account is deleted/);
    assert.equal(await t.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst(), undefined);
    assert.equal((await agent(t).post('/en/account/sign-in', { email, password: STRONG })).statusCode, 401);
  });
});

describe('over HTTPS', () => {
  test('behind a TLS proxy the session cookie is Secure and bound to the origin', async () => {
    const secure = await testApp({ env: { BASE_URL: 'https://intve.example.eu', TRUST_PROXY: 'true' } });
    try {
      const res = await secure.get('/en/account/sign-in', { 'x-forwarded-proto': 'https' });
      // The CSRF secret lives in the session, so showing a form starts one.
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /__Host-intve_session=/);
      assert.match(cookie, /Secure/);
      assert.match(cookie, /Path=\//);
      assert.doesNotMatch(cookie, /Domain=/);
    } finally {
      await secure.close();
    }
  });
});
