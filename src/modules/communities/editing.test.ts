import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { community as makeCommunity, signIn, user } from '../../../test/factories/index.ts';
import type { UserRecord } from '../../../test/factories/people.ts';
import { agent, type Agent } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { MAX_POST } from './lists.ts';

// Edits and their history through HTTP, on the test database (both engines): who may edit what,
// the title of a topic with its opening post, the earlier texts kept and shown to whoever may
// read the post, an edit that would overwrite another one refused with the editor's text kept,
// bad input answered with the values, and the site search following the new text.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const base = (slug: string) => `/en/communities/${slug}`;
async function member(slug: string, name: string, o: { facilitator?: boolean } = {}): Promise<{ person: UserRecord; a: Agent }> {
  const person = await user(t, { name });
  const a = await signIn(t, person);
  if (o.facilitator) {
    const c = await t.database.db.selectFrom('communities').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('community_members')
      .values({ community_id: c.id, user_id: person.id, role: 'facilitator', status: 'active', created_at: new Date().toISOString() })
      .execute();
  } else assert.equal((await a.post(`${base(slug)}/join`, {}, `${base(slug)}/join`)).statusCode, 303);
  return { person, a };
}
async function startTopic(a: Agent, slug: string, title: string, body: string): Promise<number> {
  const res = await a.post(`${base(slug)}/topics`, { title, body, lang: 'en' }, `${base(slug)}/topics/new`);
  assert.equal(res.statusCode, 303);
  return Number(/\/topics\/(\d+)/.exec(String(res.headers.location))![1]);
}
async function reply(a: Agent, slug: string, topic: number, body: string): Promise<number> {
  assert.equal((await a.post(`${base(slug)}/topics/${topic}`, { body, lang: 'en' })).statusCode, 303);
  const row = await t.database.db.selectFrom('community_posts').select('id').where('topic_id', '=', topic).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return row.id;
}
const postRow = (id: number) =>
  t.database.db.selectFrom('community_posts').select(['body', 'lang', 'edited_at']).where('id', '=', id).executeTakeFirstOrThrow();
const edit = (a: Agent, slug: string, post: number, fields: Record<string, string>) =>
  a.post(`${base(slug)}/posts/${post}/edit`, fields, `${base(slug)}/posts/${post}/edit`);

describe('editing a post', () => {
  test('its author edits it; readers see that it was edited and every earlier text', async () => {
    await makeCommunity(t, 'edits');
    const author = await member('edits', 'Eda Author');
    const topic = await startTopic(author.a, 'edits', 'Mentor training', 'How do you train mentors?');
    const post = await reply(author.a, 'edits', topic, 'We use a two-day cuorse.');

    const form = await author.a.get(`${base('edits')}/posts/${post}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /We use a two-day cuorse\./);
    assert.doesNotMatch(form.body, /name="title"/, 'a reply has no title');

    const saved = await edit(author.a, 'edits', post, { body: 'We use a two-day course with a **logbook**.', lang: 'en' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/en/communities/edits/topics/${topic}?done=edited#post-${post}`);
    const row = await postRow(post);
    assert.equal(row.body, 'We use a two-day course with a **logbook**.');
    assert.ok(row.edited_at);

    const page = await agent(t).get(`${base('edits')}/topics/${topic}`);
    assert.match(page.body, /<strong>logbook<\/strong>/);
    assert.match(page.body, new RegExp(`<a href="/en/communities/edits/posts/${post}/history">edited</a>`));
    assert.doesNotMatch(page.body, new RegExp(`/posts/${post}/edit`), 'no edit link for a visitor');
    assert.match((await author.a.get(`${base('edits')}/topics/${topic}`)).body, new RegExp(`href="/en/communities/edits/posts/${post}/edit">Edit</a>`));

    // A second edit: the history lists the text now, then both earlier ones, the newest first.
    const again = await edit(author.a, 'edits', post, { body: 'A two-day course, a logbook, and a visit.', lang: 'en', seen: row.edited_at });
    assert.equal(again.statusCode, 303);
    const history = await agent(t).get(`${base('edits')}/posts/${post}/history`);
    assert.equal(history.statusCode, 200);
    const order = ['A two-day course, a logbook, and a visit.', 'We use a two-day course with a', 'We use a two-day cuorse.'].map((x) =>
      history.body.indexOf(x),
    );
    assert.ok(order.every((i) => i > 0) && order[0]! < order[1]! && order[1]! < order[2]!, `history in order: ${order.join(', ')}`);
    assert.match(history.body, /Changed by <bdi>Eda Author<\/bdi>/);

    // The site search finds the new words.
    const found = await t.get(`/en/search?q=${encodeURIComponent('logbook visit')}`);
    assert.match(found.body, /Mentor training/);
  });

  test('the opening post carries the topic’s title; a title and a text are needed; too long is refused with the values kept', async () => {
    await makeCommunity(t, 'edit-titles');
    const author = await member('edit-titles', 'Tito Title');
    const topic = await startTopic(author.a, 'edit-titles', 'Sollar panels', 'Who teaches solar installation?');
    const opening = (await t.database.db.selectFrom('community_posts').select('id').where('topic_id', '=', topic).executeTakeFirstOrThrow()).id;
    assert.match((await author.a.get(`${base('edit-titles')}/posts/${opening}/edit`)).body, /name="title"[^>]*value="Sollar panels"/);

    const empty = await edit(author.a, 'edit-titles', opening, { title: '', body: 'Still here', lang: 'en' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Still here/);
    const long = await edit(author.a, 'edit-titles', opening, { title: 'Solar panels', body: 'x'.repeat(MAX_POST + 1), lang: 'en' });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /value="Solar panels"/);
    assert.equal((await postRow(opening)).body, 'Who teaches solar installation?');

    assert.equal(
      (await edit(author.a, 'edit-titles', opening, { title: 'Solar panels', body: 'Who teaches solar installation, and how?', lang: 'en' })).statusCode,
      303,
    );
    const row = await t.database.db.selectFrom('community_topics').select('title').where('id', '=', topic).executeTakeFirstOrThrow();
    assert.equal(row.title, 'Solar panels');
    assert.match((await agent(t).get(`${base('edit-titles')}/posts/${opening}/history`)).body, /Sollar panels/, 'the old title is in the history');
  });

  test('others cannot edit; a facilitator can (audited); a locked topic stops its author, not the facilitator', async () => {
    await makeCommunity(t, 'edit-rights');
    const author = await member('edit-rights', 'Rita Rights');
    const other = await member('edit-rights', 'Otto Other');
    const facilitator = await member('edit-rights', 'Fay Facilitator', { facilitator: true });
    const topic = await startTopic(author.a, 'edit-rights', 'Budgets', 'Our budget for placements.');
    const post = await reply(author.a, 'edit-rights', topic, 'Details follow.');

    assert.equal((await other.a.get(`${base('edit-rights')}/posts/${post}/edit`)).statusCode, 404);
    const tried = await other.a.post(`${base('edit-rights')}/posts/${post}/edit`, { body: 'Vandalised', lang: 'en' }, `${base('edit-rights')}/topics/${topic}`);
    assert.equal(tried.statusCode, 404);
    assert.equal((await postRow(post)).body, 'Details follow.');

    await facilitator.a.post(`${base('edit-rights')}/topics/${topic}/lock`, { on: 'yes' }, `${base('edit-rights')}/topics/${topic}`);
    assert.equal((await author.a.get(`${base('edit-rights')}/posts/${post}/edit`)).statusCode, 404, 'locked');
    assert.equal((await edit(facilitator.a, 'edit-rights', post, { body: 'Details follow (phone number removed).', lang: 'en' })).statusCode, 303);
    const logged = await t.database.db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', '=', 'community.post.edit').execute();
    assert.deepEqual(logged, [{ action: 'community.post.edit', actor_name: 'Fay Facilitator' }]);
  });

  test('an edit made from an older version is refused, the editor’s text kept', async () => {
    await makeCommunity(t, 'edit-race');
    const author = await member('edit-race', 'Rae Race');
    const facilitator = await member('edit-race', 'Fin Facilitator', { facilitator: true });
    const topic = await startTopic(author.a, 'edit-race', 'Race', 'Opening.');
    const post = await reply(author.a, 'edit-race', topic, 'Version one.');
    // Both open the form on version one; the facilitator saves first.
    const mine = await author.a.get(`${base('edit-race')}/posts/${post}/edit`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(mine.body)![1]!;
    assert.equal((await edit(facilitator.a, 'edit-race', post, { body: 'Version by the facilitator.', lang: 'en' })).statusCode, 303);
    const late = await author.a.postRaw(`${base('edit-race')}/posts/${post}/edit`, { _csrf: csrf, body: 'Version two by the author.', lang: 'en', seen: '' });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /This post was changed while you were editing it/);
    assert.match(late.body, /Version two by the author\./);
    assert.match(late.body, /Version by the facilitator\./);
    assert.equal((await postRow(post)).body, 'Version by the facilitator.');
    // Saving again from the page that said so replaces it, knowingly.
    const seen = /name="seen" value="([^"]+)"/.exec(late.body)![1]!;
    const csrf2 = /name="_csrf" value="([^"]+)"/.exec(late.body)![1]!;
    assert.equal(
      (await author.a.postRaw(`${base('edit-race')}/posts/${post}/edit`, { _csrf: csrf2, body: 'Version two by the author.', lang: 'en', seen })).statusCode,
      303,
    );
    assert.equal((await postRow(post)).body, 'Version two by the author.');
  });

  test('the history of a hidden post is its author’s and the facilitators’ only', async () => {
    await makeCommunity(t, 'edit-hidden');
    const author = await member('edit-hidden', 'Hal Hidden');
    const reader = await member('edit-hidden', 'Rea Reader');
    const topic = await startTopic(author.a, 'edit-hidden', 'Topic', 'Opening.');
    const post = await reply(author.a, 'edit-hidden', topic, 'Something flagged.');
    assert.equal((await edit(author.a, 'edit-hidden', post, { body: 'Something flagged, edited.', lang: 'en' })).statusCode, 303);
    await t.database.db.updateTable('community_posts').set({ status: 'hidden' }).where('id', '=', post).execute();
    assert.equal((await reader.a.get(`${base('edit-hidden')}/posts/${post}/history`)).statusCode, 404);
    assert.equal((await agent(t).get(`${base('edit-hidden')}/posts/${post}/history`)).statusCode, 404);
    assert.equal((await author.a.get(`${base('edit-hidden')}/posts/${post}/history`)).statusCode, 200);
  });
});
