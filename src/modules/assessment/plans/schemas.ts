import { z } from 'zod';
import { checkboxList } from '../../../http/forms.ts';
import { roundParams } from '../paths.ts';
import { planStatuses } from './repository.ts';

// The plan's forms and addresses: …/rounds/{id}/plan, …/plan/actions/{action}.

export const actionParams = roundParams.extend({ action: z.coerce.number().int().min(1).max(2_147_483_647) });

export const focusForm = z.object({ focus: checkboxList(z.string(), 30) });

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));

export const actionForm = z.object({
  criterion: z.string().regex(/^[a-z0-9-]{1,80}$/, { error: 'form.error.choose' }),
  indicator: optional(80),
  source: optional(120),
  title: optional(300),
  owner: z.string().trim().min(1).max(120),
  due: z
    .string()
    .trim()
    .max(10)
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'round.error.date' })
        .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: 'round.error.date' })
        .nullable(),
    ),
  status: z.enum(planStatuses, { error: 'form.error.choose' }),
  notes: optional(1000),
});
export type ActionForm = z.infer<typeof actionForm>;
