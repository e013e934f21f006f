/**
 * Events as an iCalendar file (RFC 5545) for calendar apps, in wall-clock time under each event's TZID.
 * Each VTIMEZONE is built from the tz data (luxon, so the runtime's Intl) that produced those times: the
 * ready-made ones in @touch4it/ical-timezones date from tzdata 2018 and misplace events by an hour in
 * Morocco, Egypt, Mexico, Jordan, Syria, Iran, Brazil and elsewhere.
 */
import { ICalCalendar, ICalEventStatus, type ICalEventData } from 'ical-generator';
import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';

/** One event as a calendar shows it (the caller has already picked the texts in the reader's language). */
export interface CalendarEvent {
  /** stable id, e.g. 42: the UID is `event-42@<host of baseUrl>` */
  id: number;
  title: string;
  /** plain text (the caller strips Markdown); may be long and contain newlines */
  description: string;
  /** UTC instants, ISO 8601 strings ending in Z */
  startsAt: string;
  endsAt: string;
  /** IANA zone the event is planned in, e.g. 'Europe/Brussels', 'Africa/Casablanca', 'America/New_York' */
  timeZone: string;
  /** the event page's absolute URL */
  url: string;
  /** place name and address for on-site/hybrid events, or null */
  location: string | null;
  /** 'scheduled' or 'cancelled' (STATUS:CANCELLED, and the SEQUENCE goes up) */
  status: 'scheduled' | 'cancelled';
  /** how many times the event was changed after publication (SEQUENCE); 0 at first */
  sequence: number;
  /** when it was last changed (LAST-MODIFIED), UTC ISO */
  updatedAt: string;
  /** the organiser's display name, or null */
  organiser: string | null;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** An .ics document (RFC 5545) holding these events, with a VTIMEZONE for every zone used. */
export function calendarFile(o: { name: string; baseUrl: string; events: CalendarEvent[]; now?: Date }): string {
  const now = o.now ?? new Date();
  // The right-hand side of a UID is a domain name; the port would make it change between set-ups.
  const host = new URL(o.baseUrl).hostname;
  const instantsIn = (zone: string) =>
    o.events.filter((event) => event.timeZone === zone).flatMap((event) => [Date.parse(event.startsAt), Date.parse(event.endsAt)]);
  const calendar = new ICalCalendar({
    prodId: '//IntVE//platform//EN', // ical-generator writes the leading '-'
    name: textValue(o.name),
    // No calendar-wide zone, so that DTSTAMP and LAST-MODIFIED stay in UTC.
    timezone: { name: null, generator: (zone) => timeZoneDefinition(zone, instantsIn(zone)) },
  });
  for (const event of o.events) calendar.createEvent(eventData(event, host, now));
  // RFC 5545 ends every line with CRLF, the last one too; ical-generator leaves it off.
  return `${calendar.toString()}\r\n`;
}

function eventData(event: CalendarEvent, host: string, now: Date): ICalEventData {
  const zone = zoneToWrite(event);
  // ical-generator writes local time under a TZID only for luxon values already in that zone.
  const inZone = (instant: string) => DateTime.fromISO(instant, { zone });
  return {
    id: `event-${event.id}@${host}`,
    start: inZone(event.startsAt),
    end: inZone(event.endsAt),
    timezone: zone,
    stamp: now,
    summary: event.title,
    description: withOrganiser(event.description, event.organiser),
    location: event.location,
    url: event.url,
    status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    sequence: event.sequence,
    lastModified: new Date(event.updatedAt),
  };
}

// UTC when the zone is unknown (the instants stay right, only the local labelling is lost), or when
// start or end falls in the hour repeated as clocks go back: RFC 5545 reads such a time as the first
// of the two, but some readers (ical.js among them) take the second and show the event an hour late.
function zoneToWrite(event: CalendarEvent): string {
  const zone = IANAZone.create(event.timeZone); // cached, unlike IANAZone.isValidZone
  const repeated = (instant: string) => inRepeatedHour(zone, Date.parse(instant));
  return zone.isValid && !repeated(event.startsAt) && !repeated(event.endsAt) ? event.timeZone : 'UTC';
}

// Another instant within three hours shows the same wall-clock time if its offset differs by the gap.
function inRepeatedHour(zone: IANAZone, instant: number): boolean {
  const offset = zone.offset(instant);
  const nearby = [zone.offset(instant - 3 * hour), zone.offset(instant + 3 * hour)];
  return nearby.some((other) => other !== offset && zone.offset(instant + (offset - other) * minute) === other);
}

// ORGANIZER needs an email address (we have none) and makes clients treat the event as a meeting
// invitation, so the name opens the description instead; unlabelled, as this module holds no wording.
const withOrganiser = (description: string, organiser: string | null) => [organiser, description].filter(Boolean).join('\n\n') || null;

// ical-generator writes the calendar name as it is, though NAME is a TEXT value that needs escaping.
const textValue = (text: string) => text.replace(/[\\;,]/g, '\\$&').replace(/\r\n|\r|\n/g, '\\n');

// For each year in which the zone's events fall, the offset on 1 January and every change that year.
// Years between are left out (no event falls in them), so one stray date cannot cost centuries.
function timeZoneDefinition(name: string, instants: number[]): string {
  const zone = IANAZone.create(name);
  const startOf = (year: number) => DateTime.fromObject({ year }, { zone }).toMillis();
  const years = new Set(instants.map((instant) => DateTime.fromMillis(instant, { zone }).year));
  const onsets = [...years]
    .sort((earlier, later) => earlier - later)
    .flatMap((year) => [startOf(year), ...offsetChanges(zone, startOf(year), startOf(year + 1))]);
  return ['BEGIN:VTIMEZONE', `TZID:${name}`, ...onsets.map((onset) => observance(zone, onset)), 'END:VTIMEZONE'].join('\r\n');
}

// The instants at which the zone's UTC offset changes: a day at a time, then halving to the minute
// (no zone changes its offset twice in a day, and offsets change on whole minutes).
function offsetChanges(zone: IANAZone, from: number, to: number): number[] {
  const changes: number[] = [];
  let offsetAtDayStart = zone.offset(from);
  for (let dayStart = from; dayStart < to; dayStart += day) {
    let [before, after] = [dayStart, Math.min(dayStart + day, to)];
    const offsetAtDayEnd = zone.offset(after);
    if (offsetAtDayEnd === offsetAtDayStart) continue;
    while (after - before > minute) {
      const middle = before + Math.floor((after - before) / minute / 2) * minute;
      if (zone.offset(middle) === offsetAtDayStart) before = middle;
      else after = middle;
    }
    changes.push(after);
    offsetAtDayStart = offsetAtDayEnd;
  }
  return changes;
}

// RFC 5545 gives an observance's onset in the local time of the offset it replaces.
function observance(zone: IANAZone, onset: number): string {
  const justBefore = onset - minute;
  const kind = DateTime.fromMillis(onset, { zone }).isInDST ? 'DAYLIGHT' : 'STANDARD';
  const localOnset = DateTime.fromMillis(onset, { zone: FixedOffsetZone.instance(zone.offset(justBefore)) }).toFormat("yyyyLLdd'T'HHmmss");
  const [offsetFrom, offsetTo] = [zone.formatOffset(justBefore, 'techie'), zone.formatOffset(onset, 'techie')];
  return [`BEGIN:${kind}`, `DTSTART:${localOnset}`, `TZOFFSETFROM:${offsetFrom}`, `TZOFFSETTO:${offsetTo}`, `END:${kind}`].join('\r\n');
}
