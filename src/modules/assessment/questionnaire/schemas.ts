import { z } from 'zod';

// The questionnaire's addresses and forms: /{lang}/survey/{link}, …/r/{resume token}/{page}.

/** A link or resume token: 43 characters of base64url. */
const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
export const linkParams = z.object({ link: token });
export const invitationParams = z.object({ token });
export const resumeParams = z.object({ token });
export const pageParams = z.object({ token, page: z.coerce.number().int().min(1).max(200) });

/** A short code as people write it down: letters and digits, with or without the hyphen or spaces. */
export const codeForm = z.object({
  code: z
    .string()
    .max(40)
    .transform((v) => v.toUpperCase().replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^[0-9A-Z]{8}$/, { error: 'survey.error.code' })),
});

/** Answer values as the form sends them. */
export const answerInput = z.enum(['1', '2', '3', '4', '5', 'na', 'skip']);
export const answerValue = (v: z.infer<typeof answerInput>): number => (v === 'na' ? 0 : v === 'skip' ? -1 : Number(v));
export const answerField = (value: number): string => (value === 0 ? 'na' : value === -1 ? 'skip' : String(value));

/** "This device is shared": a second response from a browser that has sent one to the group. */
export const sharedForm = z.object({ shared: z.literal('yes').optional() });
