import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signIn, user, type UserRecord } from '../../../test/factories/index.ts';
import type { Agent } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { findUserById } from '../accounts/repository.ts';
import { communityAdminService } from './admin-service.ts';

// The back office of communities through HTTP, as an administrator uses it, on the test database:
// one form creates and changes a community with its texts per language; the edit page archives it
// and names its facilitators; every change is in the audit log; nobody else gets in.

let t: TestApp;
let admin: Agent;
let facilitator: UserRecord;
const LIST = '/en/admin/communities';
const EDIT = `${LIST}/green-skills`;

const fields = (o: Record<string, string> = {}): Record<string, string> => ({
  slug: 'green-skills',
  theme: 'green-transition',
  joining: 'request',
  visibility: 'public',
  approveFirstPosts: 'yes',
  name_en: 'Green skills',
  description_en: 'Teachers who bring the **green transition** into workshops.',
  joinQuestion_en: 'Which school do you teach at?',
  codeOfConduct_en: 'Be kind.',
  ...o,
});
const create = (o: Record<string, string> = {}) => admin.post(`${LIST}/new`, fields(o));
const audit = () => t.database.db.selectFrom('audit_log').select(['action', 'subject', 'details']).orderBy('id').execute();

before(async () => {
  t = await testApp();
  admin = await signIn(t, await user(t, { name: 'Ana Admin', role: 'admin' }));
  facilitator = await user(t, { email: 'fatima@school.example', name: 'Fatima Facilitator' });
});
after(() => t.close());

describe('the back office of communities', () => {
  test('an administrator creates a community with its French and Arabic texts', async () => {
    const res = await create({ name_fr: 'Compétences vertes', description_fr: 'Des enseignants.', name_ar: 'المهارات الخضراء', description_ar: 'معلمون.' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, `${LIST}/green-skills?done=created`);
    const page = await admin.get(`${LIST}/green-skills?done=created`);
    assert.match(page.body, /The community is created/);
    assert.match(page.body, /<input id="field-name_ar" name="name_ar" type="text" value="المهارات الخضراء" lang="ar" dir="rtl"/);
    assert.match(page.body, /<textarea id="field-description_fr" name="description_fr" lang="fr" dir="ltr"[^>]*>Des enseignants.<\/textarea>/);
    assert.match(page.body, /name="approveFirstPosts" value="yes" id="field-approveFirstPosts" checked/);
    const list = await admin.get(LIST);
    assert.match(list.body, /<a href="\/en\/admin\/communities\/green-skills"><bdi>Green skills<\/bdi><\/a>/);
    assert.match(list.body, /On request/);
    assert.match((await admin.get('/fr/admin/communities')).body, /<bdi>Compétences vertes<\/bdi>/);
    assert.match((await admin.get('/ru/admin/communities')).body, /<bdi lang="en">Green skills<\/bdi>/, 'English where Russian is missing');
    const texts = await t.database.db.selectFrom('community_translations').select('lang').orderBy('lang').execute();
    assert.deepEqual(
      texts.map((x) => x.lang),
      ['ar', 'en', 'fr'],
      'languages without a name are not saved',
    );
  });

  test('an address already taken comes back as a field error, with everything typed kept', async () => {
    const res = await create({ name_en: 'Green skills again', name_uk: 'Зелені навички', description_uk: 'Опис.' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Another community already has this address/);
    assert.match(res.body, /value="Green skills again"/);
    assert.match(res.body, /value="Зелені навички"/);
    assert.match(res.body, />Опис.<\/textarea>/);
  });

  test('without an English name, or with bad values, the form comes back with the values and what to fix', async () => {
    const res = await create({ slug: 'No Good!', name_en: '', theme: 'astrology', joining: 'whenever', name_fr: 'Sans description', description_fr: '' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Enter the community’s name in English/);
    assert.match(res.body, /Use 3 to 60 lower-case letters, digits and hyphens/);
    assert.match(res.body, /Enter a description for this name/);
    assert.match(res.body, /href="#field-theme"/);
    assert.match(res.body, /href="#field-joining"/);
    assert.match(res.body, /value="No Good!"/);
    assert.match(res.body, /value="Sans description"/);
    assert.match(res.body, /Teachers who bring the \*\*green transition\*\* into workshops./);
    const long = await create({ slug: 'long-one', name_en: 'x'.repeat(121) });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /at most 120 characters/);
    assert.equal((await t.database.db.selectFrom('communities').select('id').execute()).length, 1, 'nothing saved');
  });

  test('an administrator changes a community; a language emptied is dropped', async () => {
    const res = await admin.post(
      `${LIST}/green-skills`,
      fields({
        slug: 'ignored',
        visibility: 'members',
        joining: 'open',
        approveFirstPosts: '',
        flagThreshold: '5',
        name_en: 'Green skills for all',
        name_fr: '',
      }),
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const row = await t.database.db.selectFrom('communities').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.flag_threshold, 5);
    assert.equal(row.slug, 'green-skills', 'the address does not change');
    assert.equal(row.visibility, 'members');
    assert.equal(row.joining, 'open');
    assert.equal(row.approve_first_posts, 0);
    const texts = await t.database.db.selectFrom('community_translations').select(['lang', 'name']).orderBy('lang').execute();
    assert.deepEqual(texts, [{ lang: 'en', name: 'Green skills for all' }]);
    const bad = await admin.post(`${LIST}/green-skills`, fields({ name_en: '', description_en: 'Kept text', flagThreshold: '0' }));
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, />Kept text<\/textarea>/);
    assert.match(bad.body, /Enter a whole number from 1 to 50/);
    assert.match(bad.body, /name="flagThreshold" type="number" value="0"|name="flagThreshold"[^>]*value="0"/);
  });

  test('an administrator archives a community and restores it', async () => {
    const archived = await admin.post(`${LIST}/green-skills/archive`, { on: 'yes' }, EDIT);
    assert.equal(archived.statusCode, 303);
    assert.match((await admin.get(`${LIST}/green-skills?done=archived`)).body, /The community is archived/);
    assert.match((await admin.get(LIST)).body, /Archived/);
    assert.ok((await t.database.db.selectFrom('communities').select('archived_at').executeTakeFirstOrThrow()).archived_at);
    assert.equal((await admin.post(`${LIST}/green-skills/archive`, { on: 'no' }, EDIT)).statusCode, 303);
    assert.equal((await t.database.db.selectFrom('communities').select('archived_at').executeTakeFirstOrThrow()).archived_at, null);
    assert.equal((await admin.post(`${LIST}/green-skills/archive`, { on: 'maybe' }, EDIT)).statusCode, 400);
  });

  test('an administrator names a facilitator by the address of their account', async () => {
    const unknown = await admin.post(`${LIST}/green-skills/facilitators`, { email: 'nobody@school.example' }, EDIT);
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /There is no account with this address/);
    assert.match(unknown.body, /value="nobody@school.example"/);
    const res = await admin.post(`${LIST}/green-skills/facilitators`, { email: ' Fatima@School.example ' }, EDIT);
    assert.equal(res.statusCode, 303);
    const page = await admin.get(`${LIST}/green-skills?done=added`);
    assert.match(page.body, /The facilitator is added/);
    assert.match(page.body, /<bdi>Fatima Facilitator<\/bdi>/);
    const m = await t.database.db.selectFrom('community_members').select(['role', 'status']).where('user_id', '=', facilitator.id).executeTakeFirstOrThrow();
    assert.deepEqual(m, { role: 'facilitator', status: 'active' });
  });

  test('a facilitator removed stays an ordinary active member', async () => {
    const res = await admin.post(`${LIST}/green-skills/facilitators/${facilitator.id}/remove`, {}, EDIT);
    assert.equal(res.statusCode, 303);
    assert.match((await admin.get(`${LIST}/green-skills?done=removed`)).body, /No facilitators yet/);
    const m = await t.database.db.selectFrom('community_members').select(['role', 'status']).where('user_id', '=', facilitator.id).executeTakeFirstOrThrow();
    assert.deepEqual(m, { role: 'member', status: 'active' });
    assert.equal((await admin.post(`${LIST}/missing-one/facilitators/${facilitator.id}/remove`, {}, EDIT)).statusCode, 404);
  });

  test('every change is in the audit log, in the reader’s language', async () => {
    assert.deepEqual(
      (await audit()).map((e) => e.action),
      ['community.create', 'community.update', 'community.archive', 'community.restore', 'community.facilitator.add', 'community.facilitator.remove'],
    );
    const log = await admin.get('/en/admin/audit');
    assert.match(log.body, /Named Fatima Facilitator \(fatima@school.example\) facilitator of green-skills/);
    assert.match((await admin.get('/fr/admin/audit')).body, /A créé la communauté green-skills/);
  });

  test('the back office’s dashboard links to communities', async () => {
    assert.match((await admin.get('/en/admin')).body, /<a href="\/en\/admin\/communities">Communities of practice<\/a>/);
  });

  test('editors and members are refused; visitors are sent to sign in', async () => {
    const editor = await signIn(t, await user(t, { role: 'editor' }));
    const member = await signIn(t, await user(t));
    for (const who of [editor, member]) {
      for (const path of [LIST, `${LIST}/new`, `${LIST}/green-skills`]) assert.equal((await who.get(path)).statusCode, 403, path);
      assert.equal((await who.post(`${LIST}/green-skills/archive`, { on: 'yes' }, '/en/account')).statusCode, 403);
      assert.equal((await who.post(`${LIST}/new`, fields({ slug: 'sneaky' }), '/en/account')).statusCode, 403);
    }
    const visitor = await t.app.inject({ method: 'GET', url: LIST });
    assert.equal(visitor.statusCode, 303);
    assert.match(String(visitor.headers.location), /^\/en\/account\/sign-in\?next=/);
    assert.equal((await t.database.db.selectFrom('communities').select('archived_at').executeTakeFirstOrThrow()).archived_at, null);
  });
});

describe('two administrators at the same moment', () => {
  test('creating the same address: one community, and the other is told the address is taken', async () => {
    const office = communityAdminService(t.database.db, { changed: () => Promise.resolve() });
    const actor = (await findUserById(t.database.db, (await user(t, { role: 'admin' })).id))!;
    const input = {
      slug: 'raced-address',
      theme: 'green-transition',
      joining: 'open' as const,
      visibility: 'public' as const,
      approveFirstPosts: false,
      texts: [{ lang: 'en' as const, name: 'Raced', description: 'Two at once.', joinQuestion: null, codeOfConduct: null }],
    };
    const outcomes = await Promise.all([office.create(actor, input), office.create(actor, input)]);
    assert.deepEqual(outcomes.sort(), ['done', 'taken']);
    const rows = await t.database.db.selectFrom('communities').select('id').where('slug', '=', 'raced-address').execute();
    assert.equal(rows.length, 1);
  });
});
