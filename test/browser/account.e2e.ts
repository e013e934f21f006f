import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { user } from '../factories/index.ts';
import { langs } from '../pages/catalogue.ts';
import { startSuite, type Suite } from './setup.ts';

// The account pages as a person uses them: a form sent back with errors, signing in through the
// real form, the account page, and a centre made through its form. (axe and the layout checks
// run on each of these page types in pages.e2e.ts.)

const PASSWORD = 'a quiet harbour lamp 58';

let suite: Suite;

before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

for (const lang of langs) {
  test(`a person fixes the registration form, signs in through the form and creates a centre (${lang})`, async () => {
    const { base } = suite;
    const email = `browser-${lang}@centre.example`;
    await user(suite.app, { email, name: 'Leila Benali', password: PASSWORD, lang });
    const context = await suite.browser.newContext();
    const page = await context.newPage();

    await page.goto(`${base}/${lang}/account/register`);
    await page.fill('#field-name', 'Leila Benali');
    await page.fill('#field-email', 'leila@centre.example');
    await page.fill('#field-password', 'password1');
    await page.click('form.form button[type=submit]');
    assert.equal(await page.locator('.error-summary').count(), 1);
    assert.equal(await page.inputValue('#field-name'), 'Leila Benali', 'the form keeps what was typed');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true, 'focus moves to the summary');

    await page.goto(`${base}/${lang}/account`);
    assert.match(page.url(), /\/account\/sign-in\?next=/);
    await page.fill('#field-email', email);
    await page.fill('#field-password', PASSWORD);
    await page.click('form.form button[type=submit]');
    assert.match(page.url(), new RegExp(`/${lang}/account$`));
    assert.equal(await page.locator('h1').count(), 1);

    // A centre: the form, the management page, the public page.
    await page.goto(`${base}/${lang}/account/centres/new`);
    await page.fill('#field-name', `Centre ${lang.toUpperCase()} Browser`);
    await page.selectOption('#field-country', 'MA');
    await page.fill('#field-city', 'Casablanca');
    await page.check('input[name=type][value=vet-school]');
    await page.check('input[name=published]');
    await page.click('form.form button[type=submit]');
    assert.match(page.url(), /\/account\/centres\/centre-[a-z]+-browser\?done=created$/);
    await page.click('a[href$="-browser"]');
    assert.match(page.url(), /\/centres\/centre-[a-z]+-browser$/);
    assert.equal(await page.locator('h1').innerText(), `Centre ${lang.toUpperCase()} Browser`);
    await context.close();
  });
}
