import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { openDatabase } from '../../db/database.ts';
import { community as makeCommunity, signIn, user } from '../../../test/factories/index.ts';
import { agent, lastMail, type Agent } from '../../../test/helpers/agent.ts';
import { runJobs, testApp, type TestApp } from '../../../test/helpers/app.ts';
import { createMailer } from '../accounts/mail.ts';
import { communitiesService } from '../communities/service.ts';
import { createSearch } from '../search/index.ts';
import * as repo from './repository/events.ts';
import { registrationsService } from './registrations.ts';
import { eventsService } from './service.ts';

// Events through HTTP as organisers and participants use them, on the test database: creating
// one (and the form's refusals), registering with and without an account, the waiting list and
// its promotions, offers close to the start, quotas, cancelling, the organiser's pages and the
// calendars, read by a real iCalendar parser. And the rule above all: no place is given twice,
// with 500 people at once from two instances.

let t: TestApp;
let editor: Agent;
before(async () => {
  t = await testApp();
  editor = await signIn(t, await user(t, { role: 'editor' }));
});
after(() => t.close());

const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return { date: d.toISOString().slice(0, 10), time: `${String(hour).padStart(2, '0')}:00` };
};

function form(o: Record<string, string> = {}) {
  const start = inDays(30);
  return {
    organiser: 'platform',
    title_en: 'Work-based learning in hotels',
    description_en: 'Tutors compare **placements**.',
    lang: 'en',
    mode: 'online',
    time_zone: 'Europe/Brussels',
    start_date: start.date,
    start_time: '10:00',
    end_date: start.date,
    end_time: '12:30',
    join_url: 'https://meet.example.org/wbl',
    capacity: '',
    ...o,
  };
}

async function createEvent(fields: Record<string, string> = {}, by = editor): Promise<string> {
  const res = await by.post('/en/events', form(fields), '/en/events/new');
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  return String(res.headers.location).replace(/\?.*$/, '');
}

/** A guest registers from the event's page; where they land. */
async function guest(url: string, name: string, email: string, country = '') {
  const a = agent(t);
  const res = await a.post(`${url}/register`, { name, email, country }, url);
  return { a, res };
}
const statusOf = async (url: string, email: string) => {
  const slug = url.split('/').pop()!;
  const ev = (await repo.bySlug(t.database.db, slug))!;
  return (
    await t.database.db
      .selectFrom('event_registrations')
      .select('status')
      .where('event_id', '=', ev.id)
      .where('email', '=', email)
      .orderBy('id', 'desc')
      .executeTakeFirst()
  )?.status;
};

describe('organising', () => {
  test('an editor creates an event: its page tells when in its zone and in the reader’s, where, and how to register', async () => {
    const url = await createEvent({ capacity: '30' });
    assert.match(url, /^\/en\/events\/work-based-learning-in-hotels-\d{4}-\d{2}-\d{2}$/);
    const page = await agent(t).get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1><span lang="en" dir="auto">Work-based learning in hotels<\/span><\/h1>/);
    assert.match(page.body, /10:00\sAM\s–\s12:30\sPM \(Central European (Standard|Summer) Time\)/);
    assert.match(page.body, /30 places left of 30/);
    assert.match(page.body, /"@type":"Event"/);
    assert.match(page.body, /OnlineEventAttendanceMode/);
    assert.match(page.body, /"remainingAttendeeCapacity":30/);
    // The joining link is for registered people only.
    assert.doesNotMatch(page.body, /meet\.example\.org/);
    const amman = await agent(t).get(`${url}?tz=Asia/Amman`);
    assert.match(amman.body, /Your time/);
    assert.match(amman.body, /<dt>Your time<\/dt><dd>[^<]*12:00\s–\s2:30\sPM \(GMT\+03:00\)<\/dd>/);
    const list = await agent(t).get('/en/events');
    assert.match(list.body, /Work-based learning in hotels/);
  });

  test('the form comes back with the values and a message for each problem', async () => {
    const res = await editor.post(
      '/en/events',
      form({ title_en: '', start_time: '14:00', end_time: '09:00', time_zone: 'Europe/Atlantis', mode: 'onsite', place: '', capacity: '-3' }),
      '/en/events/new',
    );
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Give the event a title/);
    assert.match(res.body, /This time zone does not exist/);
    assert.match(res.body, /Say where the event takes place/);
    assert.match(res.body, /Enter a whole number of 1 or more/);
    assert.match(res.body, /value="Tutors compare \*\*placements\*\*\.|>Tutors compare \*\*placements\*\*\.</);
    const later = await editor.post('/en/events', form({ end_time: '09:00' }), '/en/events/new');
    assert.equal(later.statusCode, 422);
    assert.match(later.body, /The end must come after the start/);
  });

  test('a member who organises for nothing gets no form; a facilitator organises for their community', async () => {
    const someone = await signIn(t, await user(t));
    assert.equal((await someone.get('/en/events/new')).statusCode, 404);
    const refused = await someone.post('/en/events', form(), '/en/account');
    assert.equal(refused.statusCode, 404);
    const facilitator = await user(t);
    await makeCommunity(t, 'event-makers', { facilitator });
    const f = await signIn(t, facilitator);
    const page = await f.get('/en/events/new');
    assert.match(page.body, /value="community:event-makers"/);
    assert.doesNotMatch(page.body, /value="platform"/);
    const url = await createEvent({ organiser: 'community:event-makers', title_en: 'Community meet-up' }, f);
    assert.match((await agent(t).get(url)).body, /href="\/en\/communities\/event-makers"/);
    const feed = await agent(t).get('/en/events/calendar.ics?community=event-makers');
    assert.equal(feed.statusCode, 200);
    assert.match(feed.body, /SUMMARY:Community meet-up/);
  });
});

describe('registering', () => {
  test('places, then the waiting list in order; a cancellation gives the place to the first in line, who is told', async () => {
    const url = await createEvent({ capacity: '2', title_en: 'Two places' });
    const first = await guest(url, 'Amal Haddad', 'amal@guest.example', 'JO');
    assert.equal(first.res.statusCode, 303);
    assert.match(String(first.res.headers.location), /\/registrations\/\d+\?t=[\w-]+&done=registered$/);
    const mail = await lastMail(t, 'amal@guest.example');
    assert.match(mail!.subject, /You are registered: Two places/);
    assert.ok(mail!.link?.includes('/registrations/'));
    await guest(url, 'Jonas Weber', 'jonas@guest.example');
    const third = await guest(url, 'Samira Benali', 'samira@guest.example');
    assert.equal(await statusOf(url, 'samira@guest.example'), 'waiting');
    const page = await third.a.get(String(third.res.headers.location));
    assert.match(page.body, /You are number 1 on the waiting list/);
    const waitingMail = await lastMail(t, 'samira@guest.example');
    assert.match(waitingMail!.body, /number 1/);
    // The same address again: told it is registered already, nothing added.
    const again = await guest(url, 'Amal again', 'AMAL@guest.example');
    assert.match(String(again.res.headers.location), /done=already/);
    assert.equal((await agent(t).get(url)).body.includes('No places left'), true);

    // Amal cancels from her mail's link: Samira has the place, and a mail says so.
    const link = (await lastMail(t, 'amal@guest.example'))!.link!;
    const own = agent(t);
    const cancelled = await own.post(link.replace(/\?t=.*$/, '/cancel'), { t: new URL(link, 'http://x').searchParams.get('t')! }, link);
    assert.equal(cancelled.statusCode, 303);
    assert.equal(await statusOf(url, 'amal@guest.example'), 'cancelled');
    assert.equal(await statusOf(url, 'samira@guest.example'), 'registered');
    assert.match((await lastMail(t, 'samira@guest.example'))!.subject, /A place is yours: Two places/);
    // A forged link opens nothing.
    assert.equal((await agent(t).get(link.replace(/t=[\w-]+/, 't=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'))).statusCode, 404);
  });

  test('signed in: one button, the joining link once registered, and the person’s own calendar', async () => {
    const url = await createEvent({ title_en: 'Open to all' });
    const person = await user(t, { name: 'Leila Mansour' });
    const a = await signIn(t, person);
    const res = await a.post(`${url}/register`, {}, url);
    assert.match(String(res.headers.location), /done=registered$/);
    const page = await a.get(url);
    assert.match(page.body, /You are registered/);
    assert.match(page.body, /href="https:\/\/meet\.example\.org\/wbl"/);
    const mine = await a.get('/en/events/my-calendar');
    const address = /value="http:\/\/localhost:3000(\/en\/events\/feed\/[\w-]+\.ics)"/.exec(mine.body)![1]!;
    const feed = await agent(t).get(address);
    assert.match(feed.body, /SUMMARY:Open to all/);
    // A new address: the old one stops working.
    await a.post('/en/events/my-calendar/replace', {}, '/en/events/my-calendar');
    assert.equal((await agent(t).get(address)).statusCode, 404);
  });

  test('with approval, people wait for the organiser, who accepts or declines them', async () => {
    const url = await createEvent({ title_en: 'By approval', approval: 'yes', capacity: '5' });
    await guest(url, 'Nour Khalil', 'nour@guest.example');
    assert.equal(await statusOf(url, 'nour@guest.example'), 'pending');
    assert.match((await lastMail(t, 'nour@guest.example'))!.subject, /Request received: By approval/);
    const list = await editor.get(`${url}/participants`);
    assert.match(list.body, /Waiting for your approval/);
    const id = /participants\/(\d+)\/decide/.exec(list.body)![1]!;
    const res = await editor.post(`${url}/participants/${id}/decide`, { decision: 'accept' }, `${url}/participants`);
    assert.equal(res.statusCode, 303);
    assert.equal(await statusOf(url, 'nour@guest.example'), 'registered');
    assert.match((await lastMail(t, 'nour@guest.example'))!.subject, /accepted/);
    const csv = await editor.get(`${url}/participants.csv`);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(csv.body, /Nour Khalil,nour@guest\.example/);
    // Nobody else sees the participants.
    assert.equal((await (await signIn(t, await user(t))).get(`${url}/participants`)).statusCode, 404);
  });

  test('a quota per centre keeps one centre from filling the session; promotion skips who is over it', async () => {
    const url = await createEvent({ title_en: 'Quota', capacity: '3', quota_country: '1' });
    await guest(url, 'A', 'a@quota.example', 'MA');
    await guest(url, 'B', 'b@quota.example', 'MA');
    await guest(url, 'C', 'c@quota.example', 'TN');
    assert.equal(await statusOf(url, 'a@quota.example'), 'registered');
    assert.equal(await statusOf(url, 'b@quota.example'), 'waiting');
    assert.equal(await statusOf(url, 'c@quota.example'), 'registered');
  });

  test('a place freed two days before the start is offered, to confirm; an offer let lapse goes to the next', async () => {
    const url = await createEvent({ title_en: 'Soon', capacity: '1', start_date: inDays(1).date, end_date: inDays(1).date });
    const x = await guest(url, 'X', 'x@soon.example');
    await guest(url, 'Y', 'y@soon.example');
    await guest(url, 'Z', 'z@soon.example');
    await runJobs(t); // their first mails out, so the next one to each is the last
    const link = String(x.res.headers.location).replace(/&done=.*/, '');
    await x.a.post(link.replace(/\?t=.*$/, '/cancel'), { t: new URL(link, 'http://x').searchParams.get('t')! }, link);
    assert.equal(await statusOf(url, 'y@soon.example'), 'offered');
    assert.match((await lastMail(t, 'y@soon.example'))!.subject, /A place is free/);
    // Twelve hours later, unconfirmed: the offer lapses and Z has it.
    const slug = url.split('/').pop()!;
    const ev = (await repo.bySlug(t.database.db, slug))!;
    await t.database.db
      .updateTable('event_registrations')
      .set({ offered_until: new Date(Date.now() - 1000).toISOString() })
      .where('event_id', '=', ev.id)
      .where('status', '=', 'offered')
      .execute();
    await t.jobs.enqueue('events.tick', {});
    await t.jobs.runDue();
    assert.equal(await statusOf(url, 'y@soon.example'), 'cancelled');
    assert.equal(await statusOf(url, 'z@soon.example'), 'offered');
  });

  test('cancelling the event tells everyone, with the reason; its calendar says CANCELLED', async () => {
    const url = await createEvent({ title_en: 'To cancel' });
    await guest(url, 'P', 'p@cancel.example');
    await runJobs(t);
    const res = await editor.post(`${url}/cancel`, { reason: 'The trainer is ill.' }, `${url}/cancel`);
    assert.equal(res.statusCode, 303);
    const mail = await lastMail(t, 'p@cancel.example');
    assert.match(mail!.subject, /Cancelled: To cancel/);
    assert.match(mail!.body, /The trainer is ill\./);
    const ics = await agent(t).get(`${url}/calendar.ics`);
    const comp = ICAL.Component.fromString(ics.body);
    assert.equal(comp.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status'), 'CANCELLED');
    // Its page says so, and offers no registration any more.
    const page = await agent(t).get(url);
    assert.match(page.body, /This event is cancelled\. <span dir="auto">The trainer is ill\.<\/span>/);
    assert.doesNotMatch(page.body, /action="[^"]*\/register"/);
  });
});

describe('no place is given twice', () => {
  test('500 people registering within five seconds for 100 places, from two instances: 100 registered, 400 waiting in arrival order', async () => {
    const url = await createEvent({ title_en: 'Rush', capacity: '100' });
    const slug = url.split('/').pop()!;
    // A second instance: its own connections to the same PostgreSQL database. SQLite serves one
    // instance (its connection is synchronous: two in one process would wait on each other), so
    // there the two share the connection, their transactions still interleaving.
    const postgres = !t.url.startsWith('sqlite:');
    const second = postgres ? openDatabase(t.url, { poolSize: 5 }) : t.database;
    try {
      const instance = (db: typeof t.database.db) => {
        const search = createSearch(t.database);
        const events = eventsService(db, { communities: communitiesService(db, { search }), baseUrl: 'http://localhost:3000' });
        return registrationsService(db, { events, mailer: createMailer(t.jobs), jobs: t.jobs, baseUrl: 'http://localhost:3000', secret: 'test-secret' });
      };
      const instances = [instance(t.database.db), instance(second.db)];
      // Twenty bursts of 25 at once, a quarter of a second apart: 500 within five seconds, as a
      // popular session's announcement brings people, each burst more than the pools have connections.
      const results = await Promise.all(
        Array.from({ length: 500 }, async (_, i) => {
          await new Promise((resolve) => setTimeout(resolve, Math.floor(i / 25) * 250));
          return instances[i % 2]!.register(slug, { userId: null, name: `P${i}`, email: `p${i}@rush.example`, centreId: null, country: null, lang: 'en' });
        }),
      );
      const outcomes = results.map((r) => r.outcome);
      assert.equal(outcomes.filter((x) => x === 'registered').length, 100);
      assert.equal(outcomes.filter((x) => x === 'waiting').length, 400);
      const ev = (await repo.bySlug(t.database.db, slug))!;
      assert.equal(Number(ev.taken), 100);
      const rows = await t.database.db.selectFrom('event_registrations').select(['id', 'status']).where('event_id', '=', ev.id).orderBy('id').execute();
      // In arrival order: the first 100 to get the event's lock hold the places, everyone after waits.
      assert.deepEqual(
        rows.map((r) => r.status),
        [...Array<string>(100).fill('registered'), ...Array<string>(400).fill('waiting')],
      );
      // Two cancellations at once promote exactly two people, the first two in line.
      const [a, b] = rows.slice(0, 2).map((r) => r.id);
      const sign = instances[0]!.sign;
      await Promise.all([instances[0]!.cancel(a!, { token: sign(a!) }), instances[1]!.cancel(b!, { token: sign(b!) })]);
      const now = await t.database.db.selectFrom('event_registrations').select(['id', 'status']).where('event_id', '=', ev.id).orderBy('id').execute();
      assert.deepEqual(
        now.slice(100, 103).map((r) => r.status),
        ['registered', 'registered', 'waiting'],
      );
      assert.equal(Number((await repo.bySlug(t.database.db, slug))!.taken), 100);
    } finally {
      if (postgres) await second.close();
    }
  });
});
