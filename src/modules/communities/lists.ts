// The fixed lists of communities (issue 15). Labels: `community.joining.<value>`,
// `community.visibility.<value>`. A community's theme comes from the content vocabulary of themes.

/** who may join: anyone signed in, whoever the facilitators accept, or only people they invite */
export const joinings = ['open', 'request', 'invitation'] as const;
export type Joining = (typeof joinings)[number];

/** public communities are read without an account; members-only ones by their members */
export const visibilities = ['public', 'members'] as const;
export type Visibility = (typeof visibilities)[number];

export type MemberRole = 'member' | 'facilitator';
/** pending: asked to join; invited: asked by a facilitator; suspended: reads, does not write */
export type MemberStatus = 'active' | 'pending' | 'invited' | 'suspended';

/**
 * A post's state: shown; waiting for a facilitator's approval (a new member's first posts, where
 * the community asks for it); hidden after members flagged it, until a facilitator decides;
 * removed by a facilitator, with a reason its author reads. A topic takes its opening post's.
 */
export const postStatuses = ['shown', 'waiting', 'hidden', 'removed'] as const;
export type PostStatus = (typeof postStatuses)[number];

/** why a member flags a post (`other` asks for a note). Labels: `community.flag.reason.<value>` */
export const flagReasons = ['off-topic', 'inappropriate', 'spam', 'other'] as const;
export type FlagReason = (typeof flagReasons)[number];

/**
 * How much a community or a topic tells a person (migration 0026): watching (every post, by
 * mail), tracking (every post, in the platform; by mail only what is for them), normal
 * (mentions and replies in their topics), muted (nothing), first-posts (each new topic, by mail).
 * Labels: `community.level.<value>`.
 */
export const levels = ['watching', 'tracking', 'normal', 'first-posts', 'muted'] as const;
export type Level = (typeof levels)[number];

/** how often a person's digest may come (issue 15); none is the default */
export const frequencies = ['daily', 'weekly'] as const;
export type Frequency = (typeof frequencies)[number];

/** the items a review queue shows at once, and the longest reason for a removal or note on a flag */
export const REVIEW_PER_PAGE = 50;
export const MAX_REASON = 1000;

/** topics on a page of a community, and posts on a page of a topic */
export const TOPICS_PER_PAGE = 20;
export const POSTS_PER_PAGE = 50;
/** the longest post, and the longest topic title */
export const MAX_POST = 20_000;
export const MAX_TITLE = 150;

/** A post quoted at the start of a reply, in Markdown: who wrote it, then its text, each line marked. */
export function quotedMarkdown(author: string, body: string): string {
  const name = author.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
  return `> **${name}:**\n>\n${body
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n')}\n\n`;
}
