import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { centre, signIn, user, type UserRecord } from '../../test/factories/index.ts';
import { agent, type Agent } from '../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../test/helpers/app.ts';
import { centreAdmin, groupLinks, startRound } from '../../test/helpers/assessment.ts';
import { pdf } from '../../test/helpers/files.ts';

// Behind the CSRF token, every state-changing request is checked for where it comes from
// (http/same-origin.ts): browsers say it in Sec-Fetch-Site, or else in Origin. A form sent from
// another site is refused with 403 and the platform's error page even when it carries a valid
// token; requests that say neither (old browsers, scripts) rely on the token alone.

let t: TestApp;
let member: UserRecord;
before(async () => {
  t = await testApp();
  member = await user(t);
});
after(() => t.close());

const signInFrom = (headers: Record<string, string>) => agent(t, headers).post('/en/account/sign-in', { email: member.email, password: member.password });

describe('where a form comes from', () => {
  test('a sign-in sent from this site, or typed by the person, goes through', async () => {
    assert.equal((await signInFrom({ 'sec-fetch-site': 'same-origin' })).statusCode, 303);
    assert.equal((await signInFrom({ 'sec-fetch-site': 'none' })).statusCode, 303);
    assert.equal((await signInFrom({ origin: 'http://localhost:3000' })).statusCode, 303, 'Origin is the platform');
    assert.equal((await signInFrom({})).statusCode, 303, 'neither header: the CSRF token alone');
  });

  test('a sign-in sent from another site is refused with the error page, even with a valid token', async () => {
    const refused: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost:3000.evil.example' },
    ];
    for (const headers of refused) {
      const res = await signInFrom(headers);
      assert.equal(res.statusCode, 403, JSON.stringify(headers));
      assert.match(res.body, /This form can no longer be sent/);
      assert.match(res.body, /sent from another website/);
      assert.match(res.headers['content-type'] as string, /^text\/html/);
    }
  });

  test('links from other sites still open pages', async () => {
    const res = await t.get('/en/library', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    assert.equal(res.statusCode, 200);
    assert.equal((await t.get('/en/account/sign-in', { 'sec-fetch-site': 'cross-site' })).statusCode, 200);
  });

  test('every scope that changes something refuses another site: account, centres, rounds, back office, questionnaire', async () => {
    const leader = await user(t);
    const c = await centre(t, { admin: leader });
    const editor = await user(t, { role: 'editor' });
    const admin = await centreAdmin(t);
    const r = await startRound(admin);
    const link = Object.values(await groupLinks(admin, r.path))[0]!;
    /** Opens the form's page from the platform, then sends the form with these headers and the page's valid token. */
    const send = async (a: Agent, from: string, path: string, fields: Record<string, string>, headers: Record<string, string>) => {
      const page = await a.get(from);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
      assert.ok(token, `a form on ${from} (${page.statusCode})`);
      return t.app.inject({
        method: 'POST',
        url: path,
        headers: { ...headers, cookie: [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
      });
    };
    const forms: [string, Agent, string, string, Record<string, string>][] = [
      ['account', await signIn(t, member), '/en/account', '/en/account/sign-out-everywhere', {}],
      [
        'centres',
        await signIn(t, leader),
        `/en/account/centres/${c.slug}`,
        `/en/account/centres/${c.slug}/invitations`,
        { email: 'invited@centre.example', role: 'member' },
      ],
      ['rounds', admin.a, r.path, `${r.path}/extend`, { closes: '2099-12-31' }],
      ['back office', await signIn(t, editor), '/en/admin/spotlight/ene', '/en/admin/spotlight/ene/publish', {}],
      ['questionnaire', agent(t), `/en/survey/${link}`, `/en/survey/${link}/start`, {}],
    ];
    for (const [scope, who, from, path, fields] of forms) {
      const refused = await send(who, from, path, fields, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
      assert.equal(refused.statusCode, 403, `${scope} from another site`);
      assert.match(refused.body, /This form can no longer be sent/, scope);
    }
    assert.equal(
      (await t.database.db.selectFrom('centre_invitations').select('email').where('centre_id', '=', c.id).execute()).length,
      0,
      'nobody was invited',
    );
    assert.equal((await t.database.db.selectFrom('responses').select('id').where('round_id', '=', r.id).execute()).length, 0, 'no response was started');
    for (const [scope, who, from, path, fields] of forms) {
      const sent = await send(who, from, path, fields, { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:3000' });
      assert.equal(sent.statusCode, 303, `${scope} from the platform: ${sent.body.slice(0, 300)}`);
    }
  });

  test('an upload from another site is refused, and nothing is stored', async () => {
    const editor = await signIn(t, await user(t, { role: 'editor' }));
    const { slug } = await t.database.db.selectFrom('resources').select('slug').orderBy('id').executeTakeFirstOrThrow();
    const page = await editor.get(`/en/admin/resources/${slug}`);
    const form = new FormData();
    form.append('_csrf', /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!);
    form.append('title', 'From elsewhere');
    form.append('file', new Blob([new Uint8Array(pdf())], { type: 'application/pdf' }), 'x.pdf');
    const encoded = new Response(form);
    const res = await t.app.inject({
      method: 'POST',
      url: `/en/admin/resources/${slug}/attachments`,
      headers: {
        cookie: [...editor.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': encoded.headers.get('content-type')!,
        'sec-fetch-site': 'cross-site',
      },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    assert.equal(res.statusCode, 403);
    assert.equal((await t.database.db.selectFrom('attachments').select('id').where('title', '=', 'From elsewhere').execute()).length, 0);
  });

  test('behind a trusted proxy, the address the proxy names is the platform too', async () => {
    const proxied = await testApp({
      env: { BASE_URL: 'https://intve.example.eu', TRUST_PROXY: 'true' },
      database: { database: t.database, close: () => Promise.resolve() },
    });
    try {
      const post = async (origin: string, host: string) => {
        const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': host };
        const page = await proxied.app.inject({ url: '/en/account/sign-in', headers });
        const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
        const cookie = page.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
        return proxied.app.inject({
          method: 'POST',
          url: '/en/account/sign-in',
          headers: { ...headers, origin, cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ email: member.email, password: member.password, _csrf: token }).toString(),
        });
      };
      assert.equal((await post('https://intve.example.eu', 'intve.example.eu')).statusCode, 303, 'BASE_URL');
      assert.equal((await post('https://www.intve.example.eu', 'www.intve.example.eu')).statusCode, 303, 'the host the proxy names');
      assert.equal((await post('https://evil.example', 'www.intve.example.eu')).statusCode, 403, 'another site');
    } finally {
      await proxied.app.close();
    }
    // Without TRUST_PROXY, a Host header proves nothing: only BASE_URL counts.
    const page = await t.app.inject({ url: '/en/account/sign-in', headers: { host: 'mirror.example' } });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/en/account/sign-in',
      headers: {
        host: 'mirror.example',
        origin: 'http://mirror.example',
        cookie: page.cookies.map((k) => `${k.name}=${k.value}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ email: member.email, password: member.password, _csrf: token }).toString(),
    });
    assert.equal(res.statusCode, 403);
  });
});
