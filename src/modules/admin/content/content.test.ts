import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signedInUser } from '../../../../test/factories/index.ts';
import type { Agent } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { readItem } from '../../../content/items.ts';
import { valuesOf } from './form.ts';
import { specs, type EditableKind } from './kinds.ts';

// The back office's editor for packages, stations, case studies, spotlight items and pages,
// through HTTP as an editor uses it, against the real database.

const STATION = 'building-partnerships-within-the-wider-ecosystem'; // package 2, station 1
let t: TestApp;
let editor: Agent;
before(async () => {
  t = await testApp();
  editor = (await signedInUser(t, { email: 'editor@content.example', name: 'Cleo Content', role: 'editor' })).a;
});
after(() => t.close());

/** The form as the edit page fills it for a stored item, changed by `over`. */
async function formOf(kind: EditableKind, slug: string, over: Record<string, string | string[]> = {}) {
  const stored = await readItem(t.database.db, kind, slug);
  assert.ok(stored, `${kind} ${slug}`);
  return { ...valuesOf(specs[kind], stored.item), ...over };
}
const save = (path: string, slug: string, fields: Record<string, string | string[]>) => editor.post(`/en/admin/${path}/${slug}`, fields, `/en/admin/${path}/${slug}`);
const searchFinds = async (lang: string, q: string) => (await t.get(`/${lang}/search?q=${encodeURIComponent(q)}`)).body;

describe('editing stations', () => {
  test('saving the form unchanged changes nothing in the item', async () => {
    const before = await readItem(t.database.db, 'station', STATION);
    const res = await save('stations', STATION, await formOf('station', STATION));
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    assert.deepEqual((await readItem(t.database.db, 'station', STATION))!.item, before!.item);
  });

  test('challenges and action groups keep the order the editor gives them, in every language', async () => {
    const current = (await readItem(t.database.db, 'station', STATION))!.item;
    const [first, second, ...rest] = current.fields.challenges;
    const groups = current.fields.actionGroups;
    const reordered = [groups[1]!, groups[0]!, ...groups.slice(2)];
    const groupsText = reordered.map((g, i) => [g.title, ...g.actions.map((a) => `- ${a}`), ...(i === 0 ? ['- Map the regional employers who train apprentices'] : [])].join('\n')).join('\n\n');
    const res = await save('stations', STATION, await formOf('station', STATION, {
      challenges_en: [second, first, ...rest].join('\n'),
      actionGroups_en: groupsText,
      title_fr: 'Construire des partenariats dans l’écosystème élargi',
    }));
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));

    const saved = (await readItem(t.database.db, 'station', STATION))!.item;
    assert.deepEqual(saved.fields.challenges.slice(0, 2), [second, first]);
    assert.equal(saved.fields.actionGroups[0]!.title, groups[1]!.title);
    assert.equal(saved.fields.actionGroups[0]!.actions.at(-1), 'Map the regional employers who train apprentices');

    const page = (await t.get('/en/packages/2/stations/1')).body;
    assert.ok(page.indexOf(second!) < page.indexOf(first!), 'the public page shows the new order of challenges');
    assert.ok(page.indexOf(groups[1]!.title) < page.indexOf(groups[0]!.title), 'and of action groups');
    assert.match((await t.get('/fr/packages/2/stations/1')).body, /<h1[^>]*>[^<]*Construire des partenariats dans l’écosystème élargi/);
    assert.match(await searchFinds('en', 'regional employers apprentices'), /Map the regional employers who train apprentices/, 'the new action is found at once');
  });

  test('a translation saved before the English changed shows as outdated', async () => {
    const editPage = async () => (await editor.get(`/en/admin/stations/${STATION}`)).body;
    assert.match(await editPage(), /Français<\/span>: up to date/);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const res = await save('stations', STATION, await formOf('station', STATION, { lead_en: 'A new lead for the station, in English only.' }));
    assert.equal(res.statusCode, 303);
    assert.match(await editPage(), /Français<\/span>: outdated/);
    assert.match(await editPage(), /العربية<\/span>: outdated/);
  });

  test('wrong input comes back with every value and a summary of the problems', async () => {
    const res = await save('stations', STATION, await formOf('station', STATION, {
      title_en: 'x'.repeat(301),
      offer_fr: 'Une offre traduite que l’éditeur ne veut pas perdre',
      actionGroups_fr: '- an action before any group',
    }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /href="#field-title_en">Use at most 300 characters/);
    assert.match(res.body, /href="#field-actionGroups_fr">Write a group title/);
    assert.match(res.body, /Une offre traduite que l’éditeur ne veut pas perdre/);
    assert.match(res.body, /<title>Error: /);
  });

  test('a station that a checklist point names cannot be deleted', async () => {
    const res = await editor.post(`/en/admin/stations/${STATION}/delete`, {}, `/en/admin/stations/${STATION}`);
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /A checklist point of this package names this station/);
    assert.equal((await t.get('/en/packages/2/stations/1')).statusCode, 200);
  });
});

describe('case studies from draft to public and back', () => {
  const fields = {
    package: '2',
    country: 'PT',
    sector: '',
    link: '',
    year: '2026',
    centre_en: 'Escola Profissional do Atlântico',
    title_en: 'A shared workshop with the port authority',
    lead_en: 'How a coastal school and its port trained welders together.',
    takeaways_en: 'Share equipment\nPlan placements a year ahead',
    quoteText_en: 'We learnt more in the workshop than in any meeting.',
    quoteSpeaker_en: 'A welding trainer',
    body_en: 'The school and the **port authority** run one workshop.',
    centre_fr: '',
    title_fr: 'Un atelier partagé avec l’autorité portuaire',
    lead_fr: '',
    takeaways_fr: '',
    quoteText_fr: '',
    quoteSpeaker_fr: '',
    body_fr: '',
  };
  const slug = 'a-shared-workshop-with-the-port-authority';

  test('a new case study is a draft: previewed by editors, absent from public pages and search', async () => {
    const res = await editor.post('/en/admin/case-studies', fields, '/en/admin/case-studies/new');
    assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
    assert.equal(res.headers.location, `/en/admin/case-studies/${slug}?done=created`);
    assert.equal((await t.get(`/en/case-studies/${slug}`)).statusCode, 404);
    assert.doesNotMatch((await t.get('/en/case-studies')).body, /port authority/);
    assert.doesNotMatch(await searchFinds('en', 'welders'), /port authority/);
    const preview = await editor.get(`/en/admin/case-studies/${slug}/preview`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<strong>port authority<\/strong>/, 'Markdown is rendered');
    assert.equal((await editor.get(`/fr/admin/case-studies/${slug}/preview`)).body.includes('Un atelier partagé'), true);
    assert.equal((await t.get(`/en/admin/case-studies/${slug}/preview`)).statusCode, 303, 'visitors are sent to sign in');
  });

  test('publishing shows it at once everywhere; unpublishing and deleting take it away', async () => {
    assert.equal((await editor.post(`/en/admin/case-studies/${slug}/publish`, {}, `/en/admin/case-studies/${slug}`)).statusCode, 303);
    assert.equal((await t.get(`/en/case-studies/${slug}`)).statusCode, 200);
    assert.match((await t.get('/en/case-studies')).body, /A shared workshop with the port authority/);
    assert.match((await t.get('/en/packages/2')).body, /A shared workshop with the port authority/);
    assert.match(await searchFinds('en', 'welders'), /port authority/);
    assert.match((await t.get(`/fr/case-studies/${slug}`)).body, /Un atelier partagé avec l’autorité portuaire/);

    assert.equal((await editor.post(`/en/admin/case-studies/${slug}/unpublish`, {}, `/en/admin/case-studies/${slug}`)).statusCode, 303);
    assert.equal((await t.get(`/en/case-studies/${slug}`)).statusCode, 404);
    assert.doesNotMatch(await searchFinds('en', 'welders'), /port authority/);

    assert.equal((await editor.post(`/en/admin/case-studies/${slug}/delete`, {}, `/en/admin/case-studies/${slug}`)).statusCode, 303);
    assert.equal(await readItem(t.database.db, 'case-study', slug), null);
    assert.equal((await editor.get(`/en/admin/case-studies/${slug}`)).statusCode, 404);
  });

  test('a case study’s files are managed on its editor page and listed on its public page', async () => {
    const slug = 'ta-heal';
    const page = `/en/admin/case-studies/${slug}`;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const added = await editor.upload(`${page}/attachments`, { title: 'Partnership agreement template' }, { field: 'file', name: 'agreement.pdf', type: 'application/pdf', data: pdf }, page);
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, `${page}?done=file-added#attachments`);
    const edit = await editor.get(`${page}?done=file-added`);
    assert.match(edit.body, /Partnership agreement template/);
    assert.match(edit.body, /class="notice notice-success" role="status"/);
    const pub = (await t.get(`/en/case-studies/${slug}`)).body;
    const link = /href="(\/files\/\d+\/agreement\.pdf)"/.exec(pub);
    assert.ok(link, 'the public page links the file');
    assert.equal((await t.get(link[1]!)).headers['content-type'], 'application/pdf');

    const bad = await editor.upload(`${page}/attachments`, { title: 'Not really a PDF' }, { field: 'file', name: 'report.pdf', type: 'application/pdf', data: Buffer.from('<html><script>alert(1)</script></html>') }, page);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /href="#field-attachment-file"/);
    assert.match(bad.body, /value="Not really a PDF"/);
    assert.match(bad.body, /id="field-centre_en"/, 'the problem comes back on the case study’s own editor page');
  });

  test('half a quote, a missing centre and a bad link are refused with the values kept', async () => {
    const res = await editor.post('/en/admin/case-studies', { ...fields, centre_en: '', quoteSpeaker_en: '', link: 'javascript:alert(1)' }, '/en/admin/case-studies/new');
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /href="#field-centre_en"/);
    assert.match(res.body, /href="#field-quoteSpeaker_en">A quote needs both/);
    assert.match(res.body, /href="#field-link"/);
    assert.match(res.body, /We learnt more in the workshop than in any meeting\./);
  });
});

describe('revisions of content', () => {
  const SLUG = 'pact-for-skills';
  test('every save keeps a revision with a readable diff, and any revision can be restored', async () => {
    const original = (await readItem(t.database.db, 'spotlight', SLUG))!.item;
    assert.equal((await save('spotlight', SLUG, await formOf('spotlight', SLUG, { title_en: 'Pact for Skills, renewed' }))).statusCode, 303);
    assert.equal((await save('spotlight', SLUG, await formOf('spotlight', SLUG, { linkText_en: 'Join the pact' }))).statusCode, 303);
    const page = await editor.get(`/en/admin/spotlight/${SLUG}/revisions`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<ins>Join the pact<\/ins>/);
    assert.match(page.body, /Pact for <del>skills<\/del><ins>Skills, renewed<\/ins>/);
    assert.match(page.body, /As it was before its first change in the back office/, 'the history starts from the state the files gave');
    const ids = [...page.body.matchAll(/revisions\/(\d+)\/restore/g)].map((m) => Number(m[1]));
    assert.equal(ids.length, 2, 'the newest revision is the current state and has no restore button');
    const firstSave = ids[0]!;
    assert.equal((await editor.post(`/en/admin/spotlight/${SLUG}/revisions/${firstSave}/restore`, {}, `/en/admin/spotlight/${SLUG}/revisions`)).statusCode, 303);
    const restored = (await readItem(t.database.db, 'spotlight', SLUG))!.item;
    assert.equal(restored.fields.title, 'Pact for Skills, renewed');
    assert.equal(restored.fields.linkText, (original).fields.linkText);
    assert.match((await t.get('/en/spotlight')).body, /Pact for Skills, renewed/);
  });

  test('the audit log says who changed what', async () => {
    const admin = await t.database.db.selectFrom('audit_log').select(['action', 'actor_name', 'subject', 'details']).where('action', 'like', 'content.%').execute();
    assert.ok(admin.some((e) => e.action === 'content.restored' && e.actor_name === 'Cleo Content' && (JSON.parse(e.details) as { kind: string }).kind === 'spotlight'));
  });
});

describe('packages and their checklist', () => {
  const SLUG = 'strengthening-private-sector-partnerships';
  test('points can be reordered, added and removed, and the checker follows', async () => {
    const form = await formOf('package', SLUG);
    const count = Number(form.checklist_count);
    const res = await save('package'.replace('package', 'packages'), SLUG, {
      ...form,
      checklist_0_order: String(count + 1),
      [`checklist_${count - 1}_remove`]: 'yes',
      [`checklist_${count}_text_en`]: 'Keep alumni in touch with the centre',
      [`checklist_${count}_text_fr`]: 'Garder le contact avec les anciens apprenants',
      [`checklist_${count}_stations`]: ['1', '3'],
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
    const saved = (await readItem(t.database.db, 'package', SLUG))!.item;
    const ids = saved.fields.checklist.map((c) => c.id);
    assert.equal(ids.length, count, 'one added, one removed');
    assert.equal(ids.at(-1), 'keep-alumni-in-touch-with-the-centre');
    assert.equal(ids.at(-2), (form.checklist_0_id as string), 'the first point moved to the end, before the new one');
    assert.deepEqual(saved.fields.checklist.at(-1)!.stations, [1, 3]);
    const checker = (await t.get('/en/checker')).body;
    assert.match(checker, /Keep alumni in touch with the centre/);
    assert.match((await t.get('/fr/checker')).body, /Garder le contact avec les anciens apprenants/);
    assert.equal((await t.get('/en/checker/result?c=keep-alumni-in-touch-with-the-centre')).statusCode, 200);
  });

  test('an identifier another package uses, and a station the package lacks, are refused', async () => {
    const other = (await readItem(t.database.db, 'package', 'building-skills-ecosystems'))!.item;
    const res = await save('packages', SLUG, await formOf('package', SLUG, { checklist_0_id: other.fields.checklist[0]!.id, checklist_1_stations: ['9'] }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /href="#field-checklist_0_id">Another checklist point already uses this identifier/);
    assert.match(res.body, /href="#field-checklist_1_stations"/);
  });

  test('a package with stations cannot be deleted', async () => {
    const res = await editor.post(`/en/admin/packages/${SLUG}/delete`, {}, `/en/admin/packages/${SLUG}`);
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /still has stations or case studies/);
  });

  test('unpublishing a package hides it, its stations and its case studies', async () => {
    assert.equal((await editor.post(`/en/admin/packages/${SLUG}/unpublish`, {}, `/en/admin/packages/${SLUG}`)).statusCode, 303);
    assert.equal((await t.get('/en/packages/1')).statusCode, 404);
    assert.equal((await t.get('/en/packages/1/stations/1')).statusCode, 404);
    assert.equal((await t.get('/en/case-studies/ta-heal')).statusCode, 404);
    assert.doesNotMatch((await t.get('/sitemap-pages.xml')).body, /\/packages\/1</);
    assert.doesNotMatch(await searchFinds('en', 'Applied Technical School'), /case-studies\/ta-heal/, 'its case studies leave search');
    assert.doesNotMatch(await searchFinds('en', 'private sector partnerships'), /packages\/1\/stations/, 'and so do its stations');
    assert.equal((await editor.get(`/en/admin/packages/${SLUG}/preview`)).statusCode, 200, 'editors still preview it');
    assert.equal((await editor.post(`/en/admin/packages/${SLUG}/publish`, {}, `/en/admin/packages/${SLUG}`)).statusCode, 303);
    assert.equal((await t.get('/en/packages/1')).statusCode, 200);
    assert.match(await searchFinds('en', 'private sector partnerships'), /packages\/1\/stations/, 'publishing brings them back');
  });
});

describe('a new package, from nothing to public', () => {
  test('a package, then its station, then its checklist; both drafts until published', async () => {
    const created = await editor.post('/en/admin/packages', { number: '3', level: 'advanced', title_en: 'Leading regional innovation', subtitle_en: '', body_en: 'For centres that lead.', title_fr: '', subtitle_fr: '', body_fr: '', title_ar: '', subtitle_ar: '', body_ar: '', checklist_count: '0' }, '/en/admin/packages/new');
    assert.equal(created.statusCode, 303, created.body.slice(0, 1500));
    assert.equal(created.headers.location, '/en/admin/packages/leading-regional-innovation?done=created');
    const taken = await editor.post('/en/admin/packages', { number: '3', level: 'advanced', title_en: 'Another third package' }, '/en/admin/packages/new');
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /href="#field-number">A package with this number already exists/);

    const station = await editor.post('/en/admin/stations', { package: '3', title_en: 'Setting up an innovation hub', challenges_en: 'Finding partners\nFunding the hub', actionGroups_en: 'Start\n- Name a hub lead\n- Agree a budget' }, '/en/admin/stations/new');
    assert.equal(station.statusCode, 303, station.body.slice(0, 1500));
    const stored = (await readItem(t.database.db, 'station', 'setting-up-an-innovation-hub'))!;
    assert.deepEqual([stored.item.fields.package, stored.item.fields.position, stored.published], [3, 1, false]);

    const withPoint = await save('packages', 'leading-regional-innovation', await formOf('package', 'leading-regional-innovation', { checklist_0_text_en: 'Run an innovation hub with companies', checklist_0_stations: ['1'] }));
    assert.equal(withPoint.statusCode, 303, withPoint.body.slice(0, 1500));
    assert.equal((await t.get('/en/packages/3')).statusCode, 404, 'a draft package is not public');
    for (const url of ['/en/admin/packages/leading-regional-innovation/publish', '/en/admin/stations/setting-up-an-innovation-hub/publish']) {
      assert.equal((await editor.post(url, {}, url.replace(/\/publish$/, ''))).statusCode, 303);
    }
    assert.match((await t.get('/en/packages/3')).body, /Run an innovation hub with companies/);
    assert.match((await t.get('/en/packages/3/stations/1')).body, /Name a hub lead/);
    assert.match((await t.get('/en/checker')).body, /Run an innovation hub with companies/);
  });
});

describe('lists', () => {
  test('every kind’s list is searched by English title, whatever the case, and says when nothing matches', async () => {
    const all = await editor.get('/en/admin/stations');
    const found = await editor.get('/en/admin/stations?q=PARTNERSHIPS%20WITHIN');
    assert.equal(found.statusCode, 200);
    assert.match(found.body, new RegExp(`href="/en/admin/stations/${STATION}">`));
    // On a page in another language the English titles are marked, with their direction.
    assert.match((await editor.get('/ar/admin/stations')).body, new RegExp(`href="/ar/admin/stations/${STATION}" lang="en" dir="ltr"`));
    const rows = (html: string) => [...html.matchAll(/<tr>\s*<th scope="row"><a href="\/en\/admin\/stations\//g)].length;
    assert.ok(rows(found.body) < rows(all.body), 'only the matching stations');
    assert.match(found.body, /<input id="stations-q" name="q" type="search" value="PARTNERSHIPS WITHIN"/);
    assert.match((await editor.get('/en/admin/case-studies?q=no-such-title-anywhere')).body, /Nothing matched your search/);
  });
});

describe('pages', () => {
  test('the about page is edited in place; pages cannot be created or deleted', async () => {
    const res = await save('pages', 'about', await formOf('page', 'about', { lead_ar: 'منصة لمراكز التعليم والتدريب المهني' }));
    assert.equal(res.statusCode, 303);
    assert.match((await t.get('/ar/about')).body, /منصة لمراكز التعليم والتدريب المهني/);
    assert.equal((await editor.get('/en/admin/pages/new')).statusCode, 404);
    assert.equal((await editor.post('/en/admin/pages/about/delete', {}, '/en/admin/pages/about')).statusCode, 404);
    assert.equal((await editor.get('/en/admin/pages/home/preview')).statusCode, 200);
  });
});

describe('an editor who leaves', () => {
  test('their revisions and audit entries stay, anonymised', async () => {
    const password = 'leaving editor passphrase 31';
    const { a: leaving } = await signedInUser(t, { email: 'leaving@content.example', name: 'Lea Leaving', role: 'editor', password });
    const fields = await formOf('spotlight', 'net-zero-academies', { linkText_en: 'About the academies' });
    assert.equal((await leaving.post('/en/admin/spotlight/net-zero-academies', fields, '/en/admin/spotlight/net-zero-academies')).statusCode, 303);
    assert.equal((await leaving.post('/en/account/delete', { current_password: password }, '/en/account')).statusCode, 200);

    const names = await t.database.db.selectFrom('revisions').select('actor_name').where('kind', '=', 'spotlight').execute();
    assert.ok(!names.some((r) => r.actor_name === 'Lea Leaving'), 'the name is gone from revisions');
    const audit = await t.database.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'content.saved').execute();
    assert.ok(!audit.some((r) => r.actor_name === 'Lea Leaving'), 'and from the audit log');
    const page = await editor.get('/en/admin/spotlight/net-zero-academies/revisions');
    assert.match(page.body, /Saved by a former member/);
    assert.match(page.body, /<ins>About<\/ins> the <del>[^<]+<\/del><ins>academies<\/ins>/, 'the change itself stays');
  });
});
