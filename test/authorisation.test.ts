import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashPassword } from '../src/modules/accounts/passwords.ts';
import { createUser } from '../src/modules/accounts/repository.ts';
import { createCentre } from '../src/modules/centres/repository.ts';
import { agent, type Agent } from './helpers/agent.ts';
import { testApp, type TestApp } from './helpers/app.ts';

// Every protected route against every kind of person: allowed, or refused with the right status
// or redirect. Visitors are sent to sign in (303); signed-in people without access get 403 in the
// back office and 404 for a centre they cannot see (its existence is not revealed); a form posted
// without a valid CSRF token is refused with 403 before anything else.

const PASSWORD = 'authorisation matrix pass 5';
type Persona = 'visitor' | 'member' | 'otherCentreAdmin' | 'centreAdmin' | 'editor' | 'administrator';
const personas: Persona[] = ['visitor', 'member', 'otherCentreAdmin', 'centreAdmin', 'editor', 'administrator'];

let t: TestApp;
const agents = {} as Record<Persona, Agent>;
const ids = {} as Record<Persona, number>;

before(async () => {
  t = await testApp();
  const profile = { country: 'GR', city: 'Athens', website: null, type: 'cove', description: null, eqfLevels: [], languages: [], sectors: [], published: true };
  for (const p of personas) {
    if (p === 'visitor') {
      agents[p] = agent(t);
      continue;
    }
    const role = p === 'editor' ? 'editor' : p === 'administrator' ? 'admin' : 'member';
    ids[p] = await createUser(t.database.db, { email: `${p.toLowerCase()}@matrix.example`, name: p, passwordHash: await hashPassword(PASSWORD), lang: 'en', role, confirmed: true });
    agents[p] = agent(t);
    const res = await agents[p].post('/en/account/sign-in', { email: `${p.toLowerCase()}@matrix.example`, password: PASSWORD });
    assert.equal(res.statusCode, 303, p);
  }
  await createCentre(t.database.db, 'centre-a', { name: 'Centre A', ...profile }, ids.centreAdmin);
  await createCentre(t.database.db, 'centre-b', { name: 'Centre B', ...profile }, ids.otherCentreAdmin);
});
after(() => t.close());

type Expect = Record<Persona, number>;
const row = (visitor: number, member: number, otherCentreAdmin: number, centreAdmin: number, editor: number, administrator: number): Expect => ({
  visitor,
  member,
  otherCentreAdmin,
  centreAdmin,
  editor,
  administrator,
});

const gets: [string, Expect][] = [
  ['/en/account', row(303, 200, 200, 200, 200, 200)],
  ['/en/account/data.json', row(303, 200, 200, 200, 200, 200)],
  ['/en/account/centres/new', row(303, 200, 200, 200, 200, 200)],
  ['/en/account/centres/centre-a', row(303, 404, 404, 200, 404, 200)],
  ['/en/admin', row(303, 403, 403, 403, 200, 200)],
  ['/en/admin/people', row(303, 403, 403, 403, 403, 200)],
  ['/en/admin/outbox', row(303, 403, 403, 403, 403, 200)],
  ['/en/admin/audit', row(303, 403, 403, 403, 403, 200)],
  ['/en/admin/resources', row(303, 403, 403, 403, 200, 200)],
  ['/en/admin/resources/new', row(303, 403, 403, 403, 200, 200)],
];

const posts: [string, Record<string, string>, Expect][] = [
  ['/en/account/centres/centre-a/profile', { name: 'Centre A', country: 'GR', city: 'Athens', type: 'cove', website: '', description: '' }, row(403, 404, 404, 303, 404, 303)],
  ['/en/account/centres/centre-a/invitations', { email: 'new@matrix.example', role: 'member' }, row(403, 404, 404, 303, 404, 303)],
  ['/en/admin/people/{member}/role', { role: 'member' }, row(403, 403, 403, 403, 403, 303)],
  ['/en/admin/resources', { type: 'toolkit', source: 'Matrix', link: '', year: '', title_en: 'Matrix resource', description_en: 'Text.' }, row(403, 403, 403, 403, 303, 303)],
];

describe('authorisation matrix', () => {
  for (const [url, expect] of gets) {
    test(`GET ${url}: ${personas.map((p) => `${p} ${expect[p]}`).join(', ')}`, async () => {
      for (const p of personas) {
        const res = await agents[p].get(url);
        assert.equal(res.statusCode, expect[p], `${p} on ${url}`);
        if (expect[p] === 303 && p === 'visitor') assert.match(res.headers.location as string, /^\/en\/account\/sign-in\?next=/);
        if (expect[p] === 403) assert.match(res.body, /You do not have access/);
      }
    });
  }
  for (const [template, fields, expect] of posts) {
    test(`POST ${template}: ${personas.map((p) => `${p} ${expect[p]}`).join(', ')}`, async () => {
      // Ids exist only once before() has run.
      const url = template.replace('{member}', String(ids.member));
      for (const p of personas) {
        const res = p === 'visitor' ? await agents[p].postRaw(url, fields) : await agents[p].post(url, fields, '/en/account');
        assert.equal(res.statusCode, expect[p], `${p} on ${url}`);
      }
    });
  }
  test('a signed-in person posting without the CSRF token is refused everywhere', async () => {
    for (const [template, fields] of posts) {
      const res = await agents.administrator.postRaw(template.replace('{member}', String(ids.member)), fields);
      assert.equal(res.statusCode, 403, template);
    }
  });
});
