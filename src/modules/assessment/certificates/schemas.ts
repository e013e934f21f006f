import { z } from 'zod';
import { checkboxList } from '../../../http/forms.ts';
import { stakeholderGroups } from '../framework/format.ts';
import { MIN_THRESHOLD } from '../report/anonymity.ts';

// Certificates' addresses and forms: the rules (administrators), issuing (a centre's
// administrators confirm what the preview showed) and showing a certificate on the profile.

/** A certificate's code: ten characters of base 32 in two groups. */
export const certificateParams = z.object({ code: z.string().regex(/^[0-9A-Za-z]{5}-[0-9A-Za-z]{5}$/) });

/** The lookup form: a code as people type it. */
export const lookupQuery = z.object({ code: z.string().max(40).optional() });

const whole = (min: number, max: number, minKey = 'settings.error.number') =>
  z.coerce
    .number({ error: 'settings.error.number' })
    .int({ error: 'settings.error.number' })
    .min(min, { error: minKey })
    .max(max, { error: 'settings.error.number' });

export const certificateRulesForm = z.object({
  minDays: whole(0, 365),
  minGroups: whole(1, stakeholderGroups.length),
  requiredGroups: checkboxList(z.enum(stakeholderGroups, { error: 'form.error.invalid' }), stakeholderGroups.length),
  minIndicators: whole(1, 500),
  minAnswers: whole(MIN_THRESHOLD, 1000, 'settings.error.minAnswers'),
  validityMonths: whole(1, 120),
});

/** The second step of issuing: only a form that says so issues the certificate. */
export const issueForm = z.object({ confirm: z.literal('yes').optional() });

/** Whether the certificate shows on the centre's public profile (a checkbox: absent means no). */
export const profileForm = z.object({ onProfile: z.literal('yes').optional() });
