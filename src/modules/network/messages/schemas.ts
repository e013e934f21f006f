import { z } from 'zod';

// Conversations' forms and addresses.

export const SUBJECT_MAX = 150;
export const BODY_MAX = 5000;

const body = z.string({ error: 'form.error.required' }).trim().min(1, { error: 'message.error.body' }).max(BODY_MAX, { error: 'message.error.bodyLong' });

const slug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9-]+$/);

export const newConversationForm = z.object({
  to: slug,
  subject: z.string({ error: 'form.error.required' }).trim().min(1, { error: 'message.error.subject' }).max(SUBJECT_MAX),
  body,
});
export const replyForm = z.object({ body });
export const reportForm = z.object({
  message: z.coerce.number().int().min(1),
  // No reason chosen still reports: the administrators read the message itself.
  reason: z.enum(['spam', 'abuse', 'other']).catch('other'),
});
export const blockForm = z.object({ on: z.enum(['yes', 'no']) });

export const conversationParams = z.object({ slug, id: z.coerce.number().int().min(1).max(2_147_483_647) });
export const toQuery = z.object({ to: slug.optional() });
export const reportParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
