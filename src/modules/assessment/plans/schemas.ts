import { z } from 'zod';
import { checkboxList } from '../../../http/forms.ts';
import { roundParams } from '../paths.ts';
import { planStatuses } from './repository.ts';

// The plan's forms and addresses: …/rounds/{id}/plan, …/plan/new-action, …/plan/actions/{action}.
// Every error names its field in its own words (plan.error.*), so the error summary reads alone.

export const actionParams = roundParams.extend({ action: z.coerce.number().int().min(1).max(2_147_483_647) });

// An action chosen in the report ("Add to plan"): its criterion and recommended action, as the
// new-action page's query and as the focus form's hidden fields when the plan had no focus areas
// yet. Values that do not fit are simply left out (an empty form).
const chosenAction = {
  criterion: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional()
    .catch(undefined),
  source: z
    .string()
    .regex(/^[a-z0-9-]{1,80}\/\d{1,3}\/\d{1,3}$/)
    .optional()
    .catch(undefined),
};

export const focusForm = z.object({ focus: checkboxList(z.string(), 30), ...chosenAction });

const optional = (max: number, error?: string) =>
  z
    .string()
    .trim()
    .max(max, error ? { error } : undefined)
    .optional()
    .transform((v) => (v ? v : null));

export const actionForm = z.object({
  criterion: z.string().regex(/^[a-z0-9-]{1,80}$/, { error: 'plan.error.criterion' }),
  indicator: optional(80),
  source: optional(120),
  title: optional(300, 'plan.error.titleLong'),
  /** a member of the centre, by user id; empty for an owner named in `owner` */
  ownerMember: z
    .string()
    .trim()
    .regex(/^\d{0,10}$/, { error: 'plan.error.owner' })
    .optional()
    .transform((v) => (v ? Number(v) : null)),
  owner: optional(120, 'plan.error.ownerLong'),
  due: z
    .string()
    .trim()
    .max(10, { error: 'plan.error.due' })
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'plan.error.due' })
        .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: 'plan.error.due' })
        .nullable(),
    ),
  status: z.enum(planStatuses, { error: 'plan.error.status' }),
  notes: optional(1000, 'plan.error.notesLong'),
});
export type ActionForm = z.infer<typeof actionForm>;

export const noteForm = z.object({ note: z.string().trim().min(1, { error: 'plan.error.note' }).max(500, { error: 'plan.error.noteLong' }) });

/** The new-action page's query. */
export const newActionQuery = z.object(chosenAction);
