import { z } from 'zod';

// The e-library's query string. Repeated parameters (type=a&type=b) select several values of a
// facet; values within a facet are alternatives, facets narrow each other.

const many = (item: z.ZodType<string>) =>
  z
    .union([item, z.array(item).max(20)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]));

const slug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9-]+$/);

export const facetNames = ['type', 'package', 'station', 'theme', 'sector', 'source', 'country', 'language', 'year'] as const;
export type FacetName = (typeof facetNames)[number];

export const sorts = ['relevance', 'title', 'newest', 'year'] as const;
export type Sort = (typeof sorts)[number];

export const libraryQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  type: many(slug),
  package: many(z.string().regex(/^\d{1,3}$/)),
  station: many(z.string().regex(/^\d{1,3}-\d{1,3}$/)),
  theme: many(slug),
  sector: many(slug),
  source: many(z.string().trim().min(1).max(200)),
  country: many(z.string().regex(/^[A-Z]{2}$/)),
  language: many(z.string().regex(/^[a-z]{2,3}$/)),
  year: many(z.string().regex(/^\d{4}$/)),
  sort: z.enum(sorts).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type LibraryQuery = z.infer<typeof libraryQuery>;

export const resourceParams = z.object({
  slug: z
    .string()
    .max(120)
    .regex(/^[a-z0-9-]+$/),
});
