import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signedInUser } from '../../../../test/factories/index.ts';
import type { Agent } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';

// The directory and the network profile, through HTTP as people use them, on the test database
// (SQLite, or PostgreSQL with DATABASE_URL).

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

type Fields = Record<string, string | string[]>;

/** Makes a published centre through the forms and returns its slug. */
async function centreWith(a: Agent, profile: Fields, network: Fields = {}): Promise<string> {
  const made = await a.post(
    '/en/account/centres',
    { country: 'MD', city: 'Chișinău', website: '', type: 'cove', description: '', published: 'yes', ...profile },
    '/en/account/centres/new',
  );
  assert.equal(made.statusCode, 303, made.body.slice(0, 300));
  const slug = /\/account\/centres\/([a-z0-9-]+)\?/.exec(made.headers.location as string)![1]!;
  if (Object.keys(network).length) {
    const saved = await a.post(`/en/account/centres/${slug}/network`, network, `/en/account/centres/${slug}/network`);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
  }
  return slug;
}

const names = (body: string) => [...body.matchAll(/<li class="result centre-card">\s*<h3><a href="[^"]+"><bdi>([^<]+)<\/bdi>/g)].map((m) => m[1]);

describe('the centre directory', () => {
  let tirana: string;
  let lyon: string;
  before(async () => {
    const { a } = await signedInUser(t, { name: 'Elira Hoxha' });
    tirana = await centreWith(
      a,
      {
        name: 'Tirana Hospitality School',
        country: 'AL',
        city: 'Tirana',
        sectors: ['tourism'],
        eqf: ['3', '4'],
        languages: ['sq', 'en'],
        description: 'Cooking and hotel reception.',
      },
      {
        offers: ['learner-mobility'],
        'offers-note-learner-mobility': 'Ten places a year in hotel kitchens',
        seeks: ['joint-qualifications'],
        status: ['accredited'],
      },
    );
    const { a: b } = await signedInUser(t, { name: 'Claire Martin' });
    lyon = await centreWith(
      b,
      { name: 'Lycée des métiers de Lyon', country: 'FR', city: 'Lyon', sectors: ['tourism', 'ict'], eqf: ['4', '5'], languages: ['fr', 'en'] },
      {
        offers: ['joint-qualifications', 'teacher-training'],
        seeks: ['learner-mobility'],
        erasmusOid: 'e1234 5678',
        euPic: '912 345 678',
        status: ['accredited', 'ene'],
      },
    );
    const { a: c } = await signedInUser(t, { name: 'Ion Rusu' });
    await centreWith(c, { name: 'Unlisted Centre Chisinau', published: '', sectors: ['tourism'] }, { offers: ['learner-mobility'] });
  });

  test('lists published centres only, with what each offers and seeks', async () => {
    const res = await t.get('/en/centres');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(names(res.body), ['Lycée des métiers de Lyon', 'Tirana Hospitality School']);
    assert.match(res.body, /Offers: Joint curricula or qualifications and Training for teachers and trainers/);
    assert.match(res.body, /Erasmus\+ accredited/);
  });

  test('filters combine, each with its counts, and the address keeps the state', async () => {
    const res = await t.get('/en/centres?offers=learner-mobility&country=AL');
    assert.deepEqual(names(res.body), ['Tirana Hospitality School']);
    assert.match(res.body, /<p class="result-count" role="status">1 centre<\/p>/);
    // The country filter counts without itself: choosing France too would add one centre.
    assert.match(
      (await t.get('/en/centres?country=AL')).body,
      /value="FR" id="field-country-\d">\s*<label for="field-country-\d">France\s*<span class="count">\(1\)<\/span>/,
    );
    assert.match(res.body, /name="offers" value="learner-mobility"[^>]*checked/);
    const seekers = await t.get('/en/centres?seeks=learner-mobility');
    assert.deepEqual(names(seekers.body), ['Lycée des métiers de Lyon']);
    const both = await t.get('/en/centres?status=accredited&status=ene');
    assert.deepEqual(names(both.body), ['Lycée des métiers de Lyon'], 'status values must all hold');
    const levels = await t.get('/en/centres?eqf=3&language=en');
    assert.deepEqual(names(levels.body), ['Tirana Hospitality School']);
  });

  test('the text search finds names, places, descriptions and notes, and never an unpublished centre', async () => {
    assert.deepEqual(names((await t.get('/en/centres?q=hotel+kitchens')).body), ['Tirana Hospitality School']);
    assert.deepEqual(names((await t.get('/en/centres?q=Lyon')).body), ['Lycée des métiers de Lyon']);
    assert.deepEqual(names((await t.get('/en/centres?q=Unlisted')).body), []);
    const site = await t.get('/en/search?q=Tirana+Hospitality');
    assert.match(site.body, /Tirana Hospitality School/);
    assert.doesNotMatch((await t.get('/en/search?q=Unlisted')).body, /Unlisted Centre/);
  });

  test('nothing found shows ways out', async () => {
    const res = await t.get('/en/centres?q=zzzqqq&country=AL');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /No centre matches all of this/);
    assert.match(res.body, /Remove every filter|href="\/en\/centres\?q=zzzqqq#results"/);
    assert.match(res.body, /href="\/en\/centres">See every centre/);
  });

  test('bad query values get a clear 400, not a stack trace', async () => {
    const res = await t.get('/en/centres?country=france&page=0');
    assert.equal(res.statusCode, 400);
    assert.doesNotMatch(res.body, /at .*\.ts:\d+/);
  });

  test('a profile saved is in the directory at once', async () => {
    const { a } = await signedInUser(t, { name: 'Ana Popa' });
    const slug = await centreWith(a, { name: 'Centrul Nou Balti', city: 'Bălți' });
    assert.deepEqual(names((await t.get('/en/centres?seeks=applied-research')).body), []);
    await a.post(`/en/account/centres/${slug}/network`, { seeks: 'applied-research' }, `/en/account/centres/${slug}/network`);
    assert.deepEqual(names((await t.get('/en/centres?seeks=applied-research')).body), ['Centrul Nou Balti']);
  });

  test('the public profile shows offers with notes, identifiers, and schema.org data', async () => {
    const res = await t.get(`/en/centres/${lyon}`);
    assert.match(res.body, /E12345678/);
    assert.match(res.body, /912345678/);
    assert.match(res.body, /"propertyID":"Erasmus\+ OID","value":"E12345678"/);
    assert.match(res.body, /"knowsLanguage":\["fr","en"\]/);
    const tr = await t.get(`/en/centres/${tirana}`);
    assert.match(tr.body, /Hosting learners on mobility<\/span><span class="note" dir="auto">Ten places a year in hotel kitchens/);
  });

  test('profiles are in the sitemap', async () => {
    const index = await t.get('/sitemap.xml');
    assert.match(index.body, /sitemap-centres-1\.xml/);
    const file = await t.get('/sitemap-centres-1.xml');
    assert.match(file.body, new RegExp(`/en/centres/${tirana}`));
    assert.doesNotMatch(file.body, /unlisted-centre/);
  });
});

describe('the network profile form', () => {
  test('identifiers in the wrong form come back with a message each, and nothing typed is lost', async () => {
    const { a } = await signedInUser(t, { name: 'Mira Petrova' });
    const slug = await centreWith(a, { name: 'Centre for Careful Forms' });
    const res = await a.post(
      `/en/account/centres/${slug}/network`,
      {
        erasmusOid: 'X123',
        euPic: '12345',
        offers: ['learner-mobility'],
        'offers-note-learner-mobility': 'Twelve places',
        'programme-0-sector': 'tourism',
        'programme-1-title': 'Hotel reception',
      },
      `/en/account/centres/${slug}/network`,
    );
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Enter the OID as E followed by 8 digits/);
    assert.match(res.body, /Enter the PIC as 9 digits/);
    assert.match(res.body, /Enter the programme’s title, or clear its sector and level/);
    assert.match(res.body, /href="#field-programme-0-title"/);
    assert.match(res.body, /value="Twelve places"/);
    assert.match(res.body, /value="Hotel reception"/);
    assert.match(res.body, /value="X123"/);
  });

  test('a note over its limit is refused with the limit named', async () => {
    const { a } = await signedInUser(t, { name: 'Jonas Berg' });
    const slug = await centreWith(a, { name: 'Centre with Long Notes' });
    const res = await a.post(
      `/en/account/centres/${slug}/network`,
      { seeks: 'peer-review', 'seeks-note-peer-review': 'x'.repeat(201) },
      `/en/account/centres/${slug}/network`,
    );
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /200/);
  });

  test('programmes and contact roles are saved in order and shown on the profile; no address appears', async () => {
    const { a } = await signedInUser(t, { name: 'Sara Lind' });
    const slug = await centreWith(a, { name: 'Programme Centre', sectors: ['tourism'] });
    const saved = await a.post(
      `/en/account/centres/${slug}/network`,
      {
        'programme-0-title': 'Hotel reception',
        'programme-0-sector': 'tourism',
        'programme-0-eqf': '4',
        'programme-2-title': 'Kitchen assistant',
        contacts: ['international-relations', 'director'],
        'contact-international-relations': 'Sara Lind',
        signals: 'rounds',
      },
      `/en/account/centres/${slug}/network`,
    );
    assert.equal(saved.statusCode, 303);
    const page = await t.get(`/en/centres/${slug}`);
    const reception = page.body.indexOf('Hotel reception');
    assert.ok(reception > 0 && reception < page.body.indexOf('Kitchen assistant'));
    assert.match(page.body, /International relations<\/dt>\s*<dd><bdi>Sara Lind<\/bdi>/);
    assert.match(page.body, /Director<\/dt>\s*<dd>Named on request/);
    assert.doesNotMatch(page.body, /@example/);
    const form = await a.get(`/en/account/centres/${slug}/network`);
    assert.match(form.body, /name="programme-1-title" value="Kitchen assistant"|id="field-programme-1-title"[^>]*value="Kitchen assistant"/);
  });

  test('only the centre’s administrators reach the form; others get a 404', async () => {
    const { a } = await signedInUser(t, { name: 'Owner Person' });
    const slug = await centreWith(a, { name: 'Guarded Centre' });
    const { a: other } = await signedInUser(t, { name: 'Other Person' });
    assert.equal((await other.get(`/en/account/centres/${slug}/network`)).statusCode, 404);
    const page = await other.get('/en/account/centres/new');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await other.postRaw(`/en/account/centres/${slug}/network`, { _csrf: token, offers: 'peer-review' });
    assert.equal(res.statusCode, 404);
    assert.equal((await t.get(`/en/account/centres/${slug}/network`)).statusCode, 303);
  });
});
