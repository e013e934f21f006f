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
};
const page = (body: string, lang = 'en'): TopicPage => {
  const post: PostRow = { id: 7, userId: 1, author: 'A', body, lang, createdAt: '2026-12-07T10:00:00Z', editedAt: null };
  return { community, topic, posts: { rows: [post], total: 1 }, languages: [{ lang, count: 1 }], write: false, facilitate: false };
};
const render = (p: TopicPage) => topicView(ctx, null, p, { page: 1, langs: [], signedIn: false });

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
