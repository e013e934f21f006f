import { z } from 'zod';

export const packageParams = z.object({ number: z.coerce.number().int().min(1).max(99) });
export const stationParams = z.object({
  number: z.coerce.number().int().min(1).max(99),
  position: z.coerce.number().int().min(1).max(99),
});
export const caseStudyParams = z.object({
  slug: z
    .string()
    .max(120)
    .regex(/^[a-z0-9-]+$/),
});

/** The checker's ticked challenges: c=key&c=key… */
export const checkerQuery = z.object({
  c: z
    .union([z.string().max(80), z.array(z.string().max(80)).max(50)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v])),
});
