import { z } from 'zod';
import { checkboxList, emailAddress, optionalText } from '../../http/forms.ts';
import { centreTypes, contactRoles, countries, eqfLevels, languageCodes, partnerTopics } from './lists.ts';
import type { NetworkProfile } from './repository.ts';

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
  email: emailAddress(),
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

// The network profile form (what the centre offers and seeks, identifiers, programmes, contacts,
// signals). Its fields are named per item, so an error lands on the field it is about:
// `offers` (checkboxes) and `offers-note-<topic>`; `contacts` and `contact-<role>`;
// `programme-<n>-title|sector|eqf` for the rows of the programme table.

export const NOTE_MAX = 200;
export const PROGRAMME_ROWS = 20;
export const signalChoices = ['rounds', 'activity', 'maturity'] as const;

const networkShape: Record<string, z.ZodType> = {
  offers: list(z.enum(partnerTopics)),
  seeks: list(z.enum(partnerTopics)),
  // Written as people copy them: spaces inside, a lower-case e.
  erasmusOid: z
    .string()
    .optional()
    .transform((v) => (v ?? '').replace(/\s+/g, '').toUpperCase())
    .pipe(z.union([z.literal(''), z.string().regex(/^E\d{8}$/, { error: 'centre.error.oid' })])),
  euPic: z
    .string()
    .optional()
    .transform((v) => (v ?? '').replace(/[\s.]+/g, ''))
    .pipe(z.union([z.literal(''), z.string().regex(/^\d{9}$/, { error: 'centre.error.pic' })])),
  status: list(z.enum(['accredited', 'ene'])),
  contacts: list(z.enum(contactRoles)),
  signals: list(z.enum(signalChoices)),
};
for (const topic of partnerTopics) {
  networkShape[`offers-note-${topic}`] = optionalText(NOTE_MAX);
  networkShape[`seeks-note-${topic}`] = optionalText(NOTE_MAX);
}
for (const role of contactRoles) networkShape[`contact-${role}`] = optionalText(120);
for (let n = 0; n < PROGRAMME_ROWS; n++) {
  networkShape[`programme-${n}-title`] = optionalText(160);
  networkShape[`programme-${n}-sector`] = z.union([z.literal(''), z.string().regex(/^[a-z0-9-]{1,60}$/)]).optional();
  networkShape[`programme-${n}-eqf`] = z.union([z.literal(''), z.coerce.number().int().min(1).max(8)]).optional();
}

export const networkForm = z
  .object(networkShape)
  .superRefine((v, ctx) => {
    // A row with a sector or a level but no title would be lost without a word: ask for the title.
    for (let n = 0; n < PROGRAMME_ROWS; n++) {
      if (!v[`programme-${n}-title`] && (v[`programme-${n}-sector`] || v[`programme-${n}-eqf`])) {
        ctx.addIssue({ code: 'custom', path: [`programme-${n}-title`], message: 'centre.error.programmeTitle' });
      }
    }
  })
  .transform((v): NetworkProfile => {
    const chosen = (key: string) => v[key] as string[];
    const entries = (side: 'offers' | 'seeks') => chosen(side).map((topic) => ({ topic, note: (v[`${side}-note-${topic}`] as string | null) ?? null }));
    const signals = chosen('signals');
    const programmes: NetworkProfile['programmes'] = [];
    for (let n = 0; n < PROGRAMME_ROWS; n++) {
      const title = v[`programme-${n}-title`] as string | null;
      if (title) programmes.push({ title, sector: (v[`programme-${n}-sector`] as string) || null, eqfLevel: (v[`programme-${n}-eqf`] as number | '') || null });
    }
    return {
      offers: entries('offers'),
      seeks: entries('seeks'),
      erasmusOid: (v.erasmusOid as string) || null,
      euPic: (v.euPic as string) || null,
      accredited: chosen('status').includes('accredited'),
      eneMember: chosen('status').includes('ene'),
      programmes,
      contacts: chosen('contacts').map((role) => ({ role, name: (v[`contact-${role}`] as string | null) ?? null })),
      showRounds: signals.includes('rounds'),
      showActivity: signals.includes('activity'),
      shareMaturity: signals.includes('maturity'),
    };
  });
