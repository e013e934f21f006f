import { DateTime } from 'luxon';
import { z } from 'zod';
import { checkboxList, emailAddress } from '../../http/forms.ts';
import { languages, type Lang } from '../../i18n/languages.ts';
import { countries, languageCodes } from '../centres/lists.ts';
import { DESCRIPTION_MAX, modes, TITLE_MAX } from './lists.ts';
import { isZone } from './times.ts';

// Events' addresses, query strings and forms. An event's form takes its times as a day and a
// time in the event's own zone; they become UTC instants here, after the zone is checked. The
// form's own checks (a title in some language, a place for events on site) run even when a field
// failed, so the form says everything at once.

const slug = z
  .string()
  .max(120)
  .regex(/^[a-z0-9-]+$/);
const id = z.coerce.number().int().min(1).max(2_147_483_647);
const page = z.coerce.number().int().min(1).max(10_000).default(1);

export const eventParams = z.object({ slug });
/** A person's private calendar: its token, with .ics. */
export const feedParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) });
/** The platform's calendar, or one community's. */
export const feedQuery = z.object({ community: slug.optional().catch(undefined) });
export const registrationParams = z.object({ slug, id });

export const listQuery = z.object({
  theme: checkboxList(slug, 30),
  mode: checkboxList(z.enum(modes), modes.length),
  language: checkboxList(z.enum(languageCodes), languageCodes.length),
  country: checkboxList(z.enum(countries), countries.length),
  community: checkboxList(slug, 50),
  when: z.enum(['upcoming', 'past']).catch('upcoming').default('upcoming'),
  page,
});
export type ListQuery = z.infer<typeof listQuery>;

/** A month: ?m=2027-03 (this month when absent or not a month). */
export const monthQuery = z.object({
  m: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
});
/** The zone a reader wants the times in: ?tz=Asia/Amman. */
export const eventQuery = z.object({ tz: z.string().max(60).refine(isZone).optional().catch(undefined) });
export const tokenQuery = z.object({ t: z.string().max(64).optional().default('') });
export const tokenForm = z.object({ t: z.string().max(64).optional().default('') });

/** The names of a language's text fields. */
export const textFields = (l: Lang) => ({ title: `title_${l}`, description: `description_${l}` });

const optionalCount = z
  .string()
  .trim()
  .max(6)
  .optional()
  .default('')
  .transform((v) => (v === '' ? null : Number(v)))
  .pipe(z.number({ error: 'event.error.number' }).int({ error: 'event.error.number' }).min(1, { error: 'event.error.number' }).max(100_000).nullable());
const optionalUrl = (error: string) =>
  z
    .string()
    .trim()
    .max(500)
    .optional()
    .default('')
    .transform((v) => (v === '' ? null : /^https?:\/\//i.test(v) ? v : `https://${v}`))
    .pipe(z.url({ protocol: /^https?$/, error }).nullable());
const day = z.string({ error: 'form.error.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'event.error.date' });
const time = z.string({ error: 'form.error.required' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'event.error.time' });
const text = (max: number) => z.string().trim().max(max).optional().default('');

/** The event's form; the times come out as UTC instants (`startsAt`, `endsAt`). */
export const eventForm = z
  .object({
    organiser: z.string().max(140),
    ...(Object.fromEntries(
      languages.flatMap((l) => [
        [textFields(l).title, text(TITLE_MAX)],
        [textFields(l).description, text(DESCRIPTION_MAX)],
      ]),
    ) as Record<string, ReturnType<typeof text>>),
    lang: z.enum(languageCodes, { error: 'form.error.choose' }),
    theme: z.string().max(80).optional().default(''),
    mode: z.enum(modes, { error: 'form.error.choose' }),
    place: z.string().trim().max(300).optional().default(''),
    country: z
      .union([z.literal(''), z.enum(countries)])
      .optional()
      .default(''),
    join_url: optionalUrl('event.error.url'),
    recording_url: optionalUrl('event.error.url'),
    start_date: day,
    start_time: time,
    end_date: day,
    end_time: time,
    time_zone: z.string().max(60).refine(isZone, { error: 'event.error.zone' }),
    capacity: optionalCount,
    approval: z.enum(['yes']).optional(),
    quota_centre: optionalCount,
    quota_country: optionalCount,
  })
  .superRefine(
    (f, ctx) => {
      if (!languages.some((l) => ((f as Record<string, unknown>)[textFields(l).title] ?? '') !== ''))
        ctx.addIssue({ code: 'custom', path: [textFields('en').title], message: 'event.error.title' });
      if (f.mode !== 'online' && f.place === '') ctx.addIssue({ code: 'custom', path: ['place'], message: 'event.error.place' });
      if (f.mode !== 'online' && f.country === '') ctx.addIssue({ code: 'custom', path: ['country'], message: 'event.error.country' });
    },
    { when: () => true },
  )
  .transform((f, ctx) => {
    const at = (d: string, t: string) => DateTime.fromISO(`${d}T${t}`, { zone: f.time_zone });
    const start = at(f.start_date, f.start_time);
    const end = at(f.end_date, f.end_time);
    if (!start.isValid) ctx.addIssue({ code: 'custom', path: ['start_date'], message: 'event.error.date' });
    else if (!end.isValid) ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'event.error.date' });
    else if (end <= start) ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'event.error.endBeforeStart' });
    return { ...f, startsAt: start.toUTC().toISO() ?? '', endsAt: end.toUTC().toISO() ?? '' };
  });
export type EventForm = z.infer<typeof eventForm>;

/** Registering without an account: a name, an address, and optionally a country. */
export const guestForm = z.object({
  name: z.string({ error: 'form.error.required' }).trim().min(1, { error: 'event.error.name' }).max(120),
  email: emailAddress(),
  country: z
    .union([z.literal(''), z.enum(countries)])
    .optional()
    .default(''),
});
/** Registering signed in: for which of their centres, if any (quotas count by centre). */
export const memberForm = z.object({ centre: z.string().max(80).optional().default('') });
export const decideForm = z.object({ decision: z.enum(['accept', 'decline']) });
export const announceForm = z.object({
  subject: z.string({ error: 'form.error.required' }).trim().min(1, { error: 'event.error.subject' }).max(200),
  body: z.string({ error: 'form.error.required' }).trim().min(1, { error: 'event.error.message' }).max(10_000),
});
export const cancelEventForm = z.object({
  reason: z.string({ error: 'form.error.required' }).trim().min(1, { error: 'event.error.reason' }).max(1000),
});
