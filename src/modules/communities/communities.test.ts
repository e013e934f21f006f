import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { centre, community as makeCommunity, communityTexts, signIn, user, type UserRecord } from '../../../test/factories/index.ts';
import { agent, type Agent } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import * as repo from './repository.ts';

// Communities through HTTP, as people use them, on the test database: the joining rules, who
// reads what (a members-only community is unknown to outsiders, the centre of a member included),
// topics and replies with their languages, locking, and what comes back when a form is refused.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const texts = communityTexts;
const community = (slug: string, o: Parameters<typeof makeCommunity>[2] = {}) => makeCommunity(t, slug, o);

/** A CSRF token of the person's session, for a form their page does not show (sent anyway). */
const tokenOf = async (a: Agent) => /name="_csrf" value="([^"]+)"/.exec((await a.get('/en/account')).body)![1]!;

const topicIdOf = (location: unknown) => Number(/\/topics\/(\d+)\?done=posted$/.exec(String(location))![1]);

describe('before any community exists', () => {
  test('the list says so, and points to the directory', async () => {
    const res = await agent(t).get('/en/communities');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /No communities yet/);
    assert.match(res.body, /href="\/en\/centres"/);
  });
});

describe('an open, public community', () => {
  let member: Agent;
  let facilitator: Agent;
  let topic: number;

  before(async () => {
    const f = await user(t, { name: 'Fatima Facilitator' });
    await community('open-wbl', { facilitator: f });
    facilitator = await signIn(t, f);
    member = await signIn(t, await user(t, { name: 'Mira Member' }));
  });

  test('is listed, and read without an account, with its facilitators and a way to join', async () => {
    const list = await agent(t).get('/en/communities');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Community open-wbl/);
    const page = await agent(t).get('/en/communities/open-wbl');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<strong>open-wbl<\/strong>|About <strong>Community open-wbl<\/strong>/);
    assert.match(page.body, /Fatima Facilitator/);
    assert.match(page.body, /href="\/en\/communities\/open-wbl\/join"/);
    assert.doesNotMatch(page.body, /name="_csrf"/, 'no form for someone signed out');
  });

  test('joining asks to sign in first, then makes a member at once', async () => {
    const guest = await agent(t).get('/en/communities/open-wbl/join');
    assert.equal(guest.statusCode, 303);
    assert.match(String(guest.headers.location), /\/en\/account\/sign-in\?next=/);
    const joined = await member.post('/en/communities/open-wbl/join', {}, '/en/communities/open-wbl/join');
    assert.equal(joined.statusCode, 303);
    assert.equal(joined.headers.location, '/en/communities/open-wbl?done=joined');
    const page = await member.get('/en/communities/open-wbl?done=joined');
    assert.match(page.body, /you are now a member/);
    assert.match(page.body, /Start a topic/);
    assert.equal(page.headers['cache-control'], 'no-store', "a signed-in person's page is theirs alone");
  });

  test('a topic starts with its opening post, rendered from Markdown and sanitised', async () => {
    const empty = await member.post('/en/communities/open-wbl/topics', { title: '  ', body: 'Kept text', lang: 'en' }, '/en/communities/open-wbl/topics/new');
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Give the topic a title/);
    assert.match(empty.body, />Kept text<\/textarea>/);
    const res = await member.post(
      '/en/communities/open-wbl/topics',
      { title: 'Tutors in small companies', body: 'How do you **train tutors**?\n\n<script>alert(1)</script>', lang: 'en' },
      '/en/communities/open-wbl/topics/new',
    );
    assert.equal(res.statusCode, 303);
    topic = topicIdOf(res.headers.location);
    const page = await agent(t).get(`/en/communities/open-wbl/topics/${topic}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<strong>train tutors<\/strong>/);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /Mira Member/);
  });

  test('replies carry their language; a reader keeps only the languages they read', async () => {
    const fr = await member.post(
      `/en/communities/open-wbl/topics/${topic}`,
      { body: 'Nous formons les tuteurs en deux jours.', lang: 'fr' },
      `/en/communities/open-wbl/topics/${topic}`,
    );
    assert.equal(fr.statusCode, 303);
    assert.match(String(fr.headers.location), /\?done=replied#post-\d+$/);
    await facilitator.post('/en/communities/open-wbl/join', {}, '/en/communities/open-wbl');
    const ar = await facilitator.post(
      `/en/communities/open-wbl/topics/${topic}`,
      { body: 'نحن ندرّب المرشدين عبر الإنترنت.', lang: 'ar' },
      `/en/communities/open-wbl/topics/${topic}`,
    );
    assert.equal(ar.statusCode, 303);
    const all = await agent(t).get(`/en/communities/open-wbl/topics/${topic}`);
    assert.match(all.body, /<div class="prose" lang="fr">/);
    assert.match(all.body, /<div class="prose" lang="ar" dir="rtl">/);
    assert.match(all.body, /2 replies/);
    const onlyFrench = await agent(t).get(`/en/communities/open-wbl/topics/${topic}?lang=fr`);
    assert.match(onlyFrench.body, /Nous formons/);
    assert.doesNotMatch(onlyFrench.body, /ندرّب/);
    assert.doesNotMatch(onlyFrench.body, /train tutors/);
    const bad = await agent(t).get(`/en/communities/open-wbl/topics/${topic}?lang=xx`);
    assert.equal(bad.statusCode, 400);
  });

  test('its new topics are an Atom feed, with the start of each opening post', async () => {
    const feed = await agent(t).get('/en/communities/open-wbl/feed.xml');
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /^application\/atom\+xml/);
    assert.match(feed.body, /<title>Tutors in small companies<\/title>/);
    assert.match(feed.body, new RegExp(`<link rel="alternate" type="text/html" href="http://[^"]+/en/communities/open-wbl/topics/${topic}"/>`));
    assert.match(feed.body, /How do you train tutors\?/);
    assert.doesNotMatch(feed.body, /<script>/);
    assert.match((await agent(t).get('/en/communities/open-wbl')).body, /href="\/en\/communities\/open-wbl\/feed.xml"/);
  });

  test('an empty or over-long reply comes back with the text and a message', async () => {
    const long = 'x'.repeat(20_001);
    const res = await member.post(`/en/communities/open-wbl/topics/${topic}`, { body: long, lang: 'en' }, `/en/communities/open-wbl/topics/${topic}`);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /The message is too long/);
    assert.ok(res.body.includes(`>${long}</textarea>`));
  });

  test('a facilitator locks a topic; a reply then comes back refused with its text, and a member cannot lock', async () => {
    const notFacilitator = await member.post(`/en/communities/open-wbl/topics/${topic}/lock`, { on: 'yes' }, `/en/communities/open-wbl/topics/${topic}`);
    assert.equal(notFacilitator.statusCode, 404);
    const locked = await facilitator.post(`/en/communities/open-wbl/topics/${topic}/lock`, { on: 'yes' }, `/en/communities/open-wbl/topics/${topic}`);
    assert.equal(locked.statusCode, 303);
    const page = await member.get(`/en/communities/open-wbl/topics/${topic}`);
    assert.match(page.body, /This topic is locked/);
    // A reply that was written before the lock arrives after it.
    const late = await member.postRaw(`/en/communities/open-wbl/topics/${topic}`, { body: 'My late reply', lang: 'en', _csrf: await tokenOf(member) });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /locked before your reply arrived/);
    assert.match(late.body, /My late reply/);
    await facilitator.post(`/en/communities/open-wbl/topics/${topic}/lock`, { on: 'no' }, `/en/communities/open-wbl/topics/${topic}`);
  });

  test('a form without its CSRF token is refused', async () => {
    const res = await member.postRaw(`/en/communities/open-wbl/topics/${topic}`, { body: 'No token', lang: 'en' });
    assert.equal(res.statusCode, 403);
  });

  test('the only facilitator cannot leave; a member can', async () => {
    const stays = await facilitator.post('/en/communities/open-wbl/leave', {}, '/en/communities/open-wbl');
    assert.equal(stays.headers.location, '/en/communities/open-wbl?done=lastFacilitator');
    const left = await member.post('/en/communities/open-wbl/leave', {}, '/en/communities/open-wbl');
    assert.equal(left.headers.location, '/en/communities/open-wbl?done=left');
    const page = await member.get('/en/communities/open-wbl');
    assert.match(page.body, /href="\/en\/communities\/open-wbl\/join"/);
    const refused = await member.postRaw(`/en/communities/open-wbl/topics/${topic}`, { body: 'After leaving', lang: 'en', _csrf: await tokenOf(member) });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /After leaving/);
  });
});

describe('a members-only community that takes requests', () => {
  let facilitator: Agent;
  let applicant: UserRecord;
  let applicantAgent: Agent;
  let colleague: Agent;
  let topic: number;

  before(async () => {
    const f = await user(t, { name: 'Farid Facilitator' });
    await community('closed-green', {
      joining: 'request',
      visibility: 'members',
      facilitator: f,
      texts: texts('Green skills circle', { joinQuestion: 'Which programme would you green first?', codeOfConduct: 'Be **kind**.' }),
    });
    facilitator = await signIn(t, f);
    const c = await centre(t, { name: 'Applicant Centre', members: 1 });
    applicant = c.admin;
    applicantAgent = await signIn(t, applicant);
    // A colleague from the applicant's own centre: the centre is no key to the community.
    colleague = await signIn(t, c.members[0]!);
    const res = await facilitator.post(
      '/en/communities/closed-green/topics',
      { title: 'Solar kits', body: 'Private plans', lang: 'en' },
      '/en/communities/closed-green/topics/new',
    );
    topic = topicIdOf(res.headers.location);
  });

  test('is listed with its name, but its discussions are closed to outsiders, signed in or not', async () => {
    assert.match((await agent(t).get('/en/communities')).body, /Green skills circle/);
    const page = await agent(t).get('/en/communities/closed-green');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Only members can read/);
    assert.doesNotMatch(page.body, /Solar kits/);
    for (const who of [agent(t), colleague]) {
      assert.equal((await who.get(`/en/communities/closed-green/topics/${topic}`)).statusCode, 404);
      assert.equal((await who.get('/en/communities/closed-green/members')).statusCode, who === colleague ? 404 : 303);
    }
  });

  test('asking to join needs the code of conduct agreed and the question answered; the answer is kept', async () => {
    const from = '/en/communities/closed-green/join';
    const noAgree = await applicantAgent.post(from, { answer: 'Our bakery course' }, from);
    assert.equal(noAgree.statusCode, 422);
    assert.match(noAgree.body, /agree to the code of conduct/);
    assert.match(noAgree.body, />Our bakery course<\/textarea>/);
    const noAnswer = await applicantAgent.post(from, { agree: 'yes', answer: ' ' }, from);
    assert.equal(noAnswer.statusCode, 422);
    assert.match(noAnswer.body, /Answer the facilitators/);
    const asked = await applicantAgent.post(from, { agree: 'yes', answer: 'Our bakery course' }, from);
    assert.equal(asked.headers.location, '/en/communities/closed-green?done=requested');
    assert.match((await applicantAgent.get('/en/communities/closed-green')).body, /have not answered yet/);
    assert.equal((await applicantAgent.get(`/en/communities/closed-green/topics/${topic}`)).statusCode, 404, 'a request is not membership');
  });

  test('the facilitator sees the request with its answer and accepts it; the new member reads and writes', async () => {
    const members = await facilitator.get('/en/communities/closed-green/members');
    assert.equal(members.statusCode, 200);
    assert.match(members.body, /Our bakery course/);
    const accepted = await facilitator.post(
      `/en/communities/closed-green/members/${applicant.id}/decide`,
      { decision: 'accept' },
      '/en/communities/closed-green/members',
    );
    assert.equal(accepted.headers.location, '/en/communities/closed-green/members?done=accepted');
    const page = await applicantAgent.get(`/en/communities/closed-green/topics/${topic}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Private plans/);
    const member = await applicantAgent.get('/en/communities/closed-green/members');
    assert.equal(member.statusCode, 200);
    assert.doesNotMatch(member.body, /Our bakery course/, 'answers are for facilitators only');
    assert.match(member.body, /Applicant Centre/, 'members are shown with their centre');
  });

  test('a member who is not a facilitator cannot decide on requests', async () => {
    const other = await user(t);
    await repo.putMember(t.database.db, {
      communityId: (await repo.communityBySlug(t.database.db, 'closed-green'))!.id,
      userId: other.id,
      role: 'member',
      status: 'pending',
    });
    const res = await applicantAgent.postRaw(`/en/communities/closed-green/members/${other.id}/decide`, {
      decision: 'accept',
      _csrf: await tokenOf(applicantAgent),
    });
    assert.equal(res.statusCode, 404);
  });

  test('has no feed: its topics are for its members', async () => {
    assert.equal((await agent(t).get('/en/communities/closed-green/feed.xml')).statusCode, 404);
  });

  test('a platform administrator reads a members-only community', async () => {
    const admin = await signIn(t, await user(t, { role: 'admin' }));
    assert.equal((await admin.get(`/en/communities/closed-green/topics/${topic}`)).statusCode, 200);
  });
});

describe('a community by invitation', () => {
  test('offers no way to join, and refuses a join posted anyway; an invited person joins', async () => {
    const id = await community('invited-only', { joining: 'invitation' });
    const person = await user(t);
    const a = await signIn(t, person);
    const page = await a.get('/en/communities/invited-only');
    assert.match(page.body, /by invitation only/);
    assert.doesNotMatch(page.body, /communities\/invited-only\/join"/);
    const refused = await a.postRaw('/en/communities/invited-only/join', { _csrf: await tokenOf(a) });
    assert.equal(refused.statusCode, 303);
    assert.equal(refused.headers.location, '/en/communities/invited-only');
    assert.equal(await repo.membership(t.database.db, id, person.id), null);
    await repo.putMember(t.database.db, { communityId: id, userId: person.id, role: 'member', status: 'invited' });
    const joined = await a.post('/en/communities/invited-only/join', {}, '/en/communities/invited-only/join');
    assert.equal(joined.headers.location, '/en/communities/invited-only?done=joined');
  });
});

describe('the list of communities', () => {
  test('filters by theme, language and joining rule, in the reader language, with a way out of an empty result', async () => {
    await community('inclusion-fr', {
      theme: 'inclusion',
      joining: 'request',
      texts: [...texts('Inclusion network'), { lang: 'fr', name: 'Réseau inclusion', description: 'Pour tous.', joinQuestion: null, codeOfConduct: null }],
    });
    const fr = await agent(t).get('/fr/communities?language=fr');
    assert.equal(fr.statusCode, 200);
    assert.match(fr.body, /Réseau inclusion/);
    assert.doesNotMatch(fr.body, /Community open-wbl/);
    const byRule = await agent(t).get('/en/communities?joining=request&theme=inclusion');
    assert.match(byRule.body, /Inclusion network/);
    assert.doesNotMatch(byRule.body, /Green skills circle/);
    const none = await agent(t).get('/en/communities?theme=funding');
    assert.match(none.body, /No community matches these filters/);
    assert.equal((await agent(t).get('/en/communities?joining=everyone')).statusCode, 400);
  });

  test('an archived community is not listed, and takes no new members', async () => {
    const id = await community('archived-one');
    await repo.setArchived(t.database.db, id, true);
    assert.doesNotMatch((await agent(t).get('/en/communities')).body, /Community archived-one/);
    const a = await signIn(t, await user(t));
    const page = await a.get('/en/communities/archived-one');
    assert.match(page.body, /This community is archived/);
    assert.equal((await a.get('/en/communities/archived-one/join')).statusCode, 303);
  });
});
