import { z } from 'zod';
import { countries, languageCodes } from '../../centres/lists.ts';

// The resource form: shared fields, then a title and description per language. English is
// required; French and Arabic are optional (an empty translation falls back to English).

const list = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item).max(200)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

export const resourceForm = z.object({
  type: z.string().regex(/^[a-z0-9-]{1,60}$/, { error: 'form.error.choose' }),
  source: z.string().trim().min(1).max(200),
  link: z
    .string()
    .trim()
    .max(500)
    .transform((v) => (v === '' ? null : v))
    .pipe(z.url({ protocol: /^https?$/, error: 'centre.error.website' }).nullable()),
  year: z
    .string()
    .trim()
    .regex(/^(\d{4})?$/, { error: 'admin.resource.error.year' })
    .transform((v) => (v ? Number(v) : null)),
  themes: list(z.string().regex(/^[a-z0-9-]{1,60}$/)),
  sectors: list(z.string().regex(/^[a-z0-9-]{1,60}$/)),
  countries: list(z.enum(countries)),
  languages: list(z.enum(languageCodes)),
  stations: list(z.string().regex(/^\d{1,2}-\d{1,2}$/)),
  title_en: z.string().trim().min(1).max(300),
  description_en: z.string().trim().min(1).max(5000),
  title_fr: optionalText(300),
  description_fr: optionalText(5000),
  title_ar: optionalText(300),
  description_ar: optionalText(5000),
});
export type ResourceForm = z.infer<typeof resourceForm>;

export const idParams = z.object({ id: z.coerce.number().int().min(1) });
export const revisionParams = idParams.extend({ revision: z.coerce.number().int().min(1) });
export const listQuery = z.object({ q: z.string().trim().max(200).optional().default(''), done: z.string().max(20).optional() });
