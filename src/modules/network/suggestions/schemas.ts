import { z } from 'zod';

// The suggestions page's filters: one value each from a select ("any" sends nothing).

const optional = (item: z.ZodType<string>) =>
  z
    .union([z.literal(''), item])
    .optional()
    .transform((v) => (v ? [v] : []));

export const suggestionsQuery = z.object({
  country: optional(z.string().regex(/^[A-Z]{2}$/)),
  type: optional(z.string().regex(/^[a-z-]{1,40}$/)),
  sector: optional(z.string().regex(/^[a-z0-9-]{1,60}$/)),
  language: optional(z.string().regex(/^[a-z]{2,3}$/)),
  offers: optional(z.string().regex(/^[a-z0-9-]{1,60}$/)),
});
export type SuggestionsQuery = z.infer<typeof suggestionsQuery>;
