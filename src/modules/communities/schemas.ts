import { z } from 'zod';
import { checkboxList } from '../../http/forms.ts';
import { emailAddress } from '../../http/forms.ts';
import { languages } from '../../i18n/languages.ts';
import { languageCodes } from '../centres/lists.ts';
import { flagReasons, joinings, levels, MAX_POST, MAX_REASON, MAX_TITLE } from './lists.ts';

// Communities' addresses, query strings and forms.

const slug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9-]+$/);
const id = z.coerce.number().int().min(1).max(2_147_483_647);
const page = z.coerce.number().int().min(1).max(10_000).default(1);

export const communityParams = z.object({ slug });
export const topicParams = z.object({ slug, id });
export const memberParams = z.object({ slug, user: id });
export const postParams = z.object({ slug, post: id });
/** A file of a community: its id, and the name people and logs read (another one redirects). */
export const fileParams = z.object({ slug, id, name: z.string().max(200) });

export const listQuery = z.object({
  theme: checkboxList(slug, 30),
  language: checkboxList(z.enum(languages), languages.length),
  joining: checkboxList(z.enum(joinings), joinings.length),
});
export type ListQuery = z.infer<typeof listQuery>;

export const pageQuery = z.object({ page });
/** A search within a community: the words, and which page of results. */
export const searchQuery = z.object({ q: z.string().trim().max(200).optional().default(''), page });
/** A topic's page: which page of posts, and the languages the reader keeps (none: all). */
export const topicQuery = z.object({
  page,
  lang: checkboxList(z.enum(languageCodes), languageCodes.length),
  /** a post to quote in the reply form */
  quote: z.coerce.number().int().min(1).max(2_147_483_647).optional().catch(undefined),
});

const body = z.string({ error: 'form.error.required' }).trim().min(1, { error: 'community.error.body' }).max(MAX_POST, { error: 'community.error.bodyLong' });
/** the language a post is written in: the writer's choice (any working language), the page's by default */
const postLang = z.enum(languageCodes, { error: 'form.error.choose' });

const title = z
  .string({ error: 'form.error.required' })
  .trim()
  .min(1, { error: 'community.error.title' })
  .max(MAX_TITLE, { error: 'community.error.titleLong' });
export const topicForm = z.object({ title, body, lang: postLang });
export const replyForm = z.object({ body, lang: postLang });
/** The files a post's form kept from an earlier try, to keep (their boxes ticked). */
export const keptFiles = z.object({ keep: checkboxList(id, 20).catch([]) });
/** An edit: the text and its language, the title for an opening post, and the edit it started from (its time; '' for the original). */
export const editForm = z.object({ body, lang: postLang, title: title.optional(), seen: z.string().max(40).optional().default('') });
export const joinForm = z.object({
  answer: z.string().trim().max(1000, { error: 'community.error.answerLong' }).optional().default(''),
  // The code of conduct, when the community has one, is agreed to by ticking a box.
  agree: z.enum(['yes']).optional(),
});
export const decideForm = z.object({ decision: z.enum(['accept', 'decline']) });
export const lockForm = z.object({ on: z.enum(['yes', 'no']) });

// Moderation.
export const flagForm = z
  .object({
    reason: z.enum(flagReasons, { error: 'community.error.flagReason' }),
    note: z.string().trim().max(MAX_REASON, { error: 'community.error.noteLong' }).optional().default(''),
  })
  .refine((f) => f.reason !== 'other' || f.note !== '', { path: ['note'], error: 'community.error.flagNote' });
/** where a facilitator's decision was taken, to go back there: the review queue or the topic */
const from = z.enum(['review', 'topic']).optional().default('topic');
export const decisionForm = z.object({ from });
export const removeForm = z.object({
  reason: z
    .string({ error: 'form.error.required' })
    .trim()
    .min(1, { error: 'community.error.removeReason' })
    .max(MAX_REASON, { error: 'community.error.noteLong' }),
  from,
});
export const suspendForm = z.object({ on: z.enum(['yes', 'no']) });
export const helpfulForm = z.object({ on: z.enum(['yes', 'no']) });
/** A facilitator's invitation: the address of someone with an account. */
export const inviteForm = z.object({ email: emailAddress() });
/** the reply to mark as the answer; empty: take the mark back */
export const answerForm = z.object({ post: z.union([z.literal(''), z.coerce.number().int().min(1).max(2_147_483_647)]) });
export const moveForm = z.object({ to: slug });

// Notification levels: a community's (one of the levels) and a topic's ('default': the community's).
export const communityLevelForm = z.object({ level: z.enum(levels) });
export const topicLevelForm = z.object({ level: z.enum([...levels, 'default']) });
