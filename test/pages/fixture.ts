import { communityFixture } from './fixture-communities.ts';
import { eventFixture } from './fixture-events.ts';
import assert from 'node:assert/strict';
import { centre, networkProfile, signIn, user } from '../factories/index.ts';
import { saveNetworkProfile } from '../../src/modules/centres/repository.ts';
import { lastMail, type Agent } from '../helpers/agent.ts';
import type { TestApp } from '../helpers/app.ts';
import { begin, centreAdmin, groupLinks, respond, startRound } from '../helpers/assessment.ts';
import { addAction, answeredRound, chooseFocus, closeRound, issue, rulesFields, setRules } from '../helpers/recognition.ts';

// The people and data it takes to reach every page type, made over HTTP in a few seconds: a
// centre leader with a finished round (answers from several groups, so the report shows them; a plan;
// a certificate) and an open one (a questionnaire part answered), an editor who has saved a page
// and a resource (so revisions have something to show), and an administrator.

export const FIXTURE_PASSWORD = 'the pages people reach 2026';

export type Person = 'visitor' | 'member' | 'editor' | 'admin';
export type SignedInPerson = Exclude<Person, 'visitor'>;

export interface Fixture {
  /** signed-in HTTP agents; their session cookies sign browser contexts in too */
  people: Record<SignedInPerson, { email: string; agent: Agent }>;
  /** the member's centre */
  centre: string;
  /** a conversation of the member's centre with another centre (path without the language) */
  conversation: string;
  /** a partner request of the member's centre, with a reply */
  request: number;
  /** a finished round with answers from teachers and learners, a plan and a certificate (path without the language) */
  finished: string;
  /** an open round */
  open: string;
  /** the open round's learners' link */
  link: string;
  /** a learner's resume token in the open round, nothing sent yet */
  token: string;
  /** a company partner's personal invitation to the open round (the token of its link) */
  invitation: string;
  /** an action of the finished round's plan */
  action: number;
  /** the finished round's certificate */
  certificate: string;
  /** a finished round that meets the certificate rules, its certificate not issued (path without the language) */
  previewable: string;
  /** a draft resource, saved twice (its slug) */
  resource: string;
  /** the member's centre's consortium, with outside partners and two centres invited (path without the language) */
  consortium: string;
  /** a public community on request, the member its facilitator, with a request waiting (its slug) */
  community: string;
  /** a topic of that community with posts in English, French and Arabic */
  topic: number;
  /** a post in that topic, by another member, flagged once */
  flaggedPost: number;
  /** a reply of the member's in that topic, edited once */
  editedPost: number;
  /** the token of the member's digest link (weekly), and of one too old */
  digest: string;
  oldDigest: string;
  /** an event of that community, full, with one person waiting; the editor holds a place (path without the language) */
  event: string;
  /** a guest's registration page for it, with its link's token (path without the language) */
  eventRegistration: string;
  /** the month it is in (YYYY-MM) */
  eventMonth: string;
}

const withoutLang = (path: string) => path.replace(/^\/en(?=\/)/, '');

async function staff(t: TestApp, role: 'editor' | 'admin', email: string, name: string) {
  const person = await user(t, { email, name, role, password: FIXTURE_PASSWORD });
  return { email, agent: await signIn(t, person) };
}

/** The fields of the form on `body` that holds `marker`, as a browser would send them unchanged. */
export function formFields(body: string, marker: string): Record<string, string | string[]> {
  const form = [...body.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes(marker));
  assert.ok(form, `a form with ${marker}`);
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const had = fields[name];
    fields[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  };
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const type = /\btype="([^"]*)"/.exec(tag)?.[1] ?? 'text';
    if (!name || name === '_csrf' || type === 'file' || type === 'submit') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(tag)) continue;
    add(name, unescape(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? ''));
  }
  for (const [, name, text] of form.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(name!, unescape(text!));
  for (const [, name, options] of form.matchAll(/<select\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    add(name!, unescape(/<option value="([^"]*)"[^>]*\bselected/.exec(options!)?.[1] ?? ''));
  }
  return fields;
}

const resourceForm = (title: string): Record<string, string> => ({
  type: 'guideline',
  source: 'Regional Skills Observatory',
  link: 'https://example.org/regional-skills-councils',
  year: '2025',
  themes: 'partnerships',
  stations: '1-3',
  title_en: title,
  description_en: 'How a **regional skills council** brings employers, training centres and local government together, with a checklist for the first year.',
  title_fr: 'Guide des conseils régionaux des compétences',
  description_fr: 'Comment un conseil régional des compétences réunit employeurs, centres de formation et collectivités.',
  title_ar: '',
  description_ar: '',
});

export async function buildFixture(t: TestApp): Promise<Fixture> {
  const [leader, editor, admin] = await Promise.all([
    centreAdmin(t, { country: 'MA', sectors: ['tourism', 'energy'] }),
    staff(t, 'editor', 'cleo@editors.example', 'Cleo Content'),
    staff(t, 'admin', 'ana@admins.example', 'Ana Admin'),
  ]);

  // The centre's network profile: what it offers and seeks, identifiers, programmes, contacts.
  const network = `/en/account/centres/${leader.slug}/network`;
  const networkSaved = await leader.a.post(
    network,
    {
      offers: ['learner-mobility', 'staff-job-shadowing', 'work-placements'],
      'offers-note-learner-mobility': 'Up to twelve learners a year in hotels and restaurants of Marrakesh',
      seeks: ['joint-qualifications', 'teacher-training'],
      'seeks-note-teacher-training': 'Solar installation trainers for a new programme',
      erasmusOid: 'E10123456',
      status: ['accredited'],
      'programme-0-title': 'Hotel reception',
      'programme-0-sector': 'tourism',
      'programme-0-eqf': '4',
      'programme-1-title': 'Photovoltaic installation',
      'programme-1-sector': 'energy',
      'programme-1-eqf': '5',
      contacts: ['international-relations', 'director'],
      'contact-international-relations': 'Samira El Idrissi',
      signals: ['rounds'],
    },
    network,
  );
  assert.equal(networkSaved.statusCode, 303, 'the network profile is saved');

  // Other centres of the directory, for its filters, the map and the suggestions.

  const others = [
    {
      name: 'Istituto Alberghiero di Rimini',
      country: 'IT',
      city: 'Rimini',
      sectors: ['tourism'],
      languages: ['it', 'en'],
      eqfLevels: [3, 4],
      offers: ['joint-qualifications'],
      seeks: ['learner-mobility'],
    },
    {
      name: 'Kyiv Energy College',
      country: 'UA',
      city: 'Kyiv',
      sectors: ['energy'],
      languages: ['uk', 'en'],
      eqfLevels: [4, 5],
      offers: ['teacher-training'],
      seeks: ['equipment-sharing'],
    },
    {
      name: 'Centre de formation d’Agadir',
      country: 'MA',
      city: 'Agadir',
      sectors: ['tourism'],
      languages: ['fr', 'ar'],
      eqfLevels: [4],
      offers: ['work-placements'],
      seeks: ['staff-job-shadowing'],
    },
  ];
  const otherCentres = [];
  const invitable: number[] = [];
  for (const o of others) {
    const c = await centre(t, { name: o.name, country: o.country, city: o.city, sectors: o.sectors, languages: o.languages, eqfLevels: o.eqfLevels });
    await saveNetworkProfile(
      t.database.db,
      c.id,
      networkProfile({
        offers: o.offers.map((topic) => ({ topic, note: null })),
        seeks: o.seeks.map((topic) => ({ topic, note: null })),
        accredited: o.country === 'IT',
      }),
    );
    otherCentres.push(c);
    if (o.country !== 'MA') invitable.push(c.id);
  }
  // A conversation: the leader writes to the Rimini school, which answers.
  const rimini = otherCentres[0]!;
  const wrote = await leader.a.post(
    `/en/account/centres/${leader.slug}/messages`,
    {
      to: rimini.slug,
      subject: 'Kitchen placements in spring',
      body: 'Could you host four of our cooks for three weeks in April?\nThey speak French and some English.',
    },
    `/en/account/centres/${leader.slug}/messages/new?to=${rimini.slug}`,
  );
  assert.equal(wrote.statusCode, 303, wrote.body.slice(0, 400));
  const conversation = /(\/account\/centres\/[^?]+)\?/.exec(wrote.headers.location as string)![1]!;
  const riminiAgent = await signIn(t, rimini.admin);
  const riminiPath = `/en${conversation.replace(leader.slug, rimini.slug)}`;
  assert.equal((await riminiAgent.post(riminiPath, { body: 'Yes, gladly. Our hotel school has rooms for them.' }, riminiPath)).statusCode, 303);
  // A partner request of the leader's centre, and the Rimini school's reply to it.
  const posted = await leader.a.post(
    `/en/account/centres/${leader.slug}/requests`,
    {
      title: 'Hotel schools to host apprentice cooks in spring',
      purpose: 'learner-mobility',
      description: 'Four apprentice cooks for three weeks in April, with their tutor. We offer the same in Marrakesh in autumn.',
      sectors: ['tourism'],
      countries: ['IT', 'FR', 'ES'],
      types: ['vet-school', 'cove'],
      deadline: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
      cap: '10',
    },
    `/en/account/centres/${leader.slug}/requests/new`,
  );
  assert.equal(posted.statusCode, 303, posted.body.slice(0, 400));
  const request = Number(/requests\/(\d+)\?/.exec(posted.headers.location as string)![1]);
  const replied = await riminiAgent.post(
    `/en/account/partners/${request}/reply`,
    { centre: rimini.slug, body: 'Our hotel school in Rimini hosts cooks every spring.' },
    '/en/account',
  );
  assert.equal(replied.statusCode, 303, replied.body.slice(0, 400));
  const theirs = /<input type="hidden" name="message" value="(\d+)">/.exec((await leader.a.get(`/en${conversation}`)).body)![1]!;
  assert.equal((await leader.a.post(`/en${conversation}/report`, { message: theirs, reason: 'other' }, `/en${conversation}`)).statusCode, 303);

  // A consortium the centre coordinates: outside partners, and the centres of Italy and Ukraine invited.
  const consortia = `/en/account/centres/${leader.slug}/consortia`;
  const started = await leader.a.post(consortia, {
    title: 'Sustainable tourism and solar skills',
    description: 'Hotel, restaurant and solar installation training with employers around the Mediterranean.',
    rules: 'cove-2022',
  });
  assert.equal(started.statusCode, 303, started.body.slice(0, 800));
  const consortium = /^\/en(\/account\/centres\/[a-z0-9-]+\/consortia\/\d+)/.exec(started.headers.location as string)![1]!;
  const outside: Record<string, string | string[]>[] = [
    { name: 'Marrakech Hotels Association', country: 'MA', kind: 'chamber', role: 'full' },
    { name: 'Atlas Solar SARL', country: 'MA', kind: 'company', role: 'full' },
    { name: 'Université Cadi Ayyad', country: 'MA', kind: 'higher-education', role: 'associated', eqf: ['6', '7', '8'], pic: '912345678' },
  ];
  for (const o of outside) assert.equal((await leader.a.post(`/en${consortium}/partners`, o, `/en${consortium}`)).statusCode, 303);
  for (const id of invitable)
    assert.equal((await leader.a.post(`/en${consortium}/invitations`, { centre: String(id), role: 'full' }, `/en${consortium}`)).statusCode, 303);

  const { topic, flaggedPost, editedPost, digest, oldDigest } = await communityFixture(t, { leader: leader.email, editor: editor.email, admin: admin.email });
  const events = await eventFixture(t, leader.a, editor.agent);

  // Recognition within reach of a small round: three statements with three answers each, three
  // groups (learners among them), any number of days.
  await setRules(admin.agent, rulesFields({ minDays: '0', requiredGroups: ['learners'], minIndicators: '3' }));

  // The finished round: the core set asked of four groups; three leaders, teachers and learners
  // answer (the smallest group shown) and one company (too few to show).
  const coreSet = formFields((await leader.a.get(`/en/account/centres/${leader.slug}/self-assessment/new?preset=core`)).body, 'name="indicators"')
    .indicators as string[];
  assert.ok(coreSet.length >= 10, 'the new round form proposes the core set');
  const groups = ['leaders', 'teachers', 'learners', 'companies'];
  const round = await startRound(leader, { title: 'Autumn round 2025', indicators: coreSet, groups });
  const links = await groupLinks(leader, round.path);
  // Answers that differ by statement and by person, so the charts have shape.
  const answer = (n: number) => (item: string) => String(1 + (([...item].reduce((s, c) => s + c.charCodeAt(0), 0) + n) % 5));
  let n = 0;
  for (const group of ['Leaders and managers', 'Teachers and trainers', 'Learners']) for (let i = 0; i < 3; i++) await respond(t, links[group]!, answer(n++));
  await respond(t, links['Company partners and in-company trainers']!, answer(n));
  assert.equal((await leader.a.post(`${round.path}/close`, {}, round.path)).statusCode, 303);
  const plan = `${round.path}/plan`;
  assert.equal((await leader.a.post(`${plan}/focus`, { focus: ['programme-relevance', 'work-based-learning'] }, plan)).statusCode, 303);
  const added = await leader.a.post(
    `${plan}/actions`,
    {
      criterion: 'work-based-learning',
      source: '',
      title: 'Find ten more host companies for second-year placements',
      owner: 'Placement officer',
      due: '',
      status: 'started',
      indicator: '',
      notes: '',
    },
    plan,
  );
  assert.equal(added.statusCode, 303, added.body.slice(0, 800));
  const action = Number(/actions\/(\d+)/.exec((await leader.a.get(plan)).body)?.[1]);
  assert.ok(action > 0, 'the plan lists its action');
  const noted = await leader.a.post(
    `${plan}/actions/${action}/notes`,
    { note: 'Four hotels have signed; two more are thinking it over.' },
    `${plan}/actions/${action}`,
  );
  assert.equal(noted.statusCode, 303, 'the action has a progress note');
  await addAction(leader, round.path, 'programme-relevance');
  const certificate = await issue(leader, round.path);

  // A smaller finished round that meets the rules, its certificate not issued yet: its preview.
  const pilot = await answeredRound(t, leader, { leaders: 3, learners: 3, companies: 3 });
  await closeRound(leader, pilot.path);
  await chooseFocus(leader, pilot.path);
  await addAction(leader, pilot.path, 'programme-relevance');
  await addAction(leader, pilot.path, 'work-based-learning');

  // The open round, with one learner part of the way through; company partners answer by personal invitation.
  const open = await startRound(leader, { title: 'Spring round 2026', indicators: coreSet, groups, invited: ['companies'] });
  const openLinks = await groupLinks(leader, open.path);
  const respondent = await begin(t, openLinks.Learners!);
  const invited = await leader.a.post(
    `${open.path}/invite`,
    { inviteGroup: 'companies', invitees: 'mentor@hotel.example\nchef@hotel.example', lang: 'en', message: 'Your view of our apprentices matters to us.' },
    open.path,
  );
  assert.equal(invited.statusCode, 303, invited.body.slice(0, 800));
  const invitation = /\/survey\/i\/([A-Za-z0-9_-]{43})/.exec((await lastMail(t, 'mentor@hotel.example'))?.body ?? '')?.[1];
  assert.ok(invitation, 'the invitation mail holds a personal link');

  // Revisions to show: a spotlight item and a resource, each saved after they were created.
  const ene = '/en/admin/spotlight/ene';
  const saved = await editor.agent.post(ene, { ...formFields((await editor.agent.get(ene)).body, 'name="title_en"'), linkText_fr: 'Le réseau ENE' });
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 800));
  const created = await editor.agent.post('/en/admin/resources', resourceForm('Guide to regional skills councils'), '/en/admin/resources/new');
  assert.equal(created.statusCode, 303, created.body.slice(0, 800));
  const resource = /\/resources\/([a-z0-9-]+)\?done=created$/.exec(created.headers.location as string)![1]!;
  const resaved = await editor.agent.post(
    `/en/admin/resources/${resource}`,
    resourceForm('Guide to regional skills councils, second edition'),
    `/en/admin/resources/${resource}`,
  );
  assert.equal(resaved.statusCode, 303, resaved.body.slice(0, 800));

  // The job queue's page: a mail that failed every attempt (its address is refused before any
  // sending), and one still waiting to try again.
  await t.jobs.enqueue('mail', { to: 'a centre without an address', subject: 'Welcome to the network', body: 'Hello' });
  await t.jobs.runDue();
  for (let attempt = 2; attempt <= 11; attempt++) await t.jobs.runDue({ includeDeferred: true });
  await t.jobs.enqueue('mail', { to: 'another centre without one', subject: 'Your round closes soon', body: 'Hello' });
  await t.jobs.runDue();

  return {
    people: { member: { email: leader.email, agent: leader.a }, editor, admin },
    centre: leader.slug,
    conversation,
    request,
    finished: withoutLang(round.path),
    open: withoutLang(open.path),
    link: openLinks.Learners!,
    token: respondent.token,
    invitation,
    action,
    certificate,
    previewable: withoutLang(pilot.path),
    resource,
    consortium,
    community: 'work-based-learning-practice',
    topic,
    flaggedPost,
    editedPost,
    digest,
    oldDigest,
    event: events.event,
    eventRegistration: events.registration,
    eventMonth: events.month,
  };
}
