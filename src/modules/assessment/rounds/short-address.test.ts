import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agent } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, groupLinks, startRound, type CentreAdmin } from '../../../../test/helpers/assessment.ts';
import { sharedSecret } from '../../../platform/secrets/repository.ts';
import type { Mailer } from '../../accounts/mail.ts';
import * as rr from './repository.ts';
import { roundsService } from './service.ts';
import { digest, newSalt, showCode, tokens } from './tokens.ts';

// A group's short address (/{lang}/s/ABCD-EFGH): what the poster and the round page give to type
// by hand. It leads to the group's link, is read forgivingly, changes with the link, leads
// nowhere once the round has closed, and cannot be guessed by trying codes one after another.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

/** Each group's short address on the round page, by group id ("learners"). */
async function shortAddresses(admin: CentreAdmin, path: string): Promise<Record<string, string>> {
  const page = await admin.a.get(path);
  assert.equal(page.statusCode, 200);
  return Object.fromEntries([...page.body.matchAll(/id="short-([a-z-]+)" class="share-short" type="text" value="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** The code of a short address (ABCD-EFGH). */
const codeOf = (address: string): string => /\/s\/([0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(address)?.[1] ?? assert.fail(`no code in ${address}`);

describe('a group’s short address', () => {
  test('the round page shows each open group’s short address, to copy or select, beside its link', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    const page = await admin.a.get(r.path);
    const short = (await shortAddresses(admin, r.path)).learners;
    assert.ok(short, 'the learners’ short address');
    assert.match(short, /^http:\/\/localhost:3000\/en\/s\/[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    assert.match(page.body, /<label for="short-learners">Short address for Learners<\/label>/);
    assert.match(
      page.body,
      /<input id="short-learners" class="share-short" type="text" value="[^"]+" readonly dir="ltr"[^>]*aria-describedby="short-learners-hint">/,
    );
    assert.match(page.body, /<button type="button" class="button button-secondary copy-button" hidden data-copy="short-learners"[^>]*>Copy short address/);
    // Each group has its own.
    assert.notEqual(codeOf(short), codeOf((await shortAddresses(admin, r.path)).teachers!));
  });

  test('the short address leads to the group’s link, in the language of the address', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    const links = await groupLinks(admin, r.path);
    const code = codeOf((await shortAddresses(admin, r.path)).learners!);
    for (const lang of ['en', 'fr', 'ar']) {
      const res = await t.get(`/${lang}/s/${code}`);
      assert.equal(res.statusCode, 303, lang);
      assert.equal(res.headers.location, `/${lang}/survey/${links.Learners}`);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
    }
    const welcome = await t.get(`/en/s/${code}`).then((res) => t.get(res.headers.location as string));
    assert.equal(welcome.statusCode, 200);
    assert.match(welcome.body, /Learners/);
    // Without a language, the browser's is chosen, and the code is looked up there.
    const neutral = await t.get(`/s/${code}`, { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' });
    assert.equal(neutral.statusCode, 303);
    assert.equal(neutral.headers.location, `/fr/s/${code}`);
    // The form of /{lang}/s (the page of an unknown code) sends the code as a query.
    const form = await t.get('/en/s');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<form class="form" action="\/en\/s" method="get"/);
    const typed = await t.get(`/en/s?code=${encodeURIComponent(` ${code.toLowerCase()} `)}`);
    assert.equal(typed.statusCode, 303);
    assert.equal(typed.headers.location, `/en/survey/${links.Learners}`);
  });

  test('a code typed in lower case, without its hyphen, or with O for 0 and I or L for 1 works', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    // A link whose code has a 0 and a 1 in it, made as "Replace this link" makes one.
    const tk = tokens(await sharedSecret(t.database.db, 'assessment'));
    let salt = newSalt();
    while (!/0.*1|1.*0/.test(tk.groupCode(salt))) salt = newSalt();
    await rr.replaceLink(t.database.db, r.id, 'learners', salt, digest(tk.link(salt)), digest(tk.groupCode(salt)));
    const code = showCode(tk.groupCode(salt));
    assert.equal(codeOf((await shortAddresses(admin, r.path)).learners!), code);
    const to = `/en/survey/${tk.link(salt)}`;
    for (const typed of [
      code,
      code.toLowerCase(),
      code.replace('-', ''),
      code.replace(/0/g, 'O').replace(/1/g, 'I'),
      code.replace(/0/g, 'o').replace(/1/g, 'l').replace('-', ' '),
    ]) {
      const res = await t.get(`/en/s/${encodeURIComponent(typed)}`);
      assert.equal(res.statusCode, 303, typed);
      assert.equal(res.headers.location, to, typed);
    }
  });

  test('replacing the link replaces the short address: the old one leads nowhere', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    const old = codeOf((await shortAddresses(admin, r.path)).learners!);
    assert.equal((await admin.a.post(`${r.path}/links`, { group: 'learners' }, r.path)).statusCode, 303);
    const now = codeOf((await shortAddresses(admin, r.path)).learners!);
    assert.notEqual(now, old);
    const links = await groupLinks(admin, r.path);
    assert.equal((await t.get(`/en/s/${now}`)).headers.location, `/en/survey/${links.Learners}`);
    const gone = await t.get(`/en/s/${old}`);
    assert.equal(gone.statusCode, 404);
    assert.match(gone.body, /This code is unknown/);
  });

  test('a closed round’s short address, and a code nobody has, give a page that says the code is unknown, with a form to type it again', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    const code = codeOf((await shortAddresses(admin, r.path)).learners!);
    assert.equal((await admin.a.post(`${r.path}/close`, {}, r.path)).statusCode, 303);
    for (const url of [`/en/s/${code}`, '/en/s/ZZZZ-ZZZZ', '/en/s/not-a-code']) {
      const res = await agent(t).get(url);
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(res.body, /<h1>This code is unknown<\/h1>/);
      assert.match(res.body, /<body class="page-survey">/);
      assert.match(res.body, /<form class="form" action="\/en\/s" method="get" novalidate>/);
      assert.match(res.body, /<input id="field-code" name="code" type="text"/);
    }
    const fr = await agent(t).get(`/fr/s/${code}`);
    assert.match(fr.body, /Ce code est inconnu/);
  });

  test('after 10 unknown codes from one address in 15 minutes, even a right one is refused there, and not from elsewhere', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    const code = codeOf((await shortAddresses(admin, r.path)).learners!);
    const guesser = agent(t, {}, '198.51.100.91');
    // Right codes do not count.
    assert.equal((await guesser.get(`/en/s/${code}`)).statusCode, 303);
    for (let i = 0; i < 10; i++) assert.equal((await guesser.get(`/en/s/ZZZZ-ZZ${String(i).padStart(2, '0')}`)).statusCode, 404, `try ${i + 1}`);
    const limited = await guesser.get(`/en/s/ZZZZ-ZZ99`);
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /Too many codes were tried/);
    assert.equal((await guesser.get(`/en/s/${code}`)).statusCode, 429);
    assert.equal((await agent(t, {}, '198.51.100.92').get(`/en/s/${code}`)).statusCode, 303);
  });

  test('groups made before short addresses get theirs when the server starts', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    const code = codeOf((await shortAddresses(admin, r.path)).learners!);
    await t.database.db.updateTable('round_groups').set({ code_hash: null }).where('round_id', '=', r.id).execute();
    assert.equal((await agent(t).get(`/en/s/${code}`)).statusCode, 404);
    const rounds = roundsService(t.database.db, await sharedSecret(t.database.db, 'assessment'), {} as Mailer, 'http://localhost:3000');
    assert.ok((await rounds.backfillCodes()) >= 2);
    assert.equal((await agent(t).get(`/en/s/${code}`)).statusCode, 303);
    assert.equal(await rounds.backfillCodes(), 0, 'once is enough');
  });
});
