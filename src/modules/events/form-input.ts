import type { FieldError } from '../../http/forms.ts';
import { parseForm, textValues } from '../../http/forms.ts';
import { languages } from '../../i18n/languages.ts';
import type { EventInput } from './repository/events.ts';
import * as s from './schemas.ts';
import type { EventItem, Organiser } from './service.ts';
import { dayIn } from './times.ts';
import type { EventValues } from './views/form.ts';

// Between the event's form and an event: the form's values from an event (to change it), and an
// event from the form (checked against what the person may organise for, and against the places
// already held, which the capacity cannot go below).

export const organiserValue = (x: Organiser) => (x.kind === 'platform' ? 'platform' : `${x.kind}:${x.slug}`);

/** The form's values from an event, for editing. */
export function valuesOf(e: EventItem, organiser: string): EventValues {
  const local = (at: string) => {
    const d = dayIn(e.timeZone, at);
    const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: e.timeZone }).format(new Date(at));
    return [d, time] as const;
  };
  const [startDate, startTime] = local(e.startsAt);
  const [endDate, endTime] = local(e.endsAt);
  const out: EventValues = {
    organiser,
    lang: e.lang,
    theme: e.theme ?? '',
    mode: e.mode,
    place: e.place ?? '',
    country: e.country ?? '',
    join_url: e.joinUrl ?? '',
    recording_url: e.recordingUrl ?? '',
    start_date: startDate,
    start_time: startTime,
    end_date: endDate,
    end_time: endTime,
    time_zone: e.timeZone,
    capacity: e.capacity === null ? '' : String(e.capacity),
    approval: e.approval ? 'yes' : '',
    quota_centre: e.quotaCentre === null ? '' : String(e.quotaCentre),
    quota_country: e.quotaCountry === null ? '' : String(e.quotaCountry),
  };
  for (const x of e.texts) Object.assign(out, { [s.textFields(x.lang).title]: x.title, [s.textFields(x.lang).description]: x.description });
  return out;
}

/** The form's data as an event, or the values and errors to show again. */
export function eventInput(
  body: unknown,
  mine: Organiser[],
  takenNow: number,
): { ok: true; e: EventInput } | { ok: false; values: EventValues; errors: FieldError[] } {
  const form = parseForm(s.eventForm, body);
  const values = form.ok ? textValues(body as Record<string, string>) : textValues(form.values);
  if (!form.ok) return { ok: false, values, errors: form.errors };
  const f = form.data;
  const organiser = mine.find((x) => organiserValue(x) === f.organiser);
  const errors: FieldError[] = [];
  if (!organiser) errors.push({ field: 'organiser', key: 'form.error.choose' });
  if (f.capacity !== null && f.capacity < takenNow) errors.push({ field: 'capacity', key: 'event.error.capacityBelow', values: { count: takenNow } });
  if (errors.length || !organiser) return { ok: false, values, errors };
  const text = f as unknown as Record<string, string | undefined>;
  const texts = languages.flatMap((l) => {
    const title = text[s.textFields(l).title] ?? '';
    return title ? [{ lang: l, title, description: text[s.textFields(l).description] ?? '' }] : [];
  });
  return {
    ok: true,
    e: {
      organiserKind: organiser.kind,
      communityId: organiser.kind === 'community' ? organiser.id : null,
      centreId: organiser.kind === 'centre' ? organiser.id : null,
      mode: f.mode,
      place: f.mode === 'online' ? null : f.place,
      country: f.mode === 'online' ? null : f.country || null,
      joinUrl: f.join_url,
      startsAt: f.startsAt,
      endsAt: f.endsAt,
      timeZone: f.time_zone,
      lang: f.lang,
      theme: f.theme || null,
      capacity: f.capacity,
      approval: f.approval === 'yes',
      quotaCentre: f.quota_centre,
      quotaCountry: f.quota_country,
      recordingUrl: f.recording_url,
      texts,
    },
  };
}
