import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { digestLinks } from '../src/modules/communities/digest.ts';
import * as repo from '../src/modules/communities/repository.ts';
import { sharedSecret } from '../src/platform/secrets/repository.ts';
import { centre, signIn, user, type UserRecord } from './factories/index.ts';
import { agent, type Agent } from './helpers/agent.ts';
import { testApp, type TestApp } from './helpers/app.ts';
import { pdf } from './helpers/files.ts';

// Every community route against every kind of person (the matrix of authorisation.test.ts, with
// the people communities add): a visitor, a signed-in outsider, a colleague of a member (same
// centre, not in the community), an editor and an administrator of the platform, a member, a
// member whose request waits, a suspended member, and a facilitator. A members-only community is
// unknown to whoever may not read it (404), as a centre's pages are; a form without a valid CSRF
// token is refused (403) before anything else.

const personas = ['visitor', 'outsider', 'colleague', 'editor', 'administrator', 'member', 'pending', 'suspended', 'facilitator'] as const;
type Persona = (typeof personas)[number];
type Expect = Record<Persona, number>;
const row = (...s: number[]): Expect => Object.fromEntries(personas.map((p, i) => [p, s[i]!])) as Expect;

let t: TestApp;
const agents = {} as Record<Persona, Agent>;
const people = {} as Record<Persona, UserRecord>;
const ids = {
  open: 0,
  closed: 0,
  openTopic: 0,
  closedTopic: 0,
  pendingUser: 0,
  suspendedUser: 0,
  openPost: 0,
  closedPost: 0,
  moveTopic: 0,
  digest: '',
  openFile: 0,
  closedFile: 0,
};
const uploads = mkdtempSync(join(tmpdir(), 'intve-matrix-files-'));

before(async () => {
  t = await testApp({ env: { UPLOADS_DIR: uploads } });
  for (const p of personas) {
    if (p === 'visitor') {
      agents[p] = agent(t);
      continue;
    }
    people[p] = await user(t, { name: `Matrix ${p}`, role: p === 'editor' ? 'editor' : p === 'administrator' ? 'admin' : 'member' });
    agents[p] = await signIn(t, people[p]);
  }
  await centre(t, { name: 'Matrix Centre', admin: people.member, members: [people.colleague] });
  const texts = (name: string): repo.CommunityTexts[] => [{ lang: 'en', name, description: 'Matrix.', joinQuestion: 'Why?', codeOfConduct: null }];
  const base = { theme: 'inclusion', approveFirstPosts: false } as const;
  ids.open = await repo.createCommunity(
    t.database.db,
    { ...base, slug: 'matrix-open', joining: 'open', visibility: 'public', texts: texts('Open matrix') },
    people.administrator.id,
  );
  ids.closed = await repo.createCommunity(
    t.database.db,
    { ...base, slug: 'matrix-closed', joining: 'request', visibility: 'members', texts: texts('Closed matrix') },
    people.administrator.id,
  );
  for (const communityId of [ids.open, ids.closed]) {
    await repo.putMember(t.database.db, { communityId, userId: people.member.id, role: 'member', status: 'active' });
    await repo.putMember(t.database.db, { communityId, userId: people.pending.id, role: 'member', status: 'pending', answer: 'Because.' });
    await repo.putMember(t.database.db, { communityId, userId: people.suspended.id, role: 'member', status: 'suspended' });
    await repo.putMember(t.database.db, { communityId, userId: people.facilitator.id, role: 'facilitator', status: 'active' });
  }
  ids.openTopic = await repo.createTopic(t.database.db, { communityId: ids.open, userId: people.member.id, title: 'Open topic', body: 'Text.', lang: 'en' });
  ids.closedTopic = await repo.createTopic(t.database.db, {
    communityId: ids.closed,
    userId: people.member.id,
    title: 'Closed topic',
    body: 'Text.',
    lang: 'en',
  });
  ids.pendingUser = people.pending.id;
  ids.suspendedUser = people.suspended.id;
  // Posts by another member, for flags and facilitators' decisions; a topic to move.
  const author = await user(t, { name: 'Matrix author' });
  for (const communityId of [ids.open, ids.closed]) await repo.putMember(t.database.db, { communityId, userId: author.id, role: 'member', status: 'active' });
  const postOf = async (topicId: number) => {
    await repo.addReply(t.database.db, { topicId, userId: author.id, body: 'A post to moderate.', lang: 'en' });
    const row = await t.database.db.selectFrom('community_posts').select('id').where('topic_id', '=', topicId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return row.id;
  };
  ids.openPost = await postOf(ids.openTopic);
  ids.closedPost = await postOf(ids.closedTopic);
  ids.moveTopic = await repo.createTopic(t.database.db, { communityId: ids.open, userId: author.id, title: 'Topic to move', body: 'Text.', lang: 'en' });
  // The member's digest link, as their digest's mail carries it.
  ids.digest = digestLinks(await sharedSecret(t.database.db, 'session')).token(people.member.id);
  // A file on a reply of the member's in each community, sent as people send them.
  for (const [slug, topic] of [
    ['matrix-open', ids.openTopic],
    ['matrix-closed', ids.closedTopic],
  ] as const) {
    const url = `/en/communities/${slug}/topics/${topic}`;
    const res = await agents.member.upload(
      url,
      { body: 'With the agenda.', lang: 'en' },
      { field: 'files', name: 'agenda.pdf', type: 'application/pdf', data: pdf() },
      url,
    );
    assert.equal(res.statusCode, 303);
  }
  const files = await t.database.db.selectFrom('community_files').select(['id', 'community_id']).execute();
  ids.openFile = files.find((f) => f.community_id === ids.open)!.id;
  ids.closedFile = files.find((f) => f.community_id === ids.closed)!.id;
});
after(async () => {
  try {
    await t.close();
  } finally {
    rmSync(uploads, { recursive: true, force: true });
  }
});

const fill = (template: string) =>
  template
    .replace('{openTopic}', String(ids.openTopic))
    .replace('{closedTopic}', String(ids.closedTopic))
    .replace('{pending}', String(ids.pendingUser))
    .replace('{suspended}', String(ids.suspendedUser))
    .replace('{openPost}', String(ids.openPost))
    .replace('{closedPost}', String(ids.closedPost))
    .replace('{moveTopic}', String(ids.moveTopic))
    .replace('{openFile}', String(ids.openFile))
    .replace('{closedFile}', String(ids.closedFile))
    .replace('{digest}', ids.digest)
    .replace('{forged}', ids.digest.replace(/\.\d+\./, '.1.'));

//                                   visitor outsider colleague editor admin member pending suspended facilitator
const gets: [string, Expect][] = [
  ['/en/communities', row(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['/en/communities/matrix-open', row(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['/en/communities/matrix-open/topics/{openTopic}', row(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  // The page of a members-only community says what it is and how to join; its topics are closed.
  ['/en/communities/matrix-closed', row(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['/en/communities/matrix-closed/topics/{closedTopic}', row(404, 404, 404, 404, 200, 200, 404, 200, 200)],
  // Starting a topic: active members (others are sent back to the community's page).
  ['/en/communities/matrix-open/topics/new', row(303, 303, 303, 303, 303, 200, 303, 303, 200)],
  ['/en/communities/matrix-closed/topics/new', row(303, 404, 404, 404, 303, 200, 404, 303, 200)],
  // Members see each other; facilitators and administrators see requests too; others nothing.
  ['/en/communities/matrix-open/members', row(303, 404, 404, 404, 200, 200, 200, 200, 200)],
  ['/en/communities/matrix-closed/members', row(303, 404, 404, 404, 200, 200, 404, 200, 200)],
  // Joining: the form for whoever may still join; members are sent to the community's page.
  ['/en/communities/matrix-open/join', row(303, 200, 200, 200, 200, 303, 303, 303, 303)],
  ['/en/communities/matrix-closed/join', row(303, 200, 200, 200, 200, 303, 303, 303, 303)],
  ['/en/communities/no-such-community', row(404, 404, 404, 404, 404, 404, 404, 404, 404)],
  // Moderation: the review queue and the page that removes a post are the facilitators' (and administrators');
  // flagging is for members who write (not suspended ones, not administrators who are not members).
  ['/en/communities/matrix-open/review', row(303, 404, 404, 404, 200, 404, 404, 404, 200)],
  ['/en/communities/matrix-closed/review', row(303, 404, 404, 404, 200, 404, 404, 404, 200)],
  ['/en/communities/matrix-open/posts/{openPost}/remove', row(303, 404, 404, 404, 200, 404, 404, 404, 200)],
  ['/en/communities/matrix-closed/posts/{closedPost}/remove', row(303, 404, 404, 404, 200, 404, 404, 404, 200)],
  ['/en/communities/matrix-open/posts/{openPost}/flag', row(303, 404, 404, 404, 404, 200, 404, 404, 200)],
  ['/en/communities/matrix-closed/posts/{closedPost}/flag', row(303, 404, 404, 404, 404, 200, 404, 404, 200)],
  ['/en/communities/matrix-open/posts/{closedPost}/flag', row(303, 404, 404, 404, 404, 404, 404, 404, 404)],
  // Notifications: everyone signed in has their own list.
  ['/en/account/notifications', row(303, 200, 200, 200, 200, 200, 200, 200, 200)],
  // Searching a community: whoever reads it.
  ['/en/communities/matrix-open/search?q=topic', row(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['/en/communities/matrix-closed/search?q=topic', row(404, 404, 404, 404, 200, 200, 404, 200, 200)],
  // Editing: a post's author (here another member) and the facilitators; its history, whoever reads the post.
  ['/en/communities/matrix-open/posts/{openPost}/edit', row(303, 404, 404, 404, 200, 404, 404, 404, 200)],
  ['/en/communities/matrix-open/posts/{openPost}/history', row(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['/en/communities/matrix-closed/posts/{closedPost}/history', row(404, 404, 404, 404, 200, 200, 404, 200, 200)],
  // Files: a community's list and each download, for whoever reads the community.
  ['/en/communities/matrix-open/files', row(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['/en/communities/matrix-closed/files', row(404, 404, 404, 404, 200, 200, 404, 200, 200)],
  ['/en/communities/matrix-open/files/{openFile}/agenda.pdf', row(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['/en/communities/matrix-closed/files/{closedFile}/agenda.pdf', row(404, 404, 404, 404, 200, 200, 404, 200, 200)],
  ['/en/communities/matrix-open/files/{closedFile}/agenda.pdf', row(404, 404, 404, 404, 404, 404, 404, 404, 404)],
  // A digest's link is its own key, whoever holds it (it changes only that person's digest); a forged one opens nothing.
  ['/en/account/notifications/digest?t={digest}', row(200, 200, 200, 200, 200, 200, 200, 200, 200)],
  ['/en/account/notifications/digest?t={forged}', row(404, 404, 404, 404, 404, 404, 404, 404, 404)],
  ['/en/account/notifications/digest/off?t={forged}', row(404, 404, 404, 404, 404, 404, 404, 404, 404)],
];

// Posts that change nothing for those refused, and leave the same state for those allowed.
const posts: [string, Record<string, string>, Expect][] = [
  ['/en/communities/matrix-closed/topics/{closedTopic}', { body: 'Matrix reply', lang: 'en' }, row(403, 404, 404, 404, 403, 303, 404, 403, 303)],
  ['/en/communities/matrix-open/topics/{openTopic}', { body: 'Matrix reply', lang: 'en' }, row(403, 403, 403, 403, 403, 303, 403, 403, 303)],
  ['/en/communities/matrix-closed/topics/{closedTopic}/lock', { on: 'no' }, row(403, 404, 404, 404, 303, 404, 404, 404, 303)],
  ['/en/communities/matrix-open/topics/{openTopic}/lock', { on: 'no' }, row(403, 404, 404, 404, 303, 404, 404, 404, 303)],
  ['/en/communities/matrix-closed/members/{pending}/decide', { decision: 'accept' }, row(403, 404, 404, 404, 303, 404, 404, 404, 303)],
  ['/en/communities/matrix-closed/posts/{closedPost}/flag', { reason: 'spam' }, row(403, 404, 404, 404, 404, 303, 404, 404, 303)],
  ['/en/communities/matrix-open/posts/{openPost}/flag', { reason: 'off-topic' }, row(403, 404, 404, 404, 404, 303, 404, 404, 303)],
  // A decision taken already is answered as one (303): nothing changes.
  ['/en/communities/matrix-closed/posts/{closedPost}/keep', { from: 'review' }, row(403, 404, 404, 404, 303, 404, 404, 404, 303)],
  ['/en/communities/matrix-closed/posts/{closedPost}/approve', { from: 'review' }, row(403, 404, 404, 404, 303, 404, 404, 404, 303)],
  ['/en/communities/matrix-closed/posts/{closedPost}/remove', { reason: 'Matrix.', from: 'review' }, row(403, 404, 404, 404, 303, 404, 404, 404, 303)],
  ['/en/communities/matrix-closed/members/{suspended}/suspend', { on: 'no' }, row(403, 404, 404, 404, 303, 404, 404, 404, 303)],
  ['/en/communities/matrix-open/topics/{moveTopic}/move', { to: 'matrix-closed' }, row(403, 404, 404, 404, 303, 404, 404, 404, 303)],
  // Notification levels: members (suspended ones too, who still read); everyone marks their own notifications read.
  ['/en/communities/matrix-open/level', { level: 'watching' }, row(403, 404, 404, 404, 404, 303, 404, 303, 303)],
  ['/en/communities/matrix-closed/level', { level: 'muted' }, row(403, 404, 404, 404, 404, 303, 404, 303, 303)],
  ['/en/communities/matrix-closed/topics/{closedTopic}/level', { level: 'default' }, row(403, 404, 404, 404, 404, 303, 404, 303, 303)],
  ['/en/account/notifications/read', {}, row(403, 303, 303, 303, 303, 303, 303, 303, 303)],
  ['/en/communities/matrix-open/posts/{openPost}/edit', { body: 'Matrix edit', lang: 'en' }, row(403, 404, 404, 404, 303, 404, 404, 404, 303)],
  // Invitations: facilitators and administrators (an address with no account comes back, 422, past every check).
  ['/en/communities/matrix-closed/members/invite', { email: 'nobody@matrix.example' }, row(403, 404, 404, 404, 422, 404, 404, 404, 422)],
  // "Helpful": active members, on others' posts; the answer: the topic's author (the member here) and facilitators.
  ['/en/communities/matrix-open/posts/{openPost}/helpful', { on: 'yes' }, row(403, 404, 404, 404, 404, 303, 404, 404, 303)],
  ['/en/communities/matrix-open/topics/{openTopic}/answer', { post: '{openPost}' }, row(403, 404, 404, 404, 303, 303, 404, 404, 303)],
  ['/en/account/notifications/digest', { frequency: 'weekly' }, row(403, 303, 303, 303, 303, 303, 303, 303, 303)],
];

/** Puts back what an allowed request changed, so the next person meets the same state. */
async function reset(url: string): Promise<void> {
  if (url.endsWith('/decide')) await repo.putMember(t.database.db, { communityId: ids.closed, userId: ids.pendingUser, role: 'member', status: 'pending' });
  if (url.endsWith('/suspend'))
    await repo.putMember(t.database.db, { communityId: ids.closed, userId: ids.suspendedUser, role: 'member', status: 'suspended' });
  if (url.endsWith('/move')) await repo.moderation.moveTopic(t.database.db, ids.moveTopic, ids.open);
  if (url.endsWith('/edit'))
    await t.database.db.updateTable('community_posts').set({ edited_at: null }).where('id', 'in', [ids.openPost, ids.closedPost]).execute();
}

describe('communities: authorisation matrix', () => {
  for (const [template, expect] of gets) {
    test(`GET ${template}`, async () => {
      const url = fill(template);
      for (const p of personas) {
        const res = await agents[p].get(url);
        assert.equal(res.statusCode, expect[p], `${p} on ${url}`);
        if (res.statusCode === 303 && p === 'visitor' && !url.endsWith('/join')) assert.match(String(res.headers.location), /\/en\/account\/sign-in\?next=/);
      }
    });
  }
  for (const [template, fields, expect] of posts) {
    test(`POST ${template}`, async () => {
      const url = fill(template);
      for (const p of personas) {
        await reset(url);
        const form = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fill(v)]));
        const res = p === 'visitor' ? await agents[p].postRaw(url, form) : await agents[p].post(url, form, '/en/account');
        assert.equal(res.statusCode, expect[p], `${p} on ${url}`);
      }
      await reset(url);
    });
  }
  test('a signed-in person posting without the CSRF token is refused everywhere', async () => {
    for (const [template, fields] of posts) assert.equal((await agents.facilitator.postRaw(fill(template), fields)).statusCode, 403, template);
    for (const path of ['join', 'leave', 'topics'])
      assert.equal((await agents.outsider.postRaw(`/en/communities/matrix-open/${path}`, {})).statusCode, 403, path);
  });
});
