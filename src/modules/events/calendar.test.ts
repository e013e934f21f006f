import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ICAL from 'ical.js';
import { calendarFile, type CalendarEvent } from './calendar.ts';

const now = new Date('2027-01-05T08:00:00Z');

/** An event with sensible defaults; a test names only what it is about. */
function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    id: 42,
    title: 'Welding open day',
    description: 'Visit the workshop.',
    startsAt: '2027-05-12T07:00:00Z',
    endsAt: '2027-05-12T09:00:00Z',
    timeZone: 'Europe/Brussels',
    url: 'https://intve.example/en/events/42',
    location: null,
    status: 'scheduled',
    sequence: 0,
    updatedAt: '2027-01-04T16:20:00Z',
    organiser: null,
    ...overrides,
  };
}

function file(events: CalendarEvent[], name = 'IntVE events'): string {
  return calendarFile({ name, baseUrl: 'https://intve.example:8443/en/', events, now });
}

/** Reads the file as a calendar app would: zones first, then the events. */
function parsed(text: string) {
  const calendar = ICAL.Component.fromString(text);
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  return { calendar, events };
}

const instants = (parsedEvent: ICAL.Event) => [parsedEvent.startDate.toJSDate().toISOString(), parsedEvent.endDate.toJSDate().toISOString()];
const wallClock = (time: ICAL.Time) => `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;

describe('calendar file', () => {
  test('an event across the spring clock change keeps its times and shows Brussels wall-clock time', () => {
    const text = file([event({ startsAt: '2027-03-28T00:30:00Z', endsAt: '2027-03-28T03:30:00Z' })]);
    const [read] = parsed(text).events;
    assert.ok(read);
    assert.deepEqual(instants(read), ['2027-03-28T00:30:00.000Z', '2027-03-28T03:30:00.000Z']);
    assert.equal(wallClock(read.startDate), '01:30');
    assert.equal(wallClock(read.endDate), '05:30');
    assert.match(text, /\r\nDTSTART;TZID=Europe\/Brussels:20270328T013000\r\n/);
    assert.match(text, /\r\nDTEND;TZID=Europe\/Brussels:20270328T053000\r\n/);
  });

  test('events in several zones each keep their times, with one time zone definition per zone', () => {
    const planned = [
      event({ id: 1, startsAt: '2027-10-30T23:30:00Z', endsAt: '2027-10-31T02:30:00Z' }),
      event({ id: 2, startsAt: '2027-03-28T00:30:00Z', endsAt: '2027-03-28T03:30:00Z' }),
      event({ id: 3, timeZone: 'America/New_York', startsAt: '2027-11-07T04:30:00Z', endsAt: '2027-11-07T08:00:00Z' }),
      event({ id: 4, timeZone: 'Asia/Kolkata', startsAt: '2027-01-15T04:00:00Z', endsAt: '2027-01-15T06:15:00Z' }),
      // During Ramadan, when Morocco's clocks differ from the rest of the year.
      event({ id: 5, timeZone: 'Africa/Casablanca', startsAt: '2026-03-01T09:00:00Z', endsAt: '2026-03-01T11:00:00Z' }),
    ];
    const { calendar, events } = parsed(file(planned));
    assert.deepEqual(
      events.map(instants),
      planned.map((one) => [new Date(one.startsAt).toISOString(), new Date(one.endsAt).toISOString()]),
    );
    const zones = calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'));
    assert.deepEqual(zones.sort(), ['Africa/Casablanca', 'America/New_York', 'Asia/Kolkata', 'Europe/Brussels']);
    assert.deepEqual(
      events.map((read) => wallClock(read.startDate)),
      ['01:30', '01:30', '00:30', '09:30', '09:00'],
    );
  });

  test('an event starting in the hour repeated as clocks go back is written in UTC, so every reader agrees', () => {
    // 05:30Z is 01:30 EDT; 01:30 happens again an hour later in EST.
    const text = file([event({ timeZone: 'America/New_York', startsAt: '2027-11-07T05:30:00Z', endsAt: '2027-11-07T08:00:00Z' })]);
    const [read] = parsed(text).events;
    assert.ok(read);
    assert.deepEqual(instants(read), ['2027-11-07T05:30:00.000Z', '2027-11-07T08:00:00.000Z']);
    assert.match(text, /\r\nDTSTART:20271107T053000Z\r\n/);
  });

  test('an event planned in a zone nobody knows still lands at the right time, in UTC', () => {
    const text = file([event({ timeZone: 'Mars/Olympus_Mons' })]);
    const [read] = parsed(text).events;
    assert.ok(read);
    assert.deepEqual(instants(read), ['2027-05-12T07:00:00.000Z', '2027-05-12T09:00:00.000Z']);
    assert.match(text, /\r\nDTSTART:20270512T070000Z\r\n/);
    assert.doesNotMatch(text, /VTIMEZONE|Mars/);
  });

  test('titles, places and long descriptions with punctuation, newlines and Arabic read back exactly', () => {
    const title = 'Soudure, niveau 2; ورشة اللحام';
    const location = 'Centre IntVE; Rue de la Loi 16, 1000 Bruxelles';
    const paragraph = 'Atelier pratique, sécurité; équipement fourni.\nورشة عمل حول اللحام، مع مدربين معتمدين.\n\\ ';
    const description = paragraph.repeat(10).slice(0, 400);
    assert.equal(description.length, 400);
    const [read] = parsed(file([event({ title, location, description })])).events;
    assert.ok(read);
    assert.equal(read.summary, title);
    assert.equal(read.location, location);
    assert.equal(read.description, description);
  });

  test("the calendar's name is escaped text, so punctuation or a newline cannot break the file", () => {
    // ical.js does not know NAME (RFC 7986), so the raw lines are checked.
    const text = file([], 'IntVE, events; Brussels\nEND:VCALENDAR');
    assert.match(text, /\r\nNAME:IntVE\\, events\\; Brussels\\nEND:VCALENDAR\r\n/);
    assert.match(text, /\r\nX-WR-CALNAME:IntVE\\, events\\; Brussels\\nEND:VCALENDAR\r\n/);
    assert.equal(text.match(/^END:VCALENDAR\r$/gm)?.length, 1);
  });

  test("the organiser's name opens the description", () => {
    const [read] = parsed(file([event({ organiser: 'Centre Al Amal' })])).events;
    assert.equal(read?.description, 'Centre Al Amal\n\nVisit the workshop.');
  });

  test('a cancelled event says so and carries its revision, link and identity', () => {
    const text = file([event({ id: 7, status: 'cancelled', sequence: 3, location: 'Workshop B', url: 'https://intve.example/en/events/7' }), event({ id: 8 })]);
    const [cancelled, scheduled] = parsed(text).calendar.getAllSubcomponents('vevent');
    assert.equal(cancelled?.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(cancelled?.getFirstPropertyValue('sequence'), 3);
    assert.equal(cancelled?.getFirstPropertyValue('uid'), 'event-7@intve.example');
    assert.equal(cancelled?.getFirstPropertyValue('url'), 'https://intve.example/en/events/7');
    assert.equal(cancelled?.getFirstPropertyValue('location'), 'Workshop B');
    assert.equal(String(cancelled?.getFirstPropertyValue('last-modified')), '2027-01-04T16:20:00Z');
    assert.equal(scheduled?.getFirstPropertyValue('status'), 'CONFIRMED');
    assert.equal(scheduled?.getFirstPropertyValue('location'), null);
    assert.match(text, /\r\nDTSTAMP:20270105T080000Z\r\n/);
    assert.match(text, /\r\nLAST-MODIFIED:20270104T162000Z\r\n/);
    assert.match(text, /^BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-\/\/IntVE\/\/platform\/\/EN\r\n/);
  });

  test('every line ends in CRLF and fits in 75 octets, however long the text', () => {
    const text = file([event({ title: 'ورشة '.repeat(40), description: 'long line '.repeat(60), timeZone: 'Asia/Kolkata' })]);
    assert.ok(text.endsWith('END:VCALENDAR\r\n'));
    const lines = text.slice(0, -2).split('\r\n');
    for (const line of lines) {
      assert.doesNotMatch(line, /[\r\n]/);
      assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `too long: ${line}`);
    }
  });

  test('a calendar with no events still reads as a calendar', () => {
    const { calendar, events } = parsed(file([]));
    assert.equal(calendar.name, 'vcalendar');
    assert.equal(events.length, 0);
    assert.equal(calendar.getFirstPropertyValue('x-wr-calname'), 'IntVE events');
  });
});
