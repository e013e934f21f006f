import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageContext } from '../../../http/context.ts';
import type { PostRow, TopicRow } from '../repository.ts';
import type { Community } from '../service.ts';
import { topicView, type TopicPage } from './topics.ts';

// A topic's posts are rendered once and kept by their text (views/topics.ts): the same post id
// with another text (an edit, a restored database) shows the new text, never the kept one.

const ctx = pageContext('en', '/communities/c/topics/1', '', 'http://localhost', (n) => `/assets/${n}`);
const community = { slug: 'c', name: { value: 'C', lang: 'en' }, visibility: 'public', archived: false } as Community;
const topic: TopicRow = {
  id: 1,
  communityId: 1,
  title: 'T',
  lang: 'en',
  lockedAt: null,
  createdAt: '2026-12-07T10:00:00Z',
  lastPostAt: '2026-12-07T10:00:00Z',
  replies: 0,
  author: 'A',
  authorId: 1,
  status: 'shown',
  answerPostId: null,
};
const page = (body: string, lang = 'en', o: Partial<PostRow> & { viewerId?: number | null; facilitate?: boolean; write?: boolean } = {}): TopicPage => {
  const post: PostRow = {
    id: 7,
    userId: 1,
    author: 'A',
    body,
    lang,
    createdAt: '2026-12-07T10:00:00Z',
    editedAt: null,
    status: o.status ?? 'shown',
    removedReason: o.removedReason ?? null,
  };
  return {
    community,
    topic,
    posts: { rows: [post], total: 1 },
    languages: [{ lang, count: 1 }],
    write: o.write ?? false,
    facilitate: o.facilitate ?? false,
    maxBytes: 20 * 1024 * 1024,
    viewerId: o.viewerId ?? null,
    moveTargets: [],
  };
};
const render = (p: TopicPage, csrf: string | null = null) => topicView(ctx, csrf, p, { page: 1, langs: [], signedIn: csrf !== null });

test('a post is shown with its own text, even when another text had the same id', () => {
  assert.match(render(page('First **words**')), /First <strong>words<\/strong>/);
  const again = render(page('Other *words*'));
  assert.match(again, /Other <em>words<\/em>/);
  assert.doesNotMatch(again, /First/);
  assert.match(render(page('First **words**')), /First <strong>words<\/strong>/, 'kept, and still right');
});

test('the same text in a right-to-left language is rendered for its direction', () => {
  assert.match(render(page('نص **عربي**', 'ar')), /<div class="prose" lang="ar" dir="rtl">/);
});

test('a hidden or removed post shows as a note to readers, and with its text and state to its author and the facilitators', () => {
  const hidden = render(page('Flagged words', 'en', { status: 'hidden' }));
  assert.doesNotMatch(hidden, /Flagged words/);
  assert.match(hidden, /class="post-note"/);
  const toAuthor = render(page('Flagged words', 'en', { status: 'hidden', viewerId: 1 }), 'token');
  assert.match(toAuthor, /Flagged words/);
  assert.match(toAuthor, /tag-warning/);

  const removed = (viewerId: number | null, facilitate = false) =>
    render(
      page('Removed words', 'en', { status: 'removed', removedReason: 'Personal data of a learner', viewerId, facilitate }),
      viewerId === null ? null : 'token',
    );
  assert.doesNotMatch(removed(null), /Removed words|Personal data/);
  assert.doesNotMatch(removed(2), /Removed words|Personal data/, 'another member');
  assert.match(removed(1), /Removed words[\s\S]*/);
  assert.match(removed(1), /Personal data of a learner/, 'the author reads the reason');
  assert.match(removed(3, true), /Personal data of a learner/, 'so do the facilitators');
});

test('members get a flag link on posts of others; facilitators get their decisions instead', () => {
  assert.match(render(page('Words', 'en', { viewerId: 2, write: true }), 'token'), /\/posts\/7\/flag"/);
  assert.doesNotMatch(render(page('Words', 'en', { viewerId: 1, write: true }), 'token'), /\/flag"/, 'not on their own post');
  assert.doesNotMatch(render(page('Words', 'en')), /\/flag"/, 'not for a visitor');
  const facilitator = render(page('Words', 'en', { viewerId: 3, write: true, facilitate: true, status: 'waiting' }), 'token');
  assert.match(facilitator, /\/posts\/7\/approve"/);
  assert.match(facilitator, /\/posts\/7\/remove"/);
});
