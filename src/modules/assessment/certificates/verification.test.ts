import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, signedIn, type CentreAdmin } from '../../../../test/helpers/assessment.ts';
import { hasPoppler, pdfPage } from '../../../../test/helpers/pdf-pages.ts';
import { scanQr } from '../../../../test/helpers/qr.ts';
import { issue, recognisableRound, rulesFields, setRules } from '../../../../test/helpers/recognition.ts';

// A certificate once issued, over HTTP against a real database: its verification page (valid
// until, expired, withdrawn), its PDF and QR code, the centre's public profile, and codes that
// match no certificate.

let t: TestApp;
let platform: Awaited<ReturnType<typeof signedIn>>;
before(async () => {
  t = await testApp();
  platform = await signedIn(t, 'admin');
  // Small rounds earn one here: a group of learners, three statements, a plan.
  await setRules(platform.a, rulesFields({ minDays: '0', minGroups: '1', requiredGroups: ['learners'], minIndicators: '3' }));
});
after(() => t.close());

const medium = (d: Date) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);

/** A centre with a certificate: its administrator, the round's page and the code. */
async function certified(): Promise<{ admin: CentreAdmin; path: string; code: string }> {
  const admin = await centreAdmin(t);
  const r = await recognisableRound(t, admin, { learners: 3 });
  return { admin, path: r.path, code: await issue(admin, r.path) };
}

describe('a certificate once issued', () => {
  test('its page says until when it is valid, then that it expired, and a withdrawn one says when it was withdrawn', async () => {
    const { admin, path, code } = await certified();
    const twoYears = new Date();
    twoYears.setUTCFullYear(twoYears.getUTCFullYear() + 2);
    const page = await t.get(`/en/certificates/${code}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`This certificate is valid until ${medium(twoYears)}\\.`));
    assert.match(page.body, new RegExp(`<dt>Valid until</dt><dd>${medium(twoYears)}</dd>`));
    assert.match(page.body, /3 statements rated by 3 people/);

    // Its validity ends: the page, the round page and the PDF say it expired.
    const ended = new Date(Date.now() - 86_400_000);
    await t.database.db.updateTable('certificates').set({ expires_at: ended.toISOString() }).where('code', '=', code).execute();
    const expired = await t.get(`/en/certificates/${code}`);
    assert.equal(expired.statusCode, 200);
    assert.match(expired.body, new RegExp(`This certificate expired on ${medium(ended)}\\.`));
    assert.doesNotMatch(expired.body, /is valid/);
    assert.match((await admin.a.get(path)).body, /This certificate expired on/);

    // Withdrawn by an administrator: still a page (200), saying so and when.
    const settings = '/en/admin/self-assessment/settings';
    assert.equal((await platform.a.post(`/en/admin/self-assessment/certificates/${code}/withdraw`, {}, settings)).statusCode, 303);
    const withdrawn = await t.get(`/fr/certificates/${code}`);
    assert.equal(withdrawn.statusCode, 200);
    assert.match(
      withdrawn.body,
      new RegExp(`Ce certificat a été retiré le ${new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date())}\\.`),
    );
    assert.match((await admin.a.get(path)).body, /This certificate was withdrawn on/);
    assert.equal((await platform.a.post(`/en/admin/self-assessment/certificates/${code}/withdraw`, {}, settings)).statusCode, 404);
  });

  test(
    'its PDF carries the platform’s name and mark, the centre, the dates, and a QR code that opens its verification page',
    { skip: !hasPoppler && 'pdftoppm is not installed' },
    async () => {
      const { code } = await certified();
      for (const lang of ['en', 'ar'] as const) {
        const pdf = await t.get(`/${lang}/certificates/${code}.pdf`);
        assert.equal(pdf.statusCode, 200);
        assert.equal(pdf.headers['content-type'], 'application/pdf');
        assert.equal(await scanQr(pdfPage(pdf.rawPayload, 1, 150)), `http://localhost:3000/${lang}/certificates/${code}`);
        assert.equal(
          spawnSync('pdfinfo', ['-'], { input: pdf.rawPayload })
            .stdout.toString()
            .match(/^Pages:\s+(\d+)/m)?.[1],
          '1',
          'one page',
        );
      }
      const text = spawnSync('pdftotext', ['-', '-'], { input: (await t.get(`/en/certificates/${code}.pdf`)).rawPayload }).stdout.toString();
      assert.match(text, /Issued by IntVE/);
      assert.match(text, /Assessed Centre \d+, Moldova/);
      assert.match(text, /Issued on .+, valid until /);
      assert.match(text, new RegExp(`Certificate code ${code}`));
      assert.equal((await t.get('/en/certificates/AAAAA-AAAAA.pdf')).statusCode, 404);
    },
  );

  test('the centre’s public profile lists the certificate until the centre hides it', async () => {
    const { admin, path, code } = await certified();
    const profile = `/en/centres/${admin.slug}`;
    const listed = (await t.get(profile)).body;
    assert.match(listed, /<h2 id="recognition">Recognition<\/h2>/);
    assert.match(listed, new RegExp(`<a href="/en/certificates/${code}">Certificate of self-assessment: Spring round</a>`));
    assert.match(listed, /issued on .+, valid until /);

    const round = (await admin.a.get(path)).body;
    assert.match(round, /<input type="checkbox" name="onProfile" value="yes" id="field-onProfile" checked aria-describedby="field-onProfile-hint">/);
    // Someone who does not manage the centre cannot change it.
    const other = await signedIn(t);
    assert.equal((await other.a.post(`${path}/certificate/profile`, {}, '/en/account')).statusCode, 404);
    const hidden = await admin.a.post(`${path}/certificate/profile`, {}, path);
    assert.equal(hidden.statusCode, 303);
    assert.equal(hidden.headers.location, `${path}#recognition`);
    assert.doesNotMatch((await t.get(profile)).body, /Certificate of self-assessment/);
    assert.doesNotMatch((await admin.a.get(path)).body, /id="field-onProfile" checked/);
    // The certificate itself is still there for anyone with its code.
    assert.equal((await t.get(`/en/certificates/${code}`)).statusCode, 200);
    assert.equal((await admin.a.post(`${path}/certificate/profile`, { onProfile: 'yes' }, path)).statusCode, 303);
    assert.match((await t.get(profile)).body, new RegExp(`/en/certificates/${code}`));
    // An expired certificate leaves the profile on its own.
    await t.database.db
      .updateTable('certificates')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('code', '=', code)
      .execute();
    assert.doesNotMatch((await t.get(profile)).body, /Certificate of self-assessment/);
  });

  test('a code that matches no certificate gets a page that says so, with the form to try again', async () => {
    for (const code of ['AAAAA-AAAAA', 'not-a-code']) {
      const page = await t.get(`/en/certificates/${code}`);
      assert.equal(page.statusCode, 404);
      assert.match(page.body, /<h1>No certificate has this code<\/h1>/);
      assert.match(page.body, new RegExp(`We found no certificate with the code “\u2066${code}\u2069”`));
      assert.match(page.body, /<form class="form" action="\/en\/certificates" method="get"/);
      assert.match(page.body, new RegExp(`name="code" type="text" value="${code}"`));
      assert.doesNotMatch(page.body, /Page not found/i);
    }
    const arabic = await t.get('/ar/certificates/AAAAA-AAAAA');
    assert.equal(arabic.statusCode, 404);
    assert.match(arabic.body, /لا توجد شهادة بهذا الرمز/);
    // The lookup form: a known code as typed (lower case, no hyphen) leads to it; an unknown one is an error on the field.
    const { code } = await certified();
    const lookup = await t.get(`/en/certificates?code=${code.replace('-', '').toLowerCase()}`);
    assert.equal(lookup.statusCode, 303);
    assert.equal(lookup.headers.location, `/en/certificates/${code}`);
    const unknown = await t.get('/en/certificates?code=AAAAA-AAAAA');
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /No certificate has this code\. Check it and try again\./);
    assert.equal((await t.get('/fr/certificates')).statusCode, 200);
  });
});
