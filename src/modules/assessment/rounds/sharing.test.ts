import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { lastMail } from '../../../../test/helpers/agent.ts';
import { runJobs, testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, groupLinks, respond, signedIn, startRound } from '../../../../test/helpers/assessment.ts';
import { hasPoppler, pdfPage } from '../../../../test/helpers/pdf-pages.ts';
import { scanQr } from '../../../../test/helpers/qr.ts';
import { addMember } from '../../centres/repository.ts';

// Sharing a round's links: the field to copy, the QR code, the A4 poster per language, and who
// may see them (those who manage the round: the links are the centre's secret).

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

/** How many pages a PDF has, as pdfinfo counts them. */
async function pdfPages(pdf: Buffer): Promise<number> {
  const { spawnSync } = await import('node:child_process');
  return Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', ['-'], { input: pdf }).stdout.toString())?.[1]);
}

/** The text of a PDF, as pdftotext reads it. */
async function pdfText(pdf: Buffer): Promise<string> {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf });
  // pdftotext marks the direction of each run with Unicode's bidi controls: not part of the text.
  return r.stdout.toString().replace(/[\u200e\u200f\u202a-\u202e]/g, '');
}

describe('sharing a group’s link', () => {
  test('the round page shows each group’s link in a field to copy, with a QR code that opens it', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    const page = await admin.a.get(r.path);
    const links = await groupLinks(admin, r.path);
    const link = `http://localhost:3000/en/survey/${links.Learners}`;
    assert.match(page.body, new RegExp(`<input id="link-learners" class="share-link" type="text" value="${link}" readonly`));
    assert.match(page.body, /<label for="link-learners">Link for Learners<\/label>/);
    // The copy button comes with the script; without it the field's text is there to select.
    assert.match(
      page.body,
      /<button type="button" class="button button-secondary copy-button" hidden data-copy="link-learners" data-copied="Copied"[^>]*>Copy link/,
    );
    assert.match(page.body, /<span class="copy-status" role="status"><\/span>/);
    const svg = /<tbody class="round-group">(?:(?!<\/tbody>)[\s\S])*?Learners(?:(?!<\/tbody>)[\s\S])*?(<svg class="qr-code share-qr"[\s\S]*?<\/svg>)/.exec(
      page.body,
    )?.[1];
    assert.ok(svg, 'the learners’ QR code');
    assert.match(svg, /role="img" aria-label="QR code of the link for Learners"/);
    assert.equal(await scanQr(Buffer.from(svg)), link);
    for (const lang of ['en', 'fr', 'ar'])
      assert.ok(
        page.body.includes(`href="/${lang}/account/centres/${admin.slug}/self-assessment/rounds/${r.id}/poster/learners.pdf" hreflang="${lang}"`),
        lang,
      );
  });

  test('the poster is an A4 PDF whose QR code opens the group’s link, with the short address and the answering time', { skip: !hasPoppler }, async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    const links = await groupLinks(admin, r.path);
    const welcome = await t.get(`/en/survey/${links.Learners}`);
    const minutes = /about (\d+) minutes/.exec(welcome.body)?.[1];
    assert.ok(minutes, 'the welcome page says how long');
    for (const lang of ['en', 'ar']) {
      const res = await admin.a.get(`/${lang}/account/centres/${admin.slug}/self-assessment/rounds/${r.id}/poster/learners.pdf`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['cache-control'], 'no-store');
      const pdf = res.rawPayload;
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
      const link = `http://localhost:3000/${lang}/survey/${links.Learners}`;
      assert.equal(await pdfPages(pdf), 1);
      assert.equal(await scanQr(pdfPage(pdf, 1, 100)), link, `${lang} poster's code`);
      const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
      // The short address to type (the round page's, in the poster's language), which leads to the link.
      const short = /id="short-learners" class="share-short" type="text" value="http:\/\/localhost:3000\/en\/s\/([0-9A-Z]{4}-[0-9A-Z]{4})"/.exec(
        (await admin.a.get(r.path)).body,
      )?.[1];
      assert.ok(short, 'the round page’s short address');
      assert.ok(text.replace(/ /g, '').includes(`http://localhost:3000/${lang}/s/${short}`), `${lang} poster shows the short address`);
      assert.equal((await t.get(`/${lang}/s/${short}`)).headers.location, `/${lang}/survey/${links.Learners}`);
      if (lang === 'en') {
        assert.match(text, new RegExp(`About ${minutes} minutes`));
        assert.match(text, /We want to hear from you/);
        assert.match(text, /For: Learners/);
        assert.match(text, /Spring round/);
      }
    }
  });

  test('a poster stays on one page, its code readable, however long the centre’s name and the round’s title', { skip: !hasPoppler }, async () => {
    const admin = await centreAdmin(t);
    const name = 'Centre of Vocational Excellence for Hospitality, Tourism and Gastronomy of the Northern Region';
    await t.database.db.updateTable('centres').set({ name }).where('id', '=', admin.centreId).execute();
    const r = await startRound(admin, { groups: ['teachers', 'learners'], title: 'x'.repeat(60) + ' ' + 'y'.repeat(59) });
    const links = await groupLinks(admin, r.path);
    for (const lang of ['en', 'fr', 'ar']) {
      const pdf = (await admin.a.get(`/${lang}/account/centres/${admin.slug}/self-assessment/rounds/${r.id}/poster/learners.pdf`)).rawPayload;
      assert.equal(await pdfPages(pdf), 1, lang);
      assert.equal(await scanQr(pdfPage(pdf, 1, 100)), `http://localhost:3000/${lang}/survey/${links.Learners}`, lang);
    }
  });

  test('only those who manage the round see its links and posters', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    const poster = `${r.path}/poster/learners.pdf`;
    const member = await signedIn(t);
    await addMember(t.database.db, admin.centreId, member.userId, 'member');
    const seen = await member.a.get(r.path);
    assert.equal(seen.statusCode, 200);
    assert.doesNotMatch(seen.body, /\/survey\/[A-Za-z0-9_-]{43}/);
    assert.doesNotMatch(seen.body, /\/en\/s\/[0-9A-Z]{4}-[0-9A-Z]{4}/, 'nor the short addresses');
    assert.doesNotMatch(seen.body, /qr-code/);
    assert.equal((await member.a.get(poster)).statusCode, 403);
    const stranger = await signedIn(t);
    assert.equal((await stranger.a.get(poster)).statusCode, 404);
    assert.equal((await t.get(poster)).statusCode, 303);
    // A group that is not in the round, or answers by invitation, has no poster.
    assert.equal((await admin.a.get(`${r.path}/poster/companies.pdf`)).statusCode, 404);
    const invited = await startRound(admin, { groups: ['teachers', 'learners'], invited: ['learners'] });
    assert.equal((await admin.a.get(`${invited.path}/poster/learners.pdf`)).statusCode, 404);
  });
});

/** Mail jobs waiting in the queue. */
const queuedMail = async () => (await t.jobs.counts()).filter((c) => c.name === 'mail' && c.state === 'created').reduce((n, c) => n + c.count, 0);

describe('invitation mails', () => {
  const ROUND = {
    groups: ['learners', 'companies'],
    invited: ['companies'],
    indicators: ['programmes-reviewed-with-employers', 'placements-for-all-learners'],
  };

  test('each address gets its mail in its own language, with the centre’s message as plain text, through the queue', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, ROUND);
    await runJobs(t);
    const invitees = 'ana@firm.example fr\nben@firm.example\nchloe@firm.example, ar\nDara@Firm.example en';
    const message = 'Your view <b>matters</b> & helps "our" apprentices.\r\n\r\n\r\n\r\nThank you!';
    const sent = await admin.a.post(`${r.path}/invite`, { inviteGroup: 'companies', invitees, lang: 'en', message }, r.path);
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 2000));
    assert.equal(await queuedMail(), 4, 'four mails wait in the queue; none left inside the request');
    const welcome = await t.get(`/en/survey/${(await groupLinks(admin, r.path)).Learners}`);
    const expected = {
      ana: ['fr', /souhaite connaître votre avis/],
      ben: ['en', /asks for your view/],
      chloe: ['ar', /يطلب رأيك|رأيك/],
      dara: ['en', /asks for your view/],
    } as const;
    for (const [who, [lang, subject]] of Object.entries(expected)) {
      const mail = await lastMail(t, `${who}@firm.example`);
      assert.ok(mail, who);
      assert.match(mail.subject, subject, who);
      assert.match(mail.link!, new RegExp(`^/${lang}/survey/i/[A-Za-z0-9_-]{43}$`), who);
      // Plain text: the message as typed, nothing interpreted, one blank line at most.
      assert.ok(mail.body.includes('Your view <b>matters</b> & helps "our" apprentices.\n\nThank you!'), who);
      // The answering time the person will see on the welcome page of their link.
      const page = await t.get(mail.link!);
      assert.equal(page.statusCode, 200);
      if (lang === 'en') {
        const minutes = /about (\d+) minutes/.exec(page.body)![1];
        assert.match(mail.body, new RegExp(`It takes about ${minutes} minutes\\.`));
      }
    }
    assert.ok(welcome.statusCode === 200);
    const rows = await t.database.db.selectFrom('invitations').select(['email', 'lang']).where('round_id', '=', r.id).orderBy('email').execute();
    assert.deepEqual(
      rows.map((x) => [x.email, x.lang]),
      [
        ['ana@firm.example', 'fr'],
        ['ben@firm.example', 'en'],
        ['chloe@firm.example', 'ar'],
        ['dara@firm.example', 'en'],
      ],
    );
  });

  test('the link mail says the same answering time as the welcome page', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    const link = (await groupLinks(admin, r.path)).Learners!;
    const minutes = /about (\d+) minutes/.exec((await t.get(`/en/survey/${link}`)).body)![1];
    assert.equal((await admin.a.post(`${r.path}/mail`, { group: 'learners', emails: 'eve@school.example' }, r.path)).statusCode, 303);
    assert.match((await lastMail(t, 'eve@school.example'))!.body, new RegExp(`It takes about ${minutes} minutes\\.`));
  });

  test('the open link goes by mail in each address’s language, with the centre’s message', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'] });
    const token = (await groupLinks(admin, r.path)).Learners!;
    const res = await admin.a.post(
      `${r.path}/mail`,
      { group: 'learners', emails: 'fay@school.example ar\ngus@school.example', mailLang: 'fr', mailMessage: 'Merci <i>beaucoup</i> !' },
      r.path,
    );
    assert.equal(res.statusCode, 303);
    const fay = (await lastMail(t, 'fay@school.example'))!;
    assert.equal(fay.link, `/ar/survey/${token}`);
    assert.match(fay.body, /مرحبًا/);
    assert.ok(fay.body.includes('\n\nMerci <i>beaucoup</i> !\n\n'));
    const gus = (await lastMail(t, 'gus@school.example'))!;
    assert.equal(gus.link, `/fr/survey/${token}`);
    assert.match(gus.body, /^Bonjour/);
  });

  test('a language code with no address before it, or an unknown word, is refused with the list kept', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, ROUND);
    const bad = await admin.a.post(`${r.path}/invite`, { inviteGroup: 'companies', invitees: 'fr ana@firm.example', lang: 'en', message: '' }, r.path);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Enter email addresses/);
    assert.match(bad.body, /fr ana@firm\.example/);
    const long = await admin.a.post(
      `${r.path}/invite`,
      { inviteGroup: 'companies', invitees: 'ana@firm.example', lang: 'en', message: 'x'.repeat(1001) },
      r.path,
    );
    assert.equal(long.statusCode, 422);
  });
});

describe('following a round', () => {
  test('each group’s participation shows as figures and a meter towards its target, to every member, with no results', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, {
      groups: ['teachers', 'learners', 'companies'],
      invited: ['companies'],
      indicators: ['programmes-reviewed-with-employers', 'programmes-match-current-practice', 'placements-for-all-learners'],
    });
    await t.database.db.updateTable('round_groups').set({ target: 10 }).where('round_id', '=', r.id).where('grp', '=', 'learners').execute();
    const links = await groupLinks(admin, r.path);
    for (let i = 0; i < 3; i++) await respond(t, links.Learners!, () => '4');
    await respond(t, links.Learners!, () => '4', false);
    await admin.a.post(
      `${r.path}/invite`,
      { inviteGroup: 'companies', invitees: 'a@firm.example b@firm.example c@firm.example d@firm.example', lang: 'en' },
      r.path,
    );
    const member = await signedIn(t);
    await addMember(t.database.db, admin.centreId, member.userId, 'member');
    for (const who of [admin.a, member.a]) {
      const page = (await who.get(r.path)).body;
      assert.match(page, /<th scope="col" class="target">Target<\/th><th scope="col">Progress<\/th>/);
      const row = (name: string) => new RegExp(`<th scope="row">${name} <span class="meta group-way">[^<]*</span></th>([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? '';
      const learners = row('Learners');
      assert.match(learners, /<td>3<\/td>\s*<td class="started">1<\/td>\s*<td class="target">10<\/td>/);
      assert.match(
        learners,
        /<meter class="participation" min="0" max="10" value="3" low="3" optimum="10" aria-label="Learners: 30% of the target \(3 of 10\)"><\/meter>/,
      );
      assert.match(learners, /Minimum reached/);
      const teachers = row('Teachers and trainers');
      assert.match(
        teachers,
        /<td>0<\/td>\s*<td class="started">0<\/td>\s*<td class="target"><span aria-hidden="true">–<\/span><span class="visually-hidden">No target<\/span><\/td>/,
      );
      assert.match(teachers, /\(3 more needed\)/);
      assert.doesNotMatch(teachers, /<meter/);
      const companies = row('Company partners and in-company trainers');
      assert.match(companies, /aria-label="Company partners and in-company trainers: 0% of those invited \(0 of 4\)"/);
    }
  });
});
