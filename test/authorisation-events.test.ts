import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as communityRepo from '../src/modules/communities/repository.ts';
import { community, signIn, user, type UserRecord } from './factories/index.ts';
import { agent, type Agent } from './helpers/agent.ts';
import { testApp, type TestApp } from './helpers/app.ts';

// Every events route against every kind of person (the matrix of authorisation.test.ts, with the
// people events add): a visitor, a signed-in outsider, an editor and an administrator of the
// platform, the facilitator of the community that organises the event (its organiser), another
// community's facilitator, and a participant (registered). Events are read and registered for
// by anyone; the organiser's pages are the organiser's and the administrators' (others get what a
// missing page gets, 404; visitors are sent to sign in); a form without a valid CSRF token is
// refused (403) before anything else.

const personas = ['visitor', 'outsider', 'editor', 'administrator', 'organiser', 'otherFacilitator', 'participant'] as const;
type Persona = (typeof personas)[number];
type Expect = Record<Persona, number>;
const row = (...s: number[]): Expect => Object.fromEntries(personas.map((p, i) => [p, s[i]!])) as Expect;

let t: TestApp;
const agents = {} as Record<Persona, Agent>;
const people = {} as Record<Persona, UserRecord>;
let event = '';
let registration = 0;

const future = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
const fields = (title: string) => ({
  organiser: 'community:matrix-events',
  title_en: title,
  description_en: 'Text.',
  lang: 'en',
  mode: 'online',
  time_zone: 'Europe/Brussels',
  start_date: future,
  start_time: '10:00',
  end_date: future,
  end_time: '11:00',
  capacity: '20',
});

before(async () => {
  t = await testApp();
  for (const p of personas) {
    if (p === 'visitor') {
      agents[p] = agent(t);
      continue;
    }
    people[p] = await user(t, { name: `Matrix ${p}`, role: p === 'editor' ? 'editor' : p === 'administrator' ? 'admin' : 'member' });
    agents[p] = await signIn(t, people[p]);
  }
  await community(t, 'matrix-events', { facilitator: people.organiser });
  await community(t, 'matrix-elsewhere', { facilitator: people.otherFacilitator });
  const res = await agents.organiser.post('/en/events', fields('Matrix event'), '/en/events/new');
  assert.equal(res.statusCode, 303);
  event = String(res.headers.location).replace(/\?.*$/, '');
  await agents.participant.post(`${event}/register`, {}, event);
  const reg = await t.database.db.selectFrom('event_registrations').select('id').where('user_id', '=', people.participant.id).executeTakeFirstOrThrow();
  registration = reg.id;
  void communityRepo;
});
after(() => t.close());

const fill = (template: string) => template.replace('{event}', event).replace('{registration}', String(registration));

//                                   visitor outsider editor admin organiser otherFacilitator participant
const gets: [string, Expect][] = [
  ['/en/events', row(200, 200, 200, 200, 200, 200, 200)],
  ['/en/events?when=past', row(200, 200, 200, 200, 200, 200, 200)],
  ['/en/events/month', row(200, 200, 200, 200, 200, 200, 200)],
  ['/en/events/calendar.ics', row(200, 200, 200, 200, 200, 200, 200)],
  ['/en/events/calendar.ics?community=matrix-events', row(200, 200, 200, 200, 200, 200, 200)],
  ['{event}', row(200, 200, 200, 200, 200, 200, 200)],
  ['{event}/calendar.ics', row(200, 200, 200, 200, 200, 200, 200)],
  ['/en/events/no-such-event', row(404, 404, 404, 404, 404, 404, 404)],
  // Organising: whoever may organise for something gets the form (the editor for the platform).
  ['/en/events/new', row(303, 404, 200, 200, 200, 200, 404)],
  ['/en/events/my-calendar', row(303, 200, 200, 200, 200, 200, 200)],
  // The organiser's pages: the community's facilitator and the platform's administrators.
  ['{event}/edit', row(303, 404, 404, 200, 200, 404, 404)],
  ['{event}/participants', row(303, 404, 404, 200, 200, 404, 404)],
  ['{event}/participants.csv', row(303, 404, 404, 200, 200, 404, 404)],
  ['{event}/announce', row(303, 404, 404, 200, 200, 404, 404)],
  ['{event}/cancel', row(303, 404, 404, 200, 200, 404, 404)],
  // A registration's page: its holder (signed in here; with its link, anyone holding the link).
  ['{event}/registrations/{registration}', row(404, 404, 404, 404, 404, 404, 200)],
];

const posts: [string, Record<string, string>, Expect][] = [
  // Changes that leave the same state: a form with problems (422) past every check.
  ['{event}/edit', { organiser: 'community:matrix-events' }, row(403, 404, 404, 422, 422, 404, 404)],
  ['{event}/announce', { subject: '' }, row(403, 404, 404, 422, 422, 404, 404)],
  ['{event}/cancel', { reason: '' }, row(403, 404, 404, 422, 422, 404, 404)],
  ['/en/events', { organiser: 'platform' }, row(403, 404, 422, 422, 422, 422, 404)],
  ['{event}/participants/{registration}/decide', { decision: 'maybe' }, row(403, 400, 400, 400, 400, 400, 400)],
  ['{event}/registrations/{registration}/confirm', {}, row(403, 404, 404, 404, 404, 404, 404)],
];

describe('events: authorisation matrix', () => {
  for (const [template, expect] of gets) {
    test(`GET ${template}`, async () => {
      const url = fill(template);
      for (const p of personas) {
        const res = await agents[p].get(url);
        assert.equal(res.statusCode, expect[p], `${p} on ${url}`);
        if (res.statusCode === 303 && p === 'visitor') assert.match(String(res.headers.location), /\/en\/account\/sign-in\?next=/);
      }
    });
  }
  for (const [template, form, expect] of posts) {
    test(`POST ${template}`, async () => {
      const url = fill(template);
      for (const p of personas) {
        const res = p === 'visitor' ? await agents[p].postRaw(url, form) : await agents[p].post(url, form, '/en/account');
        assert.equal(res.statusCode, expect[p], `${p} on ${url}`);
      }
    });
  }
  test('a signed-in person posting without the CSRF token is refused everywhere', async () => {
    for (const [template, form] of posts) assert.equal((await agents.organiser.postRaw(fill(template), form)).statusCode, 403, template);
    for (const path of ['/register', `/registrations/${registration}/cancel`])
      assert.equal((await agents.participant.postRaw(`${event}${path}`, {})).statusCode, 403, path);
  });
});
