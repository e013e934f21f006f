import { z } from 'zod';

// Inputs of the attachment routes. The file itself is checked by the service, from its content.

export const attachmentForm = z.object({
  title: z.string().trim().min(1, { error: 'files.error.title' }).max(200),
});

const id = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1);
const slug = z
  .string()
  .max(120)
  .regex(/^[a-z0-9-]+$/);

/** A resource or case study, by its slug (or, for a resource, the number its address had once). */
export const ownerParams = z.object({ slug });
export const attachmentParam = z.object({ attachment: id });
export const publicFileParams = z.object({ id, name: z.string().max(200) });
