import { z } from 'zod';
import { checkboxList, optionalText } from '../../../http/forms.ts';
import { countries, eqfLevels } from '../../centres/lists.ts';
import { centreParams } from '../../centres/schemas.ts';
import { partnerKinds } from '../consortium/partner-kinds.ts';
import { ruleSets } from '../consortium/rules/index.ts';

// The consortium builder's input: addresses, the search for centres to invite, and its forms
// (start a consortium, invite a centre, add an outside partner, answer an invitation).

export const TITLE_MAX = 160;
export const DESCRIPTION_MAX = 1000;
export const NAME_MAX = 160;
/** how many centres a search for partners shows */
export const MATCHES_SHOWN = 20;
/** the longest search, as long as the search field lets people type */
export const QUERY_MAX = 200;

const id = z.coerce.number().int().min(1).max(2_147_483_647);

export const consortiumParams = centreParams.extend({ id });
export const partnerParams = consortiumParams.extend({ partner: id });

/** The consortium page's search for centres to invite (by name). */
export const consortiumQuery = z.object({ q: z.string().trim().max(QUERY_MAX).optional().default('') });

export const startForm = z.object({
  title: z.string().trim().min(1, { error: 'consortium.error.title' }).max(TITLE_MAX),
  description: optionalText(DESCRIPTION_MAX),
  rules: z.string().refine((v) => ruleSets.has(v), { error: 'form.error.choose' }),
});
export type StartForm = z.infer<typeof startForm>;

const role = z.enum(['full', 'associated'], { error: 'consortium.error.role' }).transform((v) => v === 'full');

export const inviteForm = z.object({
  centre: id,
  role,
  /** the search the invitation was chosen from, so the page comes back with it */
  q: z.string().trim().max(QUERY_MAX).optional().default(''),
});

// Written as people copy it from the Participant Register: spaces or dots between the digits.
const pic = z
  .string()
  .optional()
  .transform((v) => (v ?? '').replace(/[\s.]+/g, ''))
  .pipe(z.union([z.literal(''), z.string().regex(/^\d{9}$/, { error: 'centre.error.pic' })]))
  .transform((v) => v || null);

export const outsideForm = z.object({
  name: z.string().trim().min(1, { error: 'consortium.error.name' }).max(NAME_MAX),
  country: z.enum(countries, { error: 'consortium.error.country' }),
  kind: z.enum(partnerKinds, { error: 'consortium.error.kind' }),
  role,
  eqf: checkboxList(z.coerce.number().int().min(1).max(8), 8).transform((v) =>
    [...new Set(v)].filter((n) => (eqfLevels as readonly number[]).includes(n)).sort((a, b) => a - b),
  ),
  pic,
});
export type OutsideForm = z.infer<typeof outsideForm>;

export const answerForm = z.object({
  answer: z.enum(['accept', 'decline']),
  /** where the answer was given: the centre's list of consortia, or the consortium's page */
  from: z.enum(['list', 'consortium']).optional().default('consortium'),
});
