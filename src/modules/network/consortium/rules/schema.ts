import { z } from 'zod';
import { catalogues } from '../../../../i18n/messages.ts';
import { partnerKinds } from '../partner-kinds.ts';

// The shape of a call's rules as data (docs/decisions/0017). A year's programme guide is one file
// in this folder, checked against this schema when it loads; checklist.ts interprets the few rule
// kinds below. A new kind of rule is the only change that needs code.

/** A message key that exists in the catalogues, so a rule set cannot name wording that is not there. */
const messageKey = z.string().refine((key) => key in catalogues.en, { error: 'no such message in src/i18n/en.json' });
const id = z.string().regex(/^[a-z0-9-]+$/);
const eqfLevel = z.int().min(1).max(8);
/** Only full partners count towards the rule (associated partners are shown, not counted). */
const fullOnly = z.boolean();
/** a caveat the checklist shows under the rule (a message key) */
const note = messageKey.optional();

export const ruleSchema = z.discriminatedUnion('kind', [
  /** at least `min` full partners */
  z.object({ id, kind: z.literal('min-full-partners'), min: z.int().min(1), note }),
  /** partners from at least `min` different countries */
  z.object({ id, kind: z.literal('min-countries'), min: z.int().min(1), fullOnly, note }),
  /** every EQF level from `from` to `to` offered by some partner */
  z
    .object({ id, kind: z.literal('eqf-covered'), from: eqfLevel, to: eqfLevel, fullOnly, note })
    .refine((r) => r.from <= r.to, { error: 'from must not be above to' }),
  /** some partner offers a level below `level` */
  z.object({ id, kind: z.literal('eqf-below'), level: z.int().min(2).max(8), fullOnly, note }),
  /** in every country of the consortium, a partner of each group (one of the group's kinds) */
  z.object({
    id,
    kind: z.literal('kinds-per-country'),
    groups: z
      .array(z.object({ id, label: messageKey, kinds: z.array(z.enum(partnerKinds)).min(1) }))
      .min(1)
      .refine((gs) => new Set(gs.map((g) => g.id)).size === gs.length, { error: 'group ids must differ' }),
    fullOnly,
    note,
  }),
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule['kind'];

export const ruleSetSchema = z.object({
  id,
  /** the programme guide the rules follow, as published (shown in its own language) */
  guide: z.string().min(1),
  /** message telling applicants to check the current guide; gets {guide} */
  checkNote: messageKey,
  rules: z
    .array(ruleSchema)
    .min(1)
    .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, { error: 'rule ids must differ' }),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
