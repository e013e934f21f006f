import { z } from 'zod';
import { checkboxList } from '../../http/forms.ts';
import { centreTypes, countries, eqfLevels, languageCodes } from './lists.ts';

// The centre profile form. Checkbox groups arrive as one value or a list; both become lists.

const list = <T extends z.ZodType>(item: T) => checkboxList(item, 50);

export const DESCRIPTION_MAX = 2000;

export const profileForm = z.object({
  name: z.string().trim().min(1).max(160),
  country: z.enum(countries, { error: 'form.error.choose' }),
  city: z.string().trim().min(1).max(120),
  website: z
    .string()
    .trim()
    .max(300)
    .transform((v) => (v === '' ? null : /^https?:\/\//i.test(v) ? v : `https://${v}`))
    .pipe(z.url({ protocol: /^https?$/, error: 'centre.error.website' }).nullable()),
  type: z.enum(centreTypes, { error: 'form.error.choose' }),
  description: z
    .string()
    .trim()
    .max(DESCRIPTION_MAX)
    .transform((v) => v || null),
  eqf: list(z.coerce.number().int().min(1).max(8)).transform((v) => [...new Set(v)].sort().filter((n) => (eqfLevels as readonly number[]).includes(n))),
  languages: list(z.enum(languageCodes)),
  sectors: list(z.string().regex(/^[a-z0-9-]{1,60}$/)),
  published: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
});
export type ProfileForm = z.infer<typeof profileForm>;

export const inviteForm = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, { error: 'form.error.required' })
    .max(254)
    .pipe(z.email({ error: 'account.error.email' })),
  role: z.enum(['member', 'admin'], { error: 'form.error.choose' }),
});

export const roleForm = z.object({ role: z.enum(['member', 'admin']) });
export const centreParams = z.object({
  slug: z
    .string()
    .max(80)
    .regex(/^[a-z0-9-]+$/),
});
export const memberParams = centreParams.extend({ userId: z.coerce.number().int().min(1) });
