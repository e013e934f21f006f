import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { community as makeCommunity, PASSWORD, signIn, user } from '../../../test/factories/index.ts';
import { agent, type Agent, type UploadFile } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { pdf, png } from '../../../test/helpers/files.ts';
import { SWEEP_JOB, WAITING_MS } from './attachments.ts';

// Files attached to posts, through HTTP as people send them (multipart forms), on the test
// database and a real file store on disk: what a post carries, a form that comes back keeping its
// files, the refusals, who may download (the community's members, the post's state), the sweep
// of files left without a post, and a person's erasure.

const LIMIT = 64 * 1024;
let t: TestApp;
let uploads: string;
before(async () => {
  uploads = mkdtempSync(join(tmpdir(), 'intve-community-files-'));
  t = await testApp({ env: { UPLOADS_DIR: uploads, FILES_MAX_BYTES: String(LIMIT) } });
});
after(async () => {
  try {
    await t.close();
  } finally {
    rmSync(uploads, { recursive: true, force: true });
  }
});

const file = (name: string, data: Buffer, type = 'application/pdf'): UploadFile => ({ field: 'files', name, type, data });
const rows = (communityId: number) => t.database.db.selectFrom('community_files').selectAll().where('community_id', '=', communityId).orderBy('id').execute();
const stored = (key: string) => existsSync(join(uploads, key));
const fileLinks = (body: string) => [...body.matchAll(/href="(\/en\/communities\/[a-z0-9-]+\/files\/\d+\/[^"]+)"/g)].map((m) => m[1]!);

/** A member of a new community (public unless said), signed in. */
async function memberOf(slug: string, o: Parameters<typeof makeCommunity>[2] = {}) {
  const facilitator = await user(t);
  const id = await makeCommunity(t, slug, { facilitator, ...o });
  const person = await user(t);
  const a = await signIn(t, person);
  await a.post(`/en/communities/${slug}/join`, {}, `/en/communities/${slug}/join`);
  return { id, a, person, facilitator: await signIn(t, facilitator) };
}

async function startTopic(a: Agent, slug: string, files: UploadFile[], fields: Record<string, string | string[]> = {}) {
  return a.upload(
    `/en/communities/${slug}/topics`,
    { title: 'Placement contracts', body: 'Our model contract.', lang: 'en', ...fields },
    files,
    `/en/communities/${slug}/topics/new`,
  );
}
const topicOf = (location: unknown) => String(location).replace(/\?.*$/, '');

describe('files in posts', () => {
  test('a topic carries its files: listed under the post and on the community’s files page, downloaded with their type, in a sandbox, never cached by others', async () => {
    const { id, a } = await memberOf('shared-files');
    const image = await png();
    const res = await startTopic(a, 'shared-files', [file('Model contract.pdf', pdf(100)), file('chart.png', image, 'image/png')]);
    assert.equal(res.statusCode, 303);
    const page = await agent(t).get(topicOf(res.headers.location));
    const links = fileLinks(page.body);
    assert.equal(links.length, 2);
    assert.match(page.body, /<bdi>Model contract\.pdf<\/bdi><\/a> <span class="meta">PDF, \d+ byte<\/span>/);
    assert.match(page.body, /<bdi>chart\.png<\/bdi>/);

    const download = await agent(t).get(links[0]!);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['cache-control'], 'private, no-store');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-security-policy']), /sandbox/);
    assert.deepEqual(download.rawPayload, pdf(100));
    const head = await t.app.inject({ method: 'HEAD', url: links[1]! });
    assert.equal(head.statusCode, 200);
    assert.equal(Number(head.headers['content-length']), image.length);
    // Another name in the address leads to the file's own.
    const renamed = await agent(t).get(links[0]!.replace(/[^/]+$/, 'other.pdf'));
    assert.equal(renamed.statusCode, 301);
    assert.equal(renamed.headers.location, links[0]);

    const list = await agent(t).get('/en/communities/shared-files/files');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /2 files, the newest first/);
    assert.match(list.body, /Shared by <bdi>|Shared by /);
    assert.match(list.body, />Placement contracts<\/a>/);
    assert.ok(list.body.indexOf('chart.png') < list.body.indexOf('Model contract.pdf'), 'the newest first');
    assert.equal((await agent(t).get('/en/communities/shared-files/files?page=2')).statusCode, 404);
    const community = await agent(t).get('/en/communities/shared-files');
    assert.match(community.body, /href="\/en\/communities\/shared-files\/files">Files shared here<\/a>/);
    assert.equal((await rows(id)).filter((r) => r.post_id !== null).length, 2);
  });

  test('a form with a problem keeps the files it received and says which were refused and why; sent again, the post carries what was kept', async () => {
    const { id, a } = await memberOf('kept-files');
    const topic = topicOf((await startTopic(a, 'kept-files', [])).headers.location);
    const back = await a.upload(
      topic,
      { body: '', lang: 'en' },
      [file('agenda.pdf', pdf()), file('page.pdf', Buffer.from('<!doctype html><script>alert(1)</script>')), file('huge.pdf', pdf(LIMIT + 10))],
      topic,
    );
    assert.equal(back.statusCode, 422);
    assert.match(back.body, /href="#field-body">Write your message<\/a>/);
    assert.match(back.body, /“page\.pdf” was not added\. This type of file is not accepted/);
    assert.match(back.body, /“huge\.pdf” was not added\. The file is too large: upload a file of at most 64 kB/);
    const kept = await rows(id);
    assert.equal(kept.length, 1, 'only the accepted file is stored');
    assert.equal(kept[0]!.post_id, null);
    assert.match(back.body, new RegExp(`name="keep" value="${kept[0]!.id}" id="field-keep-0" checked`));
    assert.match(back.body, /<bdi>agenda\.pdf<\/bdi>/);

    const sent = await a.upload(topic, { body: 'The agenda, as promised.', lang: 'en', keep: String(kept[0]!.id) }, [], topic);
    assert.equal(sent.statusCode, 303);
    const after = await rows(id);
    assert.equal(after.length, 1);
    assert.notEqual(after[0]!.post_id, null);
    const page = await a.get(topic);
    assert.equal(fileLinks(page.body).length, 1);
    // A kept file is the person's own: someone else naming it gets nothing.
    const other = await memberOf('kept-files-2');
    const stray = await startTopic(other.a, 'kept-files-2', [], { keep: String(kept[0]!.id) });
    assert.equal(stray.statusCode, 303);
    assert.equal((await rows(id))[0]!.post_id, after[0]!.post_id);
  });

  test('a post carries at most five files; the others are refused by name', async () => {
    const { id, a } = await memberOf('five-files');
    const res = await startTopic(
      a,
      'five-files',
      Array.from({ length: 7 }, (_, i) => file(`part-${i + 1}.pdf`, pdf(i))),
    );
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /“part-6\.pdf” was not added\. A post can carry up to 5 files\./);
    assert.match(res.body, /“part-7\.pdf” was not added/);
    assert.match(res.body, /value="Placement contracts"/);
    const kept = (await rows(id)).map((r) => r.id);
    assert.equal(kept.length, 5);
    const sent = await startTopic(a, 'five-files', [file('part-8.pdf', pdf(8))], { keep: kept.map(String) });
    assert.equal(sent.statusCode, 422, 'a sixth file is refused next to five kept ones');
    assert.match(sent.body, /“part-8\.pdf” was not added/);
  });

  test('someone who may not write there stores nothing: not a member, or not signed in', async () => {
    const id = await makeCommunity(t, 'closed-files');
    const outsider = await signIn(t, await user(t));
    const res = await outsider.upload('/en/communities/closed-files/topics', { title: 'T', body: 'B', lang: 'en' }, [file('a.pdf', pdf())], '/en/account');
    assert.equal(res.statusCode, 303);
    const anonymous = await agent(t).upload(
      '/en/communities/closed-files/topics',
      { title: 'T', body: 'B', lang: 'en' },
      [file('a.pdf', pdf())],
      '/en/account/sign-in',
    );
    assert.match(String(anonymous.headers.location), /\/sign-in/);
    assert.equal((await rows(id)).length, 0);
  });
});

describe('who downloads', () => {
  test('a members-only community’s files are its members’; a removed post’s are its author’s and the facilitators’; a file waiting for its post is no one’s', async () => {
    const { id, a, facilitator } = await memberOf('private-files', { visibility: 'members' });
    const topic = topicOf((await startTopic(a, 'private-files', [file('budget.pdf', pdf(3))])).headers.location);
    const [link] = fileLinks((await a.get(topic)).body);
    assert.ok(link);
    assert.equal((await a.get(link)).statusCode, 200);
    assert.equal((await agent(t).get(link)).statusCode, 404);
    const stranger = await signIn(t, await user(t));
    assert.equal((await stranger.get(link)).statusCode, 404);
    assert.equal((await stranger.get('/en/communities/private-files/files')).statusCode, 404);
    const member = await signIn(t, await user(t));
    await member.post('/en/communities/private-files/join', {}, '/en/communities/private-files/join');
    assert.equal((await member.get(link)).statusCode, 200);
    // The same file addressed through another community is not there.
    await makeCommunity(t, 'elsewhere-files');
    assert.equal((await a.get(link.replace('/private-files/', '/elsewhere-files/'))).statusCode, 404);

    // Flagged, the post waits in the review queue with its file, for the facilitators to judge.
    const postId = (await rows(id))[0]!.post_id!;
    const flagged = await member.post(`/en/communities/private-files/posts/${postId}/flag`, { reason: 'spam' });
    assert.equal(flagged.statusCode, 303);
    const queue = await facilitator.get('/en/communities/private-files/review');
    assert.match(queue.body, new RegExp(`<a href="${link}" type="application/pdf"><bdi>budget\\.pdf</bdi></a>`));
    // A facilitator removes the post: its file goes with its text, for everyone else.
    const removed = await facilitator.post(
      `/en/communities/private-files/posts/${postId}/remove`,
      { reason: 'Personal data', from: 'topic' },
      `/en/communities/private-files/posts/${postId}/remove`,
    );
    assert.equal(removed.statusCode, 303);
    assert.equal((await member.get(link)).statusCode, 404);
    assert.equal((await a.get(link)).statusCode, 200, 'its author');
    assert.equal((await facilitator.get(link)).statusCode, 200, 'a facilitator');
    assert.doesNotMatch((await member.get('/en/communities/private-files/files')).body, /budget\.pdf/);

    // A file sent with a form that came back belongs to no post yet: not downloadable, even by its sender.
    await a.upload(topic, { body: '', lang: 'en' }, [file('draft.pdf', pdf(4))], topic);
    const waiting = (await rows(id)).find((r) => r.post_id === null)!;
    assert.equal((await a.get(`/en/communities/private-files/files/${waiting.id}/draft.pdf`)).statusCode, 404);
  });
});

describe('files without a post', () => {
  test('are swept with their bytes after a day; files of posts stay', async () => {
    const { id, a } = await memberOf('swept-files');
    const topic = topicOf((await startTopic(a, 'swept-files', [file('kept.pdf', pdf(1))])).headers.location);
    await a.upload(topic, { body: '', lang: 'en' }, [file('left.pdf', pdf(2))], topic);
    const [onPost, left] = await rows(id);
    assert.ok(onPost?.post_id && left && left.post_id === null);
    assert.ok(stored(left.storage_key) && stored(onPost.storage_key));
    // Not yet a day old: it stays.
    await t.jobs.enqueue(SWEEP_JOB, {});
    await t.jobs.runDue();
    assert.equal((await rows(id)).length, 2);
    await t.database.db
      .updateTable('community_files')
      .set({ created_at: new Date(Date.now() - WAITING_MS - 60_000).toISOString() })
      .where('community_id', '=', id)
      .execute();
    await t.jobs.enqueue(SWEEP_JOB, {});
    await t.jobs.runDue();
    const after = await rows(id);
    assert.deepEqual(
      after.map((r) => r.id),
      [onPost.id],
    );
    assert.equal(stored(left.storage_key), false);
    assert.equal(stored(onPost.storage_key), true);
  });

  test('a person leaving with their posts takes their files, bytes and all; their export lists them', async () => {
    const { id, a, person } = await memberOf('leaving-files');
    await startTopic(a, 'leaving-files', [file('mine.pdf', pdf(5))]);
    const exported = JSON.parse((await a.get('/en/account/data.json')).body) as {
      communities: { files: { community: string; name: string; onPost: boolean }[] };
    };
    assert.deepEqual(
      exported.communities.files.map((f) => [f.community, f.name, f.onPost]),
      [['leaving-files', 'mine.pdf', true]],
    );
    const [mine] = await rows(id);
    const res = await a.post('/en/account/delete', { current_password: PASSWORD, erase: 'yes' }, '/en/account');
    assert.equal(res.statusCode, 200);
    assert.equal((await rows(id)).length, 0);
    assert.equal(stored(mine!.storage_key), false);
    assert.equal(await t.database.db.selectFrom('users').select('id').where('id', '=', person.id).executeTakeFirst(), undefined);
  });
});
