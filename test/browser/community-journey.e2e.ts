import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import * as repo from '../../src/modules/communities/repository.ts';
import { signIn, user } from '../factories/index.ts';
import { pdf } from '../helpers/files.ts';
import type { Agent } from '../helpers/agent.ts';
import { fits } from './phone.ts';
import { PHONE, startSuite, type Suite } from './setup.ts';

// Joining a community of practice as people do it on a phone (issue 15), in Arabic and in French:
// a teacher finds the community in the list, asks to join (the code of conduct agreed, the
// facilitators' question answered), the facilitator accepts on their own phone, and the new
// member starts a topic, with a file that the form keeps when it comes back with a problem, that
// the facilitator answers, mentioning them; the teacher finds the notice behind the header's bell
// and follows it to the reply. Every page on the way fits the phone.

let suite: Suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

async function phoneOf(a: Agent): Promise<BrowserContext> {
  const context = await suite.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  await context.addCookies([...a.cookies].map(([name, value]) => ({ name, value, url: suite.base })));
  return context;
}

for (const lang of ['ar', 'fr'] as const) {
  test(`a teacher asks to join a community, is accepted and starts a topic, on a phone (${lang})`, async () => {
    const slug = `green-kitchens-${lang}`;
    const facilitatorUser = await user(suite.app, { name: `Facilitatrice ${lang}` });
    const teacherUser = await user(suite.app, { name: `Enseignant ${lang}` });
    const communityId = await repo.createCommunity(
      suite.app.database.db,
      {
        slug,
        theme: 'green-transition',
        joining: 'request',
        visibility: 'members',
        approveFirstPosts: false,
        texts: [
          {
            lang: 'en',
            name: `Green kitchens ${lang}`,
            description: 'Cooks and teachers cut waste.',
            joinQuestion: 'What do you teach?',
            codeOfConduct: 'Be kind.',
          },
          {
            lang: 'fr',
            name: `Cuisines vertes ${lang}`,
            description: 'Cuisiniers et enseignants réduisent le gaspillage.',
            joinQuestion: 'Qu’enseignez-vous ?',
            codeOfConduct: 'Soyez bienveillants.',
          },
          { lang: 'ar', name: `مطابخ خضراء ${lang}`, description: 'طهاة ومعلمون يقللون الهدر.', joinQuestion: 'ماذا تدرّس؟', codeOfConduct: 'كن لطيفًا.' },
        ],
      },
      facilitatorUser.id,
    );
    await repo.putMember(suite.app.database.db, { communityId, userId: facilitatorUser.id, role: 'facilitator', status: 'active' });
    const teacher = await phoneOf(await signIn(suite.app, teacherUser));
    const facilitator = await phoneOf(await signIn(suite.app, facilitatorUser));
    try {
      const page = await teacher.newPage();
      await page.goto(`${suite.base}/${lang}/communities`);
      await fits(page, 'the list of communities');
      await Promise.all([page.waitForURL(new RegExp(`/communities/${slug}$`)), page.click(`a[href="/${lang}/communities/${slug}"]`)]);
      await fits(page, 'the community, before joining');
      await Promise.all([page.waitForURL(/\/join$/), page.click(`a[href="/${lang}/communities/${slug}/join"]`)]);
      await fits(page, 'the form to ask to join');
      // Sent without agreeing: the answer stays, the box is asked for.
      await page.fill('#field-answer', lang === 'ar' ? 'أدرّس فنون الطهي' : 'J’enseigne la cuisine');
      await page.click('main form.form button[type=submit]');
      assert.equal(await page.inputValue('#field-answer'), lang === 'ar' ? 'أدرّس فنون الطهي' : 'J’enseigne la cuisine');
      await fits(page, 'the form with its error');
      await page.check('#field-agree');
      await Promise.all([page.waitForURL(/done=requested/), page.click('main form.form button[type=submit]')]);
      await fits(page, 'the community, the request waiting');

      const f = await facilitator.newPage();
      await f.goto(`${suite.base}/${lang}/communities/${slug}/members`);
      await fits(f, 'the requests to join');
      assert.match((await f.textContent('#requests')) ?? '', lang === 'ar' ? /أدرّس فنون الطهي/ : /J’enseigne la cuisine/);
      await Promise.all([f.waitForURL(/done=accepted/), f.click('#requests button[value="accept"]')]);

      await page.reload();
      await Promise.all([page.waitForURL(/\/topics\/new$/), page.click(`a[href="/${lang}/communities/${slug}/topics/new"]`)]);
      await fits(page, 'the new topic form');
      assert.equal(await page.inputValue('#field-lang'), lang, 'a post is in the page’s language unless the writer says otherwise');
      await page.fill('#field-title', lang === 'ar' ? 'إعادة استخدام بقايا الخبز' : 'Que faire du pain rassis ?');
      // Sent with a file and without text: the text is asked for, the file is kept, ticked, by its name.
      await page.setInputFiles('#field-files', { name: 'recette-chapelure.pdf', mimeType: 'application/pdf', buffer: pdf() });
      await page.click('main form.form button[type=submit]');
      await page.waitForSelector('.error-summary');
      assert.equal(await page.isChecked('#field-keep-0'), true);
      assert.match((await page.textContent('#field-keep')) ?? '', /recette-chapelure\.pdf/);
      await fits(page, 'the new topic form with a file kept');
      await page.fill('#field-body', lang === 'ar' ? 'نصنع منه **فتات الخبز** للمطبخ.' : 'Nous en faisons de la **chapelure** pour la cuisine.');
      await Promise.all([page.waitForURL(/\/topics\/\d+\?done=posted/), page.click('main form.form button[type=submit]')]);
      await fits(page, 'the new topic');
      const topicUrl = page.url().replace(/\?.*$/, '');
      const fileLink = page.locator('.post-files a');
      assert.equal(await fileLink.count(), 1);
      const download = await page.request.get(new URL((await fileLink.getAttribute('href'))!, suite.base).href);
      assert.equal(download.status(), 200);
      assert.equal(download.headers()['content-type'], 'application/pdf');

      await f.goto(topicUrl);
      await f.fill(
        '#field-body',
        lang === 'ar' ? `@${teacherUser.name} فكرة جيدة، ونحن نجففه أيضًا.` : `@${teacherUser.name} Bonne idée : nous le faisons sécher aussi.`,
      );
      await Promise.all([f.waitForURL(/done=replied/), f.click('main form.form button[type=submit]')]);
      // The queue tells the community (the worker does not run in tests).
      await suite.app.jobs.runDue();

      await page.goto(topicUrl);
      assert.equal(await page.locator('.post').count(), 2);
      assert.match((await page.textContent('.posts')) ?? '', lang === 'ar' ? /نجففه/ : /sécher/);
      await fits(page, 'the topic with its reply');
      // The menu holds the notifications, with the number unread.
      await page.click('details.header-menu > summary');
      assert.equal((await page.textContent('.header-notifications .header-count'))?.trim(), '1');
      await Promise.all([page.waitForURL(/\/account\/notifications$/), page.click('.header-notifications a')]);
      await fits(page, 'the notifications');
      const notice = page.locator('.notification-unread a');
      assert.match((await notice.textContent()) ?? '', lang === 'ar' ? /أشار إليك/ : /vous a mentionné/);
      await Promise.all([page.waitForURL(/\/topics\/\d+#post-\d+$/), notice.click()]);
      assert.equal(page.url().replace(/#.*$/, ''), topicUrl);
    } finally {
      await teacher.close();
      await facilitator.close();
    }
  });
}
