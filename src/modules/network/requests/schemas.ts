import { z } from 'zod';
import { checkboxList } from '../../../http/forms.ts';
import { centreTypes, countries, partnerTopics } from '../../centres/lists.ts';

// Partner requests: the form a centre posts, the reply form, and the list's query string.

export const TITLE_MAX = 150;
export const DESCRIPTION_MAX = 3000;
export const CAP_MAX = 500;
/** how far ahead a deadline may be */
export const DEADLINE_DAYS_MAX = 366;

const slug = z
  .string()
  .max(60)
  .regex(/^[a-z0-9-]+$/);

/** Today in UTC, as the deadline's YYYY-MM-DD is read. */
export const today = (now = new Date()) => now.toISOString().slice(0, 10);

export const requestForm = z.object({
  title: z.string({ error: 'form.error.required' }).trim().min(1, { error: 'form.error.required' }).max(TITLE_MAX),
  purpose: z.enum(partnerTopics, { error: 'form.error.choose' }),
  description: z.string({ error: 'form.error.required' }).trim().min(1, { error: 'form.error.required' }).max(DESCRIPTION_MAX),
  sectors: checkboxList(slug, 30),
  countries: checkboxList(z.enum(countries), countries.length),
  types: checkboxList(z.enum(centreTypes), centreTypes.length),
  // A real day, from today to a year ahead (checked here, so the message comes with the others).
  deadline: z
    .string({ error: 'request.error.deadline' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'request.error.deadline' })
    .superRefine((v, ctx) => {
      const date = new Date(`${v}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v) ctx.addIssue({ code: 'custom', message: 'request.error.deadline' });
      else if (v < today()) ctx.addIssue({ code: 'custom', message: 'request.error.deadlinePast' });
      else if (date.getTime() - Date.now() > DEADLINE_DAYS_MAX * 86_400_000) ctx.addIssue({ code: 'custom', message: 'request.error.deadlineFar' });
    }),
  // Empty: no cap. Zero, a fraction or more than CAP_MAX: a clear message.
  cap: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > CAP_MAX) {
        ctx.addIssue({ code: 'custom', message: 'request.error.cap' });
        return z.NEVER;
      }
      return n;
    }),
});
export type RequestForm = z.infer<typeof requestForm>;

export const replyForm = z.object({
  centre: slug,
  body: z.string({ error: 'message.error.body' }).trim().min(1, { error: 'message.error.body' }).max(5000, { error: 'message.error.bodyLong' }),
});

const many = (item: z.ZodType<string>) =>
  z
    .union([item, z.array(item).max(30)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]));

export const requestSorts = ['newest', 'deadline'] as const;
export const requestQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  purpose: many(slug),
  sector: many(slug),
  country: many(z.string().regex(/^[A-Z]{2}$/)),
  sort: z.enum(requestSorts).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type RequestQuery = z.infer<typeof requestQuery>;

export const requestParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
export const centreRequestParams = z.object({
  slug: z
    .string()
    .max(80)
    .regex(/^[a-z0-9-]+$/),
  id: z.coerce.number().int().min(1).max(2_147_483_647),
});
