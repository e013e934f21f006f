import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mentioned, noticesFor, type ShownPost } from './notify.ts';

// Who hears of a post, and how (notify.ts): mentions by full name, and each level's rules.

const people = [
  { userId: 1, name: 'Amal Haddad' },
  { userId: 2, name: 'Amal' },
  { userId: 3, name: 'Олег Петренко' },
  { userId: 4, name: 'Jonas Weber' },
];

describe('mentions', () => {
  test('"@" and a full name, in any case; the longest name wins; a name running on into a word is no mention', () => {
    assert.deepEqual([...mentioned('Thanks @amal haddad, and @Олег Петренко!', people)].sort(), [1, 3]);
    assert.deepEqual([...mentioned('@Amal, what do you think?', people)], [2]);
    assert.deepEqual([...mentioned('@Jonas Webers are many', people)], []);
    assert.deepEqual([...mentioned('mail jonas.weber@example.org', people)], []);
    assert.deepEqual([...mentioned('No mention here', people)], []);
  });
});

describe('levels', () => {
  const member = (userId: number, communityLevel: string | null = null, topicLevel: string | null = null) =>
    ({ userId, name: `P${userId}`, communityLevel, topicLevel }) as Parameters<typeof noticesFor>[1][number];
  const reply: ShownPost = { id: 10, topicId: 5, communityId: 1, authorId: 1, topicAuthorId: 2, body: 'A reply for @P6.', opening: false };
  const kinds = (post: ShownPost, ms: Parameters<typeof noticesFor>[1]) =>
    Object.fromEntries(noticesFor(post, ms).map((n) => [n.userId, `${n.kind}${n.mail ? '+mail' : ''}`]));

  test('a reply: its topic’s author, watchers, trackers (no mail), the mentioned; never its writer, never the muted', () => {
    const ms = [
      member(1, 'watching'),
      member(2),
      member(3, 'watching'),
      member(4, 'tracking'),
      member(5),
      member(6),
      member(7, null, 'muted'),
      member(8, 'first-posts'),
    ];
    assert.deepEqual(kinds(reply, ms), { 2: 'reply+mail', 3: 'post+mail', 4: 'post', 6: 'mention+mail' });
  });

  test('a topic’s level wins over the community’s; a muted topic hides even a mention', () => {
    const ms = [member(3, 'watching', 'muted'), member(4, 'muted', 'watching'), member(6, null, 'muted')];
    assert.deepEqual(kinds(reply, ms), { 4: 'post+mail' });
  });

  test('a new topic: watchers and those who watch first posts, by mail; trackers in the platform', () => {
    const opening: ShownPost = { ...reply, body: 'New topic.', opening: true, topicAuthorId: 1 };
    const ms = [member(2), member(3, 'watching'), member(4, 'tracking'), member(8, 'first-posts')];
    assert.deepEqual(kinds(opening, ms), { 3: 'topic+mail', 4: 'topic', 8: 'topic+mail' });
  });
});
