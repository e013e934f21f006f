import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { centre, networkProfile, signIn, user, type CentreRecord } from '../../../../test/factories/index.ts';
import { lastMail, type Agent } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { assertValidHtml } from '../../../../test/pages/html-validate.ts';
import { saveNetworkProfile } from '../../centres/repository.ts';

// The consortium builder through HTTP, as a centre leader and the centres they invite use it, on
// the test database (SQLite, or PostgreSQL with DATABASE_URL): building a consortium that meets
// the CoVE call's rules, invitations answered by the invited centres, who may see what, forms
// that come back with their values, and the exports.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

/** A rule of the checklist on the page: met or not, and its text without tags. */
function rule(body: string, id: string): { met: boolean; text: string } {
  const m = new RegExp(`<li class="rule-(met|missing)" data-rule="${id}">([\\s\\S]*?)</li>\\s*(?=<li class="rule-|</ol>)`).exec(body);
  assert.ok(m, `rule ${id} on the page`);
  return {
    met: m[1] === 'met',
    text: m[2]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  };
}

/** A partner's row in the partners table, as text. */
function row(body: string, name: string): string {
  const r = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).find((x) => x.includes(`<bdi>${name}</bdi>`));
  assert.ok(r, `${name} in the partners table`);
  return r
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the consortium builder', () => {
  let porto: CentreRecord;
  let leader: Agent;
  let path: string;
  const invited: Record<string, CentreRecord> = {};

  before(async () => {
    porto = await centre(t, { name: 'Escola Profissional do Porto', country: 'PT', type: 'vet-school', eqfLevels: [3, 4], members: 1 });
    await saveNetworkProfile(t.database.db, porto.id, networkProfile({ erasmusOid: 'E10000001', euPic: '900000001' }));
    leader = await signIn(t, porto.admin);
    for (const [key, name, country, eqfLevels] of [
      ['valencia', 'Centro Integrado de FP Valencia', 'ES', [4, 5]],
      ['bologna', 'ITS Meccanica Bologna', 'IT', [5, 6]],
      ['tampere', 'Tampere Vocational College', 'FI', [6, 7, 8]],
      ['berlin', 'Berufsschule Berlin', 'DE', [3, 4]],
    ] as const) {
      invited[key] = await centre(t, {
        name,
        country,
        eqfLevels: [...eqfLevels],
        type: 'training-centre',
        admin: await user(t, { lang: key === 'valencia' ? 'fr' : 'en' }),
      });
    }
  });

  test('a leader starts a consortium; each rule not met says what would meet it', async () => {
    const list = `/en/account/centres/${porto.slug}/consortia`;
    assert.match((await leader.get(`/en/account/centres/${porto.slug}`)).body, new RegExp(`href="${list}"`));
    const started = await leader.post(list, {
      title: 'Green skills for ports',
      description: 'Training for the energy transition in port cities.',
      rules: 'cove-2022',
    });
    assert.equal(started.statusCode, 303);
    path = /^(\/en\/account\/centres\/[a-z0-9-]+\/consortia\/\d+)\?done=created/.exec(started.headers.location as string)![1]!;
    const page = await leader.get(`${path}?done=created`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /The consortium is started/);
    assert.match(row(page.body, 'Escola Profissional do Porto'), /VET provider Portugal Coordinator Full partner 3 and 4 OID E10000001 PIC 900000001/);
    assert.match(page.body, /This checklist follows the Erasmus\+ Programme Guide, Centres of Vocational Excellence \(2022 wording\)\..*check the current one/);
    assert.deepEqual(rule(page.body, 'full-partners'), { met: false, text: 'Not met yet At least 8 full partners Add 7 more full partners (you have 1).' });
    assert.match(rule(page.body, 'countries').text, /Add partners from 3 more countries\. So far: Portugal\./);
    assert.match(rule(page.body, 'countries').text, /Find centres in other countries that are open to CoVE consortia/);
    assert.match(rule(page.body, 'eqf-range').text, /EQF levels 5, 6, 7, and 8 are missing/);
    assert.equal(rule(page.body, 'not-only-tertiary').met, true);
    assert.match(rule(page.body, 'vet-and-enterprise-per-country').text, /Portugal: still needs an enterprise or an organisation representing enterprises\./);
    assert.match((await leader.get(list)).body, /Green skills for ports[\s\S]*1 partner · 1 of 5 rules met/);
  });

  test('invited centres do not count until they accept, and their administrators are told by mail', async () => {
    const search = await leader.get(`${path}?q=vocational`);
    assert.match(search.body, /1 centre found/);
    assert.match(search.body, /Tampere Vocational College/);
    for (const key of ['valencia', 'bologna', 'tampere', 'berlin']) {
      const res = await leader.post(`${path}/invitations`, { centre: String(invited[key]!.id), role: 'full', q: '' }, path);
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    }
    const enterprises = [
      { name: 'Porto Logistics SA', country: 'PT', kind: 'company' },
      { name: 'Cámara de Comercio de Valencia', country: 'ES', kind: 'chamber' },
      { name: 'Bologna Automazione Srl', country: 'IT', kind: 'company' },
      { name: 'Finnish Skills Council for Technology', country: 'FI', kind: 'sectoral-skills-council' },
    ];
    for (const e of enterprises) assert.equal((await leader.post(`${path}/partners`, { ...e, role: 'full', pic: '' }, path)).statusCode, 303);
    const page = (await leader.get(path)).body;
    assert.match(row(page, 'Tampere Vocational College'), /VET provider Finland Invited, no answer yet Full partner 6, 7, and 8/);
    assert.match(row(page, 'Porto Logistics SA'), /Company Portugal Outside the platform Full partner/);
    const full = rule(page, 'full-partners');
    assert.equal(full.met, false, 'five count: the coordinator and the outside partners');
    assert.match(full.text, /Add 3 more full partners \(you have 5\)\. Would be met once the invited partners accept\./);
    assert.equal(rule(page, 'eqf-range').met, false);

    const mail = await lastMail(t, invited.valencia!.admin.email);
    assert.ok(mail, 'the invited centre’s administrator is told');
    assert.match(mail.subject, /Escola Profissional do Porto invite votre centre/, 'in the administrator’s language');
    assert.equal(mail.link, `/fr/account/centres/${invited.valencia!.slug}/consortia/${/\d+$/.exec(path)![0]}`);
    assert.doesNotMatch(mail.body, /@/, 'no one’s address');
  });

  test('the invited centres answer on their own pages, and the coordinator sees every answer', async () => {
    const id = /\d+$/.exec(path)![0];
    // Valencia from its list of consortia, the others from the consortium's page under their own address.
    const valencia = await signIn(t, invited.valencia!.admin);
    const ownList = `/en/account/centres/${invited.valencia!.slug}/consortia`;
    assert.match(
      (await valencia.get(ownList)).body,
      /Green skills for ports[\s\S]*Coordinated by Escola Profissional do Porto\. Your centre is invited as a full partner\./,
    );
    const accepted = await valencia.post(`${ownList}/${id}/answer`, { answer: 'accept', from: 'list' }, ownList);
    assert.equal(accepted.headers.location, `${ownList}?done=accepted`);
    for (const key of ['bologna', 'tampere', 'berlin']) {
      const a = await signIn(t, invited[key]!.admin);
      const own = `/en/account/centres/${invited[key]!.slug}/consortia/${id}`;
      const page = await a.get(own);
      assert.equal(page.statusCode, 200);
      await assertValidHtml(page.body, own);
      assert.match(page.body, new RegExp(`Escola Profissional do Porto invites <bdi>|Escola Profissional do Porto invites ${invited[key]!.name}`));
      const res = await a.post(`${own}/answer`, { answer: key === 'berlin' ? 'decline' : 'accept' }, own);
      assert.equal(res.statusCode, 303);
    }
    const page = (await leader.get(path)).body;
    assert.match(row(page, 'Centro Integrado de FP Valencia'), /VET provider Spain Accepted Full partner 4 and 5/);
    assert.match(row(page, 'Berufsschule Berlin'), /VET provider Germany Declined Full partner/);
    for (const id of ['full-partners', 'countries', 'eqf-range', 'not-only-tertiary', 'vet-and-enterprise-per-country'])
      assert.equal(rule(page, id).met, true, `${id}: ${rule(page, id).text}`);
    assert.match(rule(page, 'full-partners').text, /You have 8 full partners\./);
    assert.match(rule(page, 'countries').text, /4 countries: Finland, Italy, Portugal, and Spain\./, 'the declined centre’s country does not count');
    assert.match(page, /5 of 5 rules met/);
  });

  test('a profile shows how many consortia the centre takes part in, only when it chose to, and nothing more', async () => {
    const profile = `/en/centres/${porto.slug}`;
    assert.doesNotMatch((await t.get(profile)).body, /consorti/i, 'not shown without the centre’s choice');
    await saveNetworkProfile(t.database.db, porto.id, networkProfile({ erasmusOid: 'E10000001', euPic: '900000001', showActivity: true }));
    const page = (await t.get(profile)).body;
    assert.match(page, /Takes part in 1 consortium on the platform/);
    assert.doesNotMatch(page, /Green skills for ports/, 'which consortium, and with whom, stays with its members');
    // A centre that declined takes part in nothing.
    await saveNetworkProfile(t.database.db, invited.berlin!.id, networkProfile({ showActivity: true }));
    assert.doesNotMatch((await t.get(`/en/centres/${invited.berlin!.slug}`)).body, /Takes part in/);
  });

  test('the members of the coordinating centre read the consortium; they cannot change it', async () => {
    const member = await signIn(t, porto.members[0]!);
    const page = await member.get(path);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Invite a centre of the platform|Add a partner from outside the platform|>Remove</);
    assert.equal((await member.post(`${path}/partners`, { name: 'Sneaky Ltd', country: 'PT', kind: 'company', role: 'full' }, '/en/account')).statusCode, 404);
  });

  test('a stranger gets 404 on every page and form, and a visitor is sent to sign in', async () => {
    const other = await centre(t, { name: 'Unrelated Centre' });
    const stranger = await signIn(t, other.admin);
    const id = /\d+$/.exec(path)![0];
    const elsewhere = `/en/account/centres/${other.slug}/consortia/${id}`;
    for (const url of [`/en/account/centres/${porto.slug}/consortia`, path, `${path}.csv`, `${path}.pdf`, elsewhere, `${elsewhere}.csv`])
      assert.equal((await stranger.get(url)).statusCode, 404, url);
    const own = `/en/account/centres/${other.slug}/consortia`;
    for (const [url, fields] of [
      [`/en/account/centres/${porto.slug}/consortia`, { title: 'Mine now', rules: 'cove-2022' }],
      [`${path}/invitations`, { centre: String(other.id), role: 'full' }],
      [`${path}/partners`, { name: 'X', country: 'PT', kind: 'company', role: 'full' }],
      [`${path}/partners/1/remove`, {}],
      [`${path}/answer`, { answer: 'accept' }],
      [`${elsewhere}/answer`, { answer: 'accept' }],
      [`${path}/answer`, { answer: 'nonsense' }],
    ] as const)
      assert.equal((await stranger.post(url, fields, own)).statusCode, 404, url);
    // A member (not an administrator) of an invited centre does not see it either.
    const bolognaMember = await user(t);
    const { addMember } = await import('../../centres/repository.ts');
    await addMember(t.database.db, invited.bologna!.id, bolognaMember.id, 'member');
    assert.equal((await (await signIn(t, bolognaMember)).get(`/en/account/centres/${invited.bologna!.slug}/consortia/${id}`)).statusCode, 404);
    assert.equal((await t.get(path)).statusCode, 303);
  });

  test('forms with mistakes come back with the values typed and a message for each (422)', async () => {
    const list = `/en/account/centres/${porto.slug}/consortia`;
    const empty = await leader.post(list, { title: '  ', description: 'Keep this text', rules: 'cove-2022' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /class="error-summary"[\s\S]*href="#field-title">Enter a name for the consortium\./);
    assert.match(empty.body, />Keep this text<\/textarea>/);
    const long = await leader.post(list, { title: 'x'.repeat(161), rules: 'cove-2022' });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /Use at most 160 characters\./);
    assert.match(long.body, new RegExp(`value="${'x'.repeat(161)}"`));
    assert.equal((await leader.post(list, { title: 'Other rules', rules: 'cove-1999' })).statusCode, 422);

    const outside = await leader.post(
      `${path}/partners`,
      { name: 'Acme Training', country: 'XX', kind: 'spaceship', role: 'full', eqf: ['3', '4'], pic: '12345' },
      path,
    );
    assert.equal(outside.statusCode, 422);
    assert.match(
      outside.body,
      /href="#field-country">Choose the country of the organisation\.[\s\S]*href="#field-kind">Choose the kind of organisation\.[\s\S]*href="#field-pic">Enter the PIC as 9 digits/,
    );
    assert.match(outside.body, /name="name" type="text" value="Acme Training"/);
    assert.match(outside.body, /name="pic" type="text" value="12345"/);
    assert.match(outside.body, /name="eqf" value="4" id="[^"]+" checked/);

    const twice = await leader.post(`${path}/invitations`, { centre: String(invited.tampere!.id), role: 'full', q: 'tampere' }, path);
    assert.equal(twice.statusCode, 422);
    assert.match(twice.body, /href="#field-invite">This centre is already in the consortium\./);
    assert.match(twice.body, /value="tampere"/, 'the search comes back');
    const self = await leader.post(`${path}/invitations`, { centre: String(porto.id), role: 'full', q: '' }, path);
    assert.equal(self.statusCode, 422);
    assert.match(self.body, /Your own centre coordinates this consortium/);
    const search = (await leader.get(`${path}?q=PORTO`)).body;
    assert.match(search, /Your centre coordinates this consortium\./, 'the search marks the coordinator and cannot invite it');
    assert.equal((await leader.get(`${path.replace(/\d+$/, 'abc')}`)).statusCode, 400);
    assert.equal((await leader.get(`${path.replace(/\d+$/, '99999999999')}`)).statusCode, 400);
  });

  test('a partner can be removed; the coordinator cannot', async () => {
    const page = (await leader.get(path)).body;
    const removeOf = (name: string) =>
      new RegExp(`action="([^"]+/partners/(\\d+)/remove)"[^>]*>\\s*<input[^>]+>\\s*<button[^>]*aria-label="Remove ${name}"`).exec(page);
    const berlin = removeOf('Berufsschule Berlin');
    assert.ok(berlin);
    assert.equal((await leader.post(berlin[1]!, {}, path)).statusCode, 303);
    assert.doesNotMatch((await leader.get(path)).body, /Berufsschule Berlin/);
    assert.equal(removeOf('Escola Profissional do Porto'), null);
    const coordinatorRow = await t.database.db.selectFrom('consortium_partners').select('id').where('centre_id', '=', porto.id).executeTakeFirstOrThrow();
    assert.equal((await leader.post(`${path}/partners/${coordinatorRow.id}/remove`, {}, path)).statusCode, 404);
  });

  test('the CSV has one row per partner, and a name that looks like a formula stays text', async () => {
    await leader.post(
      `${path}/partners`,
      { name: '=HYPERLINK("http://x.example")', country: 'FI', kind: 'other', role: 'associated', pic: '912 345 678' },
      path,
    );
    const res = await leader.get(`${path}.csv`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], 'Organisation,Country,Country code,Kind of organisation,Role,Status,EQF levels,OID,PIC');
    assert.equal(lines[1], 'Escola Profissional do Porto,Portugal,PT,VET provider,Full partner,Coordinator,3 4,E10000001,900000001');
    assert.ok(lines.includes('Tampere Vocational College,Finland,FI,VET provider,Full partner,Accepted,6 7 8,,'));
    assert.ok(
      lines.includes(`"'=HYPERLINK(""http://x.example"")",Finland,FI,Other organisation,Associated partner,Outside the platform,,,912345678`),
      lines.join('\n'),
    );
    assert.equal(lines.length, 10, 'a heading and nine partners');
  });

  test('the PDF is a PDF, in English and in Arabic', async () => {
    for (const lang of ['en', 'ar']) {
      const res = await leader.get(`${path.replace(/^\/en/, `/${lang}`)}.pdf`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.rawPayload.subarray(0, 4).toString(), '%PDF');
    }
  });
});
