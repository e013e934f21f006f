import { z } from 'zod';
import { MIN_THRESHOLD } from '../report/anonymity.ts';

// Certificates' addresses and the form of their rules.

/** A certificate's code: ten characters of base 32 in two groups. */
export const certificateParams = z.object({ code: z.string().regex(/^[0-9A-Za-z]{5}-[0-9A-Za-z]{5}$/) });

/** The lookup form: a code as people type it. */
export const lookupQuery = z.object({ code: z.string().max(40).optional() });

export const certificateRulesForm = z.object({
  minIndicators: z.coerce
    .number({ error: 'settings.error.number' })
    .int({ error: 'settings.error.number' })
    .min(1, { error: 'settings.error.number' })
    .max(500, { error: 'settings.error.number' }),
  minAnswers: z.coerce
    .number({ error: 'settings.error.number' })
    .int({ error: 'settings.error.number' })
    .min(MIN_THRESHOLD, { error: 'settings.error.minAnswers' })
    .max(1000, { error: 'settings.error.number' }),
});
