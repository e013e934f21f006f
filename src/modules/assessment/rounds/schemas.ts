import { z } from 'zod';
import { checkboxList as list } from '../../../http/forms.ts';
import { languages } from '../../../i18n/languages.ts';
import { stakeholderGroups, type StakeholderGroup } from '../framework/format.ts';
import { MIN_THRESHOLD } from '../report/anonymity.ts';
import { presets } from './presets.ts';

// The forms of starting and managing a round. A round's threshold (minGroupSize) is the anonymity
// rule of report/anonymity.ts, never below its floor.

const date = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'round.error.date' })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: 'round.error.date' });

export const MAX_OWN = 8;
export const OWN_MAX_LENGTH = 300;
const ownField = z.string().trim().max(OWN_MAX_LENGTH).optional().default('');
/** A group's target number of responses as typed; targetsOf() checks it against the round's minimum. */
const targetField = z.string().trim().max(100).optional().default('');
export const MAX_TARGET = 100_000;
export const targetName = (g: StakeholderGroup) => `target-${g}` as const;

export const roundForm = z
  .object({
    title: z.string().trim().min(1).max(120),
    indicators: list(z.string().regex(/^[a-z0-9-]{1,80}$/), 400).pipe(z.array(z.string()).min(1, { error: 'round.error.noIndicators' })),
    groups: list(z.enum(stakeholderGroups), 6).pipe(z.array(z.enum(stakeholderGroups)).min(1, { error: 'round.error.noGroups' })),
    /** the groups that answer by personal invitation instead of an open link */
    invited: list(z.enum(stakeholderGroups), 6),
    opens: date,
    closes: date,
    minGroupSize: z.coerce
      .number({ error: 'round.error.minGroupSize' })
      .int({ error: 'round.error.minGroupSize' })
      .min(MIN_THRESHOLD, { error: 'round.error.minGroupSize' })
      .max(50, { error: 'round.error.minGroupSize' }),
    own1: ownField,
    own2: ownField,
    own3: ownField,
    own4: ownField,
    own5: ownField,
    own6: ownField,
    own7: ownField,
    own8: ownField,
    'target-leaders': targetField,
    'target-teachers': targetField,
    'target-staff': targetField,
    'target-learners': targetField,
    'target-companies': targetField,
    'target-alumni': targetField,
  })
  .refine((f) => f.closes > f.opens, { path: ['closes'], error: 'round.error.closesBeforeOpens' });
export type RoundForm = z.infer<typeof roundForm>;

/**
 * The target number of responses of each chosen group (empty: none), and the groups whose target
 * is not a whole number at least the round's minimum (or, when that is itself wrong, the floor).
 * Targets of groups not chosen are ignored.
 */
export function targetsOf(
  body: Record<string, unknown>,
  groups: readonly string[],
): { targets: Partial<Record<StakeholderGroup, number>>; wrong: StakeholderGroup[]; min: number } {
  const size = Number(typeof body.minGroupSize === 'string' ? body.minGroupSize.trim() : NaN);
  const min = Number.isInteger(size) && size >= MIN_THRESHOLD && size <= 50 ? size : MIN_THRESHOLD;
  const targets: Partial<Record<StakeholderGroup, number>> = {};
  const wrong: StakeholderGroup[] = [];
  for (const g of stakeholderGroups.filter((x) => groups.includes(x))) {
    const raw = body[targetName(g)];
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') continue;
    const n = Number(text);
    if (/^\d+$/.test(text) && n >= min && n <= MAX_TARGET) targets[g] = n;
    else wrong.push(g);
  }
  return { targets, wrong, min };
}

/** The form that starts a round, from a ready-made set of statements (a link that works without JavaScript). */
export const newRoundQuery = z.object({ preset: z.enum(presets).optional() });

export const extendForm = z.object({ closes: date });

export const MESSAGE_MAX_LENGTH = 1000;

/**
 * Addresses to invite, each with the language of its mail when it differs from the form's: one per
 * line as people paste them ("ana@firm.example", or "ana@firm.example fr"); a language code (one of
 * `languages`) after an address is that person's language. A code with no address before it is refused
 * as an address would be.
 */
const inviteeList = z
  .string()
  .trim()
  .min(1, { error: 'form.error.required' })
  .max(20_000)
  .transform((v) => {
    const people = new Map<string, string | null>();
    let last: string | null = null;
    for (const token of v.split(/[\s,;]+/).filter(Boolean)) {
      const word = token.toLowerCase();
      if (last && (languages as readonly string[]).includes(word)) {
        people.set(last, word);
        last = null;
        continue;
      }
      if (!people.has(word)) people.set(word, null);
      last = word;
    }
    return [...people].map(([email, lang]) => ({ email, lang }));
  })
  .pipe(
    z
      .array(z.object({ email: z.email({ error: 'round.error.emails' }), lang: z.enum(languages).nullable() }))
      .min(1, { error: 'form.error.required' })
      .max(200, { error: 'round.error.tooManyEmails' }),
  );

/** The invitee list as the form shows it again: one person a line, with their language if they have one. */
export const inviteeLines = (people: { email: string; lang: string | null }[]): string =>
  people.map((p) => (p.lang ? `${p.email} ${p.lang}` : p.email)).join('\n');

/** A message of the centre's own: plain text in a plain-text mail, line breaks kept, at most one blank line in a row. */
const messageField = z
  .string()
  .trim()
  .max(MESSAGE_MAX_LENGTH)
  .optional()
  .default('')
  .transform((v) => v.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n'));

/** A group's open link mailed to addresses, each in its language (or the form's, or the page's), with the centre's message. */
export const linkMailForm = z.object({
  group: z.enum(stakeholderGroups),
  emails: inviteeList,
  mailLang: z.enum(languages).optional(),
  mailMessage: messageField,
});

/** Personal invitations to a group: the addresses (with a language each, if given), the mails' language otherwise, and a message of the centre's own. Its names differ from the link mail form's, which shares the page. */
export const inviteForm = z.object({
  inviteGroup: z.enum(stakeholderGroups),
  invitees: inviteeList,
  lang: z.enum(languages),
  message: messageField,
});
export type InviteForm = z.infer<typeof inviteForm>;

export const groupForm = z.object({ group: z.enum(stakeholderGroups) });
