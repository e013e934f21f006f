import { z } from 'zod';
import { directorySorts } from './directory-index.ts';

// The directory's query string: repeated parameters choose several values of a filter.

const many = (item: z.ZodType<string>) =>
  z
    .union([item, z.array(item).max(30)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]));

const slug = z
  .string()
  .max(60)
  .regex(/^[a-z0-9-]+$/);

export const directoryQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  country: many(z.string().regex(/^[A-Z]{2}$/)),
  type: many(slug),
  sector: many(slug),
  eqf: many(z.string().regex(/^[1-8]$/)),
  language: many(z.string().regex(/^[a-z]{2,3}$/)),
  offers: many(slug),
  seeks: many(slug),
  status: many(z.enum(['accredited', 'ene', 'certificate'])),
  sort: z.enum(directorySorts).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type DirectoryQueryInput = z.infer<typeof directoryQuery>;
