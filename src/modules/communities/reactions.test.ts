import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { centre, community as makeCommunity, signIn, user } from '../../../test/factories/index.ts';
import { agent, type Agent } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';

// "Helpful" and marked answers through HTTP, on the test database (both engines): who may mark
// what, once per person, taken back, counted under the post; the answer marked by the topic's
// author or a facilitator, shown on the topic and in the list, moved or taken back.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const base = (slug: string) => `/en/communities/${slug}`;
async function member(slug: string): Promise<Agent> {
  const a = await signIn(t, await user(t));
  assert.equal((await a.post(`${base(slug)}/join`, {}, `${base(slug)}/join`)).statusCode, 303);
  return a;
}
async function startTopic(a: Agent, slug: string, title: string): Promise<number> {
  const res = await a.post(`${base(slug)}/topics`, { title, body: 'Which logbook do you use?', lang: 'en' }, `${base(slug)}/topics/new`);
  return Number(/\/topics\/(\d+)/.exec(String(res.headers.location))![1]);
}
async function reply(a: Agent, slug: string, topic: number, body: string): Promise<number> {
  assert.equal((await a.post(`${base(slug)}/topics/${topic}`, { body, lang: 'en' })).statusCode, 303);
  return (await t.database.db.selectFrom('community_posts').select('id').where('topic_id', '=', topic).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
}
const helpful = (a: Agent, slug: string, topic: number, post: number, on: 'yes' | 'no') =>
  a.post(`${base(slug)}/posts/${post}/helpful`, { on }, `${base(slug)}/topics/${topic}`);
const markAnswer = (a: Agent, slug: string, topic: number, post: number | '') =>
  a.post(`${base(slug)}/topics/${topic}/answer`, { post: String(post) }, `${base(slug)}/topics/${topic}`);
const helpfulCount = async (post: number) =>
  Number(
    (
      await t.database.db
        .selectFrom('community_helpful')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('post_id', '=', post)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('helpful', () => {
  test('members mark others’ posts helpful once, and take it back; the count shows under the post', async () => {
    await makeCommunity(t, 'helpful');
    const asker = await member('helpful');
    const helper = await member('helpful');
    const readers = [await member('helpful'), await member('helpful')];
    const topic = await startTopic(asker, 'helpful', 'Logbooks');
    const post = await reply(helper, 'helpful', topic, 'We use a paper logbook and a photo a week.');

    const res = await helpful(readers[0]!, 'helpful', topic, post, 'yes');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/en/communities/helpful/topics/${topic}?done=helpful#post-${post}`);
    await helpful(readers[0]!, 'helpful', topic, post, 'yes');
    await helpful(readers[1]!, 'helpful', topic, post, 'yes');
    assert.equal(await helpfulCount(post), 2, 'once a person');
    const page = await agent(t).get(`${base('helpful')}/topics/${topic}`);
    assert.match(page.body, /2 members found this helpful/);
    // The reader who marked it is offered to take it back.
    assert.match((await readers[0]!.get(`${base('helpful')}/topics/${topic}`)).body, /Take back “helpful”/);
    await helpful(readers[0]!, 'helpful', topic, post, 'no');
    assert.equal(await helpfulCount(post), 1);

    // Not one’s own post; not without being a member; not a visitor.
    assert.equal((await helpful(helper, 'helpful', topic, post, 'yes')).statusCode, 404);
    const outsider = await signIn(t, await user(t));
    assert.equal((await outsider.post(`${base('helpful')}/posts/${post}/helpful`, { on: 'yes' }, '/en/account')).statusCode, 404);
    assert.equal((await agent(t).postRaw(`${base('helpful')}/posts/${post}/helpful`, { on: 'yes' })).statusCode, 403);
    assert.equal(await helpfulCount(post), 1);
    assert.doesNotMatch((await helper.get(`${base('helpful')}/topics/${topic}`)).body, new RegExp(`posts/${post}/helpful`), 'no button under one’s own post');
  });
});

describe('marked answers', () => {
  test('the topic’s author marks a reply as the answer; it shows on the topic and in the list; others cannot; facilitators can move it', async () => {
    const facilitatorRecord = await user(t);
    await makeCommunity(t, 'answers', { facilitator: facilitatorRecord });
    const facilitator = await signIn(t, facilitatorRecord);
    const asker = await member('answers');
    const helper = await member('answers');
    const other = await member('answers');
    const topic = await startTopic(asker, 'answers', 'Which logbook?');
    const first = await reply(helper, 'answers', topic, 'A paper one.');
    const second = await reply(other, 'answers', topic, 'An app on the phone.');
    const opening = (await t.database.db.selectFrom('community_posts').select('id').where('topic_id', '=', topic).orderBy('id').executeTakeFirstOrThrow()).id;

    assert.equal((await markAnswer(other, 'answers', topic, second)).statusCode, 404, 'not the topic’s author');
    assert.equal((await markAnswer(asker, 'answers', topic, opening)).statusCode, 404, 'the question is not its own answer');
    const marked = await markAnswer(asker, 'answers', topic, first);
    assert.equal(marked.statusCode, 303);
    assert.equal(marked.headers.location, `/en/communities/answers/topics/${topic}?done=answered#post-${first}`);

    const page = await agent(t).get(`${base('answers')}/topics/${topic}`);
    assert.match(page.body, new RegExp(`<a href="/en/communities/answers/topics/${topic}#post-${first}">Go to the reply marked as the answer</a>`));
    assert.match(page.body, new RegExp(`<li class="post post-answer" id="post-${first}">`));
    assert.match((await agent(t).get(base('answers'))).body, /Which logbook\?<\/bdi><\/a>\s*<strong class="tag tag-success">Answered<\/strong>|Answered/);

    // A facilitator moves it to another reply, then takes it back.
    assert.equal((await markAnswer(facilitator, 'answers', topic, second)).statusCode, 303);
    const row = async () =>
      (await t.database.db.selectFrom('community_topics').select('answer_post_id').where('id', '=', topic).executeTakeFirstOrThrow()).answer_post_id;
    assert.equal(await row(), second);
    assert.equal((await markAnswer(facilitator, 'answers', topic, '')).statusCode, 303);
    assert.equal(await row(), null);
    // A removed reply is no answer.
    assert.equal((await markAnswer(asker, 'answers', topic, first)).statusCode, 303);
    assert.equal((await facilitator.post(`${base('answers')}/posts/${first}/remove`, { reason: 'Off topic.', from: 'topic' })).statusCode, 303);
    assert.equal(await row(), null);
    // A reply of another topic is not this topic's answer.
    const elsewhere = await startTopic(asker, 'answers', 'Elsewhere');
    assert.equal((await markAnswer(asker, 'answers', elsewhere, first)).statusCode, 404);
  });
});

describe('quoting', () => {
  test('“Quote” starts the reply with the post quoted; the reply shows it as a quotation; a post of another topic is not quoted', async () => {
    await makeCommunity(t, 'quotes');
    const asker = await member('quotes');
    const helper = await member('quotes');
    const topic = await startTopic(asker, 'quotes', 'Quoting');
    const post = await reply(helper, 'quotes', topic, 'Line one.\nLine *two*.');
    const page = await asker.get(`${base('quotes')}/topics/${topic}`);
    assert.match(page.body, new RegExp(`href="/en/communities/quotes/topics/${topic}\\?quote=${post}#reply-heading">Quote</a>`));
    const form = await asker.get(`${base('quotes')}/topics/${topic}?quote=${post}`);
    const text = /<textarea[^>]*name="body"[^>]*>([^<]*)<\/textarea>/.exec(form.body)![1]!;
    assert.match(text, /^&gt; \*\*Person \d+:\*\*\n&gt;\n&gt; Line one\.\n&gt; Line \*two\*\.\n\n$/);
    await asker.post(`${base('quotes')}/topics/${topic}`, { body: 'Line one.\n\nThanks!'.replace(/^/, `> **Helper:**\n> Line one.\n\n`), lang: 'en' });
    assert.match((await agent(t).get(`${base('quotes')}/topics/${topic}`)).body, /<blockquote>\s*<p><strong>Helper:<\/strong>/);
    // A post of another topic (or one the reader may not read) starts nothing.
    const other = await startTopic(asker, 'quotes', 'Another');
    const empty = await asker.get(`${base('quotes')}/topics/${other}?quote=${post}`);
    assert.doesNotMatch(/<textarea[^>]*name="body"[^>]*>([^<]*)<\/textarea>/.exec(empty.body)![1]!, /Line one/);
  });
});

describe('cards for links', () => {
  test('a post linking to a package, a station, a resource and a centre shows a card for each, titled in the reader’s language', async () => {
    await makeCommunity(t, 'cards');
    const writer = await member('cards');
    const topic = await startTopic(writer, 'cards', 'Links');
    const place = await centre(t, { name: 'Centre of Cards' });
    const body = [
      'See [package 1](/en/packages/1) and http://localhost:3000/fr/packages/1/stations/1 too.',
      `Also <http://localhost:3000/en/library/digcomp>, [the centre](/en/centres/${place.slug}),`,
      'a draft that is not there (/en/library/no-such-thing), and [elsewhere](https://example.org/en/packages/1).',
    ].join('\n');
    await reply(writer, 'cards', topic, body);
    const page = await agent(t).get(`/fr/communities/cards/topics/${topic}`);
    const cards = [...page.body.matchAll(/<li><a href="([^"]+)"><span class="link-card-kind">([^<]+)<\/span>/g)].map((m) => `${m[2]} ${m[1]}`);
    assert.deepEqual(cards, ['Paquet de connaissances /fr/packages/1', 'Étape /fr/packages/1/stations/1', 'Ressource de la bibliothèque /fr/library/digcomp']);
    // (At most three cards a post: the centre, fourth, has none.)
    await reply(writer, 'cards', topic, `Our partner: /en/centres/${place.slug}`);
    const again = await agent(t).get(`/en/communities/cards/topics/${topic}`);
    assert.match(
      again.body,
      new RegExp(
        `<a href="/en/centres/${place.slug}"><span class="link-card-kind">Centre</span>\\s*<span class="link-card-title" dir="auto">Centre of Cards</span>`,
      ),
    );
  });
});
