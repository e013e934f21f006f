import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { centre, signIn, user } from '../../test/factories/index.ts';
import { agent, type Agent } from '../../test/helpers/agent.ts';
import { engine, testApp, type TestApp } from '../../test/helpers/app.ts';
import { centreAdmin, respond, groupLinks, startRound } from '../../test/helpers/assessment.ts';
import { pdf } from '../../test/helpers/files.ts';
import { cleanText, hasControlCharacters } from './text-input.ts';

// Control characters in text input (http/text-input.ts): NUL and the other C0 controls (but
// tab, line feed and carriage return), DEL and C1 go before any handler or schema sees them,
// the same on SQLite and PostgreSQL (which refuses NUL in text and answered 500 before).
// Run on both engines: this file uses whichever DATABASE_URL names.

describe('cleaning text', () => {
  test('NUL, other C0 controls, DEL and C1 controls go; tab, line feed and carriage return stay', () => {
    assert.equal(cleanText('a\u0000b\u0001c\u001fd\u007fe\u0085f\u009fg'), 'abcdefg');
    assert.equal(cleanText('line one\r\nline two\ttabbed\n'), 'line one\r\nline two\ttabbed\n');
    assert.equal(cleanText('Chișinău · العربية · 😀'), 'Chișinău · العربية · 😀');
    assert.equal(hasControlCharacters('slug\u0000'), true);
    assert.equal(hasControlCharacters('two\nlines\tand\rreturns'), true, 'an address has no use for line breaks either');
    assert.equal(hasControlCharacters('plain-slug'), false);
  });
});

let t: TestApp;
let editor: Agent;
let admin: Agent;
before(async () => {
  t = await testApp();
  editor = await signIn(t, await user(t, { role: 'editor' }));
  admin = await signIn(t, await user(t, { role: 'admin' }));
});
after(() => t.close());

const NUL = '\u0000';

describe(`text with control characters, on ${engine}`, () => {
  test('searches of the e-library and the site with a NUL answer as if it were not there', async () => {
    for (const path of ['/en/library', '/en/search']) {
      const dirty = await t.get(`${path}?q=apprentice%00ship`);
      assert.equal(dirty.statusCode, 200, `${path}: ${dirty.body.slice(0, 300)}`);
      const clean = await t.get(`${path}?q=apprenticeship`);
      assert.match(dirty.body, /value="apprenticeship"/, path);
      assert.equal(/<main[\s\S]*<\/main>/.exec(dirty.body)?.[0], /<main[\s\S]*<\/main>/.exec(clean.body)?.[0], path);
      assert.equal((await t.get(`${path}?q=%00`)).statusCode, 200, `${path} with only a NUL`);
      assert.equal((await t.get(`${path}?q=%01%02%1b`)).statusCode, 200, `${path} with other controls`);
    }
  });

  test('the back office searches (people, and each kind of content) take a NUL too', async () => {
    const people = await admin.get('/en/admin/people?q=admin%00');
    assert.equal(people.statusCode, 200, people.body.slice(0, 300));
    assert.match(people.body, /value="admin"/);
    for (const kind of ['packages', 'stations', 'resources', 'case-studies', 'spotlight']) {
      const res = await editor.get(`/en/admin/${kind}?q=skill%00s`);
      assert.equal(res.statusCode, 200, `${kind}: ${res.body.slice(0, 300)}`);
    }
  });

  test('a registration name with a NUL is registered without it, and the person gets the confirmation', async () => {
    const email = `nul-${Date.now()}@centre.example`;
    const res = await agent(t).post('/en/account/register', { name: `Amina${NUL} Haddad\u0007`, email, password: 'lantern orchard velvet 42' });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(res.body, /Check your email/);
    const row = await t.database.db.selectFrom('users').select('name').where('email', '=', email).executeTakeFirstOrThrow();
    assert.equal(row.name, 'Amina Haddad');
  });

  test('a sign-in address with a NUL is just a wrong address, not an error', async () => {
    const res = await agent(t).post('/en/account/sign-in', { email: `someone${NUL}@centre.example`, password: 'whatever it may be' });
    assert.equal(res.statusCode, 401, res.body.slice(0, 300));
  });

  test('a centre city and description keep their text and line breaks, without the control characters', async () => {
    const leader = await user(t);
    const c = await centre(t, { admin: leader });
    const a = await signIn(t, leader);
    const res = await a.post(
      `/en/account/centres/${c.slug}/profile`,
      {
        name: `Centre${NUL} of Excellence`,
        country: 'MD',
        city: `Chi${NUL}șinău`,
        website: '',
        type: 'cove',
        description: `First line\u0001\r\nSecond\tline${NUL}`,
        published: 'yes',
      },
      `/en/account/centres/${c.slug}`,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const row = await t.database.db.selectFrom('centres').select(['name', 'city', 'description']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'Centre of Excellence', city: 'Chișinău', description: 'First line\r\nSecond\tline' });
  });

  test('a resource title with a NUL is saved without it', async () => {
    const res = await editor.post(
      '/en/admin/resources',
      { type: 'toolkit', source: `Source${NUL}`, link: '', year: '', title_en: `Mentor${NUL}ing handbook`, description_en: `Text${NUL}.` },
      '/en/admin/resources/new',
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const slug = /\/resources\/([a-z0-9-]+)\?/.exec(res.headers.location as string)![1]!;
    const row = await t.database.db
      .selectFrom('resource_translations')
      .innerJoin('resources', 'resources.id', 'resource_translations.resource_id')
      .select(['resource_translations.title', 'resources.source'])
      .where('resources.slug', '=', slug)
      .where('resource_translations.lang', '=', 'en')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { title: 'Mentoring handbook', source: 'Source' });
  });

  test('a multipart form field (an attachment title) loses its control characters too', async () => {
    const created = await editor.post(
      '/en/admin/resources',
      { type: 'toolkit', source: 'Files', link: '', year: '', title_en: 'Multipart cleaning', description_en: 'Text.' },
      '/en/admin/resources/new',
    );
    const page = (created.headers.location as string).replace(/\?.*$/, '');
    const res = await editor.upload(
      `${page}/attachments`,
      { title: `Annex${NUL} one` },
      { field: 'file', name: 'annex.pdf', type: 'application/pdf', data: pdf() },
      page,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const row = await t.database.db.selectFrom('attachments').select('title').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(row.title, 'Annex one');
  });

  test('a plan action title with a NUL is saved without it', async () => {
    const leader = await centreAdmin(t);
    const r = await startRound(leader, {
      indicators: ['programmes-reviewed-with-employers', 'placements-for-all-learners'],
      groups: ['learners', 'teachers'],
    });
    const links = await groupLinks(leader, r.path);
    for (let i = 0; i < 3; i++) await respond(t, links.Learners!, () => '3');
    const plan = `${r.path}/plan`;
    assert.equal((await leader.a.post(`${plan}/focus`, { focus: ['programme-relevance', 'work-based-learning'] }, plan)).statusCode, 303);
    const res = await leader.a.post(
      `${plan}/actions`,
      {
        criterion: 'work-based-learning',
        source: '',
        title: `Sign${NUL} placement agreements`,
        owner: `Placement${NUL} officer`,
        due: '',
        status: 'planned',
        indicator: '',
        notes: '',
      },
      plan,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.match((await leader.a.get(plan)).body, /Sign placement agreements/);
  });

  test('an address with a control character in it is refused as a bad address', async () => {
    for (const url of ['/en/library/mentoring%00', '/en/centres/x%00y', '/en/packages/1%00', '/files/1/a%00.pdf']) {
      const res = await t.get(url);
      assert.equal(res.statusCode, 400, url);
      assert.match(res.body, /Something in the address is not right/, url);
    }
  });
});
