import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { centre } from '../../../../test/factories/centres.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, roundFields, signedIn } from '../../../../test/helpers/assessment.ts';
import { certificateRules, setCertificateRules } from '../certificates/rules.ts';
import { indicatorsOf, type FrameworkDocument } from '../framework/document.ts';
import { stakeholderGroups } from '../framework/format.ts';
import { currentVersion, DEFAULT_FRAMEWORK } from '../framework/repository.ts';
import { pagesFor } from '../questionnaire/pages.ts';
import { minutesFor } from '../timing.ts';
import { presetIndicators } from './presets.ts';

// The form that starts a round, as a centre leader uses it: ready-made sets, the running total and
// what the certificate needs, targets per group, dates and answering times; and the ways to it
// from the public pages.

let t: TestApp;
let doc: FrameworkDocument;
before(async () => {
  t = await testApp();
  doc = (await currentVersion(t.database.db, DEFAULT_FRAMEWORK))!.document;
});
after(() => t.close());

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const checked = (body: string) => [...body.matchAll(/name="indicators" value="([a-z0-9-]+)"[^>]* checked/g)].map((m) => m[1]!);
const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the ready-made sets', () => {
  test('the recommended set covers every criterion and has at least the statements the certificate needs', async () => {
    const { minIndicators } = await certificateRules(t.database.db);
    const recommended = new Set(presetIndicators(doc, 'recommended', minIndicators));
    assert.ok(recommended.size >= minIndicators, `${recommended.size} statements, the certificate needs ${minIndicators}`);
    for (const i of indicatorsOf(doc).filter((x) => x.core)) assert.ok(recommended.has(i.id), `${i.id} is core`);
    for (const c of doc.dimensions.flatMap((d) => d.criteria)) assert.ok(c.indicators.filter((i) => recommended.has(i.id)).length >= 2, c.id);
    // A stricter certificate gets a larger recommended set, still within the framework.
    assert.ok(presetIndicators(doc, 'recommended', 80).length >= 80);
  });

  test('each set is a link that reloads the form with its statements ticked', async () => {
    const admin = await centreAdmin(t);
    const base = `/en/account/centres/${admin.slug}/self-assessment/new`;
    const form = await admin.a.get(base);
    for (const p of ['core', 'recommended', 'all']) assert.match(form.body, new RegExp(`href="${base}\\?preset=${p}"`));
    const core = await admin.a.get(`${base}?preset=core`);
    assert.deepEqual(
      checked(core.body),
      indicatorsOf(doc)
        .filter((i) => i.core)
        .map((i) => i.id),
    );
    const all = await admin.a.get(`${base}?preset=all`);
    assert.equal(checked(all.body).length, indicatorsOf(doc).length);
    const recommended = await admin.a.get(`${base}?preset=recommended`);
    assert.deepEqual(checked(recommended.body), presetIndicators(doc, 'recommended', 50));
    assert.deepEqual(checked(form.body), checked(recommended.body));
    assert.equal((await admin.a.get(`${base}?preset=nonsense`)).statusCode, 400);
  });
});

describe('the running total and the certificate', () => {
  test('30 statements say how many more the certificate needs; 50 or more say it is enough', async () => {
    const admin = await centreAdmin(t);
    const base = `/en/account/centres/${admin.slug}/self-assessment`;
    const core = text((await admin.a.get(`${base}/new?preset=core`)).body);
    assert.match(core, /30 statements chosen\. Choose 20 more for the round to be able to lead to the certificate, which needs at least 50\./);
    const recommended = text((await admin.a.get(`${base}/new`)).body);
    assert.match(recommended, /51 statements chosen\. Enough for the certificate, which needs at least 50\./);
    // A form sent back with a problem counts what was ticked.
    const ids = indicatorsOf(doc).map((i) => i.id);
    const bad = await admin.a.post(base, roundFields({ title: '', indicators: ids.slice(0, 55), groups: [...stakeholderGroups] }), `${base}/new`);
    assert.equal(bad.statusCode, 422);
    assert.match(text(bad.body), /55 statements chosen\. Enough for the certificate/);
    // Counters per criterion are right without the script: the first criterion has 5 statements.
    assert.match(text(bad.body), /5 of 5 chosen/);
  });

  test('the total follows the certificate settings', async () => {
    const admin = await centreAdmin(t);
    const before = await certificateRules(t.database.db);
    await setCertificateRules(t.database.db, { ...before, minIndicators: 60 });
    try {
      const page = text((await admin.a.get(`/en/account/centres/${admin.slug}/self-assessment/new`)).body);
      const n = Number(/Recommended \((\d+) statements\), can lead to the certificate/.exec(page)![1]);
      assert.ok(n >= 60, `${n}`);
      assert.match(page, new RegExp(`${n} statements chosen\\. Enough for the certificate, which needs at least 60\\.`));
      const core = text((await admin.a.get(`/en/account/centres/${admin.slug}/self-assessment/new?preset=core`)).body);
      assert.match(core, /Choose 30 more/);
    } finally {
      await setCertificateRules(t.database.db, before);
    }
  });
});

describe('groups, dates, times and targets', () => {
  test('groups come leaders first, each with its answering time; dates are date fields from today for three weeks', async () => {
    const admin = await centreAdmin(t);
    const body = (await admin.a.get(`/en/account/centres/${admin.slug}/self-assessment/new`)).body;
    const order = [...body.matchAll(/name="groups" value="([a-z]+)"/g)].map((m) => m[1]);
    assert.deepEqual(order, ['leaders', 'teachers', 'staff', 'learners', 'companies', 'alumni']);
    assert.match(body, new RegExp(`name="opens" type="date" value="${day(0)}"`));
    assert.match(body, new RegExp(`name="closes" type="date" value="${day(21)}"`));
    const chosen = new Set(presetIndicators(doc, 'recommended', 50));
    for (const g of stakeholderGroups) {
      const pages = pagesFor(doc, chosen, [], g);
      const n = pages.reduce((sum, p) => sum + (p.kind === 'criterion' ? p.indicators.length : 0), 0);
      const shown = new RegExp(`data-estimate="${g}"[^>]*>${n} statements, about ${minutesFor(pages)} minutes<`);
      assert.match(body, shown, g);
    }
  });

  test('targets are kept per group; a wrong one is refused, named, with everything typed kept', async () => {
    const admin = await centreAdmin(t);
    const base = `/en/account/centres/${admin.slug}/self-assessment`;
    const fields = {
      ...roundFields({ title: 'With targets', groups: ['teachers', 'learners'], minGroupSize: '5' }),
      'target-learners': '4',
      'target-teachers': 'many',
    };
    const bad = await admin.a.post(base, fields, `${base}/new`);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /href="#field-target-learners">Enter a whole number of at least 5 for Learners, or leave it empty</);
    assert.match(bad.body, /href="#field-target-teachers">Enter a whole number of at least 5 for Teachers and trainers, or leave it empty</);
    assert.match(bad.body, /id="field-target-learners" name="target-learners" type="number" value="4"/);
    assert.match(bad.body, /value="With targets"/);
    assert.match(bad.body, /name="minGroupSize" type="number" value="5"/);
    // With another problem on the form, both are told at once.
    const both = await admin.a.post(base, { ...fields, title: '' }, `${base}/new`);
    assert.match(both.body, /href="#field-title"/);
    assert.match(both.body, /href="#field-target-learners"/);

    const good = await admin.a.post(base, { ...fields, 'target-learners': '40', 'target-teachers': '', 'target-alumni': 'none' }, `${base}/new`);
    assert.equal(good.statusCode, 303, text(good.body).slice(0, 1500));
    const id = Number(/\/rounds\/(\d+)/.exec(good.headers.location as string)![1]);
    const rows = await t.database.db.selectFrom('round_groups').select(['grp', 'target']).where('round_id', '=', id).orderBy('grp').execute();
    assert.deepEqual(
      rows.map((r) => [r.grp, r.target === null ? null : Number(r.target)]),
      [
        ['learners', 40],
        ['teachers', null],
      ],
    );
  });

  test('the form works without JavaScript: sent as the page gives it, it starts a round of the recommended set', async () => {
    const admin = await centreAdmin(t);
    const base = `/en/account/centres/${admin.slug}/self-assessment`;
    const page = (await admin.a.get(`${base}/new`)).body;
    const fields: Record<string, string | string[]> = {};
    for (const m of page.matchAll(/<input id="field-([a-zA-Z0-9-]+)" name="([^"]+)" type="(?:text|date|number)" value="([^"]*)"/g)) fields[m[2]!] = m[3]!;
    fields.indicators = checked(page);
    fields.groups = [...page.matchAll(/name="groups" value="([a-z]+)" id="[^"]+" checked/g)].map((m) => m[1]!);
    const res = await admin.a.post(base, fields, `${base}/new`);
    assert.equal(res.statusCode, 303, res.body.slice(0, 1000));
    const id = Number(/\/rounds\/(\d+)/.exec(res.headers.location as string)![1]);
    const items = await t.database.db.selectFrom('round_items').select('item').where('round_id', '=', id).execute();
    assert.equal(items.length, 51);
    // The script that keeps counters up to date is the page's own, from /assets.
    assert.match(page, /<script src="\/assets\/round-form\.[a-f0-9]{10}\.js" defer><\/script>/);
    assert.match(page, /class="picker-actions" hidden/);
  });

  test('the form reads in French and Arabic', async () => {
    const admin = await centreAdmin(t);
    for (const lang of ['fr', 'ar']) {
      const res = await admin.a.get(`/${lang}/account/centres/${admin.slug}/self-assessment/new?preset=core`);
      assert.equal(res.statusCode, 200, lang);
    }
  });
});

describe('the way in', () => {
  test('the menu, the home page and the framework page lead to the self-assessment', async () => {
    const home = await t.get('/en');
    assert.match(home.body, /<nav class="primary"[^]*href="\/en\/self-assessment">Self-assessment<\/a>/);
    assert.match(home.body, /Assess your centre with the people who know it/);
    assert.match(home.body, /href="\/en\/account\/self-assessment\/start">Start a self-assessment</);
    assert.match(home.body, /<title>IntVE platform<\/title>/);
    const framework = await t.get('/en/self-assessment/framework');
    assert.match(framework.body, /href="\/en\/account\/self-assessment\/start">Start a self-assessment</);
    assert.match(framework.body, /href="\/en\/self-assessment">How the self-assessment works</);
    const about = await t.get('/en/about');
    assert.match(about.body, /self-assessment/);
    assert.match((await t.get('/sitemap-pages.xml')).body, /<loc>http:\/\/localhost:3000\/fr\/self-assessment<\/loc>/);
    const register = await t.get('/en/account/register');
    assert.doesNotMatch(text(register.body), /soon/);
  });

  test('the self-assessment page tells who answers, anonymity, time, steps and the certificate, in every language', async () => {
    const res = await t.get('/en/self-assessment');
    assert.equal(res.statusCode, 200);
    const page = text(res.body);
    assert.match(page, /Who answers Up to six groups: Leaders and managers, .* and Alumni\./);
    assert.match(page, /centre sees a group.{1,5}s results only once at least 3 of its people have answered/);
    assert.match(page, /With the recommended set of 51 statements, answering takes about \d+ to \d+ minutes/);
    assert.match(page, /A round of at least 50 statements/);
    assert.equal([...res.body.matchAll(/<ol class="steps">[^]*?<\/ol>/g)][0]![0].match(/<li>/g)!.length, 6);
    for (const lang of ['fr', 'ar']) assert.equal((await t.get(`/${lang}/self-assessment`)).statusCode, 200, lang);
  });

  test('"Start a self-assessment" signs in first, then opens the centre\'s form, a choice of centres, or adding a centre', async () => {
    const visitor = await t.get('/en/account/self-assessment/start');
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, '/en/account/sign-in?next=%2Fen%2Faccount%2Fself-assessment%2Fstart');
    const nobody = await signedIn(t);
    const none = await nobody.a.get('/en/account/self-assessment/start');
    assert.equal(none.headers.location, '/en/account/centres/new');
    const admin = await centreAdmin(t);
    const one = await admin.a.get('/en/account/self-assessment/start');
    assert.equal(one.headers.location, `/en/account/centres/${admin.slug}/self-assessment/new`);
    const second = await centre(t, { admin: { id: admin.userId, email: admin.email, name: 'Leader', password: '', role: 'member' }, name: 'Second Centre' });
    const two = await admin.a.get('/fr/account/self-assessment/start');
    assert.equal(two.statusCode, 200);
    assert.match(two.body, new RegExp(`href="/fr/account/centres/${admin.slug}/self-assessment/new"`));
    assert.match(two.body, new RegExp(`href="/fr/account/centres/${second.slug}/self-assessment/new"`));
  });
});
