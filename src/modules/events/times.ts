// An event's times in words, in a language and a time zone: "Thursday 14 January 2027, 10:00–12:30"
// and the zone's name ("Central European Standard Time"). Formats are made once per language and zone.

const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: string, timeZone: string, o: Intl.DateTimeFormatOptions, kind: string): Intl.DateTimeFormat {
  const key = `${kind}:${lang}:${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { ...o, timeZone });
    formats.set(key, f);
  }
  return f;
}

/** The start and end as one range, in the zone given. */
export const timeRange = (lang: string, timeZone: string, startsAt: string, endsAt: string): string =>
  format(lang, timeZone, { dateStyle: 'full', timeStyle: 'short' }, 'range').formatRange(new Date(startsAt), new Date(endsAt));

/** The zone's name at that moment ("Central European Summer Time"), or its id when the language has none. */
export function zoneName(lang: string, timeZone: string, at: string): string {
  const parts = format(lang, timeZone, { timeZoneName: 'long' }, 'zone').formatToParts(new Date(at));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** One moment, in full: "Thursday 14 January 2027 at 10:00". */
export const moment = (lang: string, timeZone: string, at: string): string =>
  format(lang, timeZone, { dateStyle: 'full', timeStyle: 'short' }, 'range').format(new Date(at));

/** The day and time of the start only, shorter, for lists: "14 Jan 2027, 10:00". */
export const startShort = (lang: string, timeZone: string, startsAt: string): string =>
  format(lang, timeZone, { dateStyle: 'medium', timeStyle: 'short' }, 'short').format(new Date(startsAt));

/** A moment's calendar day in a zone, as YYYY-MM-DD (for the month view). */
export const dayIn = (timeZone: string, at: string): string =>
  format('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'day').format(new Date(at));

/** Whether a zone is one the runtime knows (IANA names, as Intl accepts them). */
export function isZone(timeZone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(timeZone) && timeZone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Every zone the runtime knows, for the forms' lists. */
export const zones: readonly string[] = Intl.supportedValuesOf('timeZone');
