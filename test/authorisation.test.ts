import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { communityForms, communityPages, makeCommunity } from './authorisation-communities.ts';
import { centre, signIn, user, type UserRecord } from './factories/index.ts';
import { agent, type Agent } from './helpers/agent.ts';
import { roundFields } from './helpers/assessment.ts';
import { testApp, type TestApp } from './helpers/app.ts';

// Every protected route against every kind of person: allowed, or refused with the right status
// or redirect. Visitors are sent to sign in (303); signed-in people without access get 403 in the
// back office and 404 for a centre they cannot see (its existence is not revealed); a form posted
// without a valid CSRF token is refused with 403 before anything else. A policy reader is refused
// (403) everywhere in the back office but the policy view, and elsewhere fares as a member does,
// unless a row says otherwise.

type Persona = 'visitor' | 'member' | 'otherCentreAdmin' | 'centreAdmin' | 'editor' | 'administrator' | 'policyReader';
const personas: Persona[] = ['visitor', 'member', 'otherCentreAdmin', 'centreAdmin', 'editor', 'administrator', 'policyReader'];

let t: TestApp;
const agents = {} as Record<Persona, Agent>;
const ids = {} as Record<Persona, number>;
const people = {} as Record<Persona, UserRecord>;
/** A draft resource (by slug, and by the number its old addresses used) with one file, and a case study, for the attachment routes. */
const files = {
  ...{ dir: '', resource: '', resourceId: 0, attachment: 0, caseStudy: '', round: 0, action: 0 },
  ...{ conversation: 0, report: 0, request: 0, centreA: 0, consortium: 0, partner: 0 },
};
const samplePdf = { field: 'file', name: 'matrix.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') };

before(async () => {
  files.dir = mkdtempSync(join(tmpdir(), 'intve-matrix-'));
  t = await testApp({ env: { UPLOADS_DIR: files.dir } });
  const profile = { country: 'GR', city: 'Athens', website: null, type: 'cove', description: null, eqfLevels: [], languages: [], sectors: [], published: true };
  for (const p of personas) {
    if (p === 'visitor') {
      agents[p] = agent(t);
      continue;
    }
    const role = p === 'editor' ? 'editor' : p === 'administrator' ? 'admin' : p === 'policyReader' ? 'policy' : 'member';
    people[p] = await user(t, { email: `${p.toLowerCase()}@matrix.example`, name: p, role });
    ids[p] = people[p].id;
    agents[p] = await signIn(t, people[p]);
  }
  files.centreA = (await centre(t, { slug: 'centre-a', name: 'Centre A', ...profile, admin: people.centreAdmin })).id;
  const centreB = await centre(t, { slug: 'centre-b', name: 'Centre B', ...profile, admin: people.otherCentreAdmin });
  const created = await agents.editor.post(
    '/en/admin/resources',
    { type: 'toolkit', source: 'Matrix', link: '', year: '', title_en: 'Matrix files', description_en: 'Text.' },
    '/en/admin/resources/new',
  );
  files.resource = /resources\/([a-z0-9-]+)\?/.exec(created.headers.location as string)![1]!;
  files.resourceId = (await t.database.db.selectFrom('resources').select('id').where('slug', '=', files.resource).executeTakeFirstOrThrow()).id;
  files.attachment = await newAttachment();
  files.caseStudy = (await t.database.db.selectFrom('case_studies').select('slug').orderBy('id').executeTakeFirstOrThrow()).slug;
  const round = await agents.centreAdmin.post(
    '/en/account/centres/centre-a/self-assessment',
    roundFields({ invited: ['learners'] }),
    '/en/account/centres/centre-a/self-assessment/new',
  );
  files.round = Number(/rounds\/(\d+)/.exec(round.headers.location as string)![1]);
  // The round's plan, with one action, for the plan's routes.
  const plan = `/en/account/centres/centre-a/self-assessment/rounds/${files.round}/plan`;
  await agents.centreAdmin.post(`${plan}/focus`, { focus: ['programme-relevance', 'work-based-learning'] }, plan);
  const action = { criterion: 'work-based-learning', title: 'Matrix action', owner: 'Matrix owner', status: 'planned' };
  const added = await agents.centreAdmin.post(`${plan}/actions`, action, `${plan}/new-action`);
  files.action = Number(/#action-(\d+)$/.exec(added.headers.location as string)![1]);
  // A conversation between the two centres, and one of its messages reported, for the network's routes.
  const wrote = await agents.centreAdmin.post(
    '/en/account/centres/centre-a/messages',
    { to: 'centre-b', subject: 'Matrix', body: 'Hello from A.' },
    '/en/account/centres/centre-a/messages/new?to=centre-b',
  );
  files.conversation = Number(/messages\/(\d+)\?/.exec(wrote.headers.location as string)![1]);
  const message = (await t.database.db.selectFrom('messages').select('id').where('conversation_id', '=', files.conversation).executeTakeFirstOrThrow()).id;
  await t.database.db
    .insertInto('message_reports')
    .values({ message_id: message, reported_by: null, reason: 'other', created_at: new Date().toISOString() })
    .execute();
  files.report = (await t.database.db.selectFrom('message_reports').select('id').executeTakeFirstOrThrow()).id;
  const posted = await agents.centreAdmin.post(
    '/en/account/centres/centre-a/requests',
    { title: 'Matrix request', purpose: 'peer-review', description: 'Text.', deadline: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) },
    '/en/account/centres/centre-a/requests/new',
  );
  files.request = Number(/requests\/(\d+)\?/.exec(posted.headers.location as string)![1]);
  // A consortium coordinated by centre A, with an outside partner, that centre B is invited to.
  const consortia = '/en/account/centres/centre-a/consortia';
  const started = await agents.centreAdmin.post(consortia, { title: 'Matrix consortium', rules: 'cove-2022' });
  files.consortium = Number(/consortia\/(\d+)/.exec(started.headers.location as string)![1]);
  const consortium = `${consortia}/${files.consortium}`;
  await agents.centreAdmin.post(`${consortium}/partners`, { name: 'Matrix partner', country: 'GR', kind: 'company', role: 'full' }, consortium);
  files.partner = (await t.database.db.selectFrom('consortium_partners').select('id').where('name', '=', 'Matrix partner').executeTakeFirstOrThrow()).id;
  await agents.centreAdmin.post(`${consortium}/invitations`, { centre: String(centreB.id), role: 'full' }, consortium);
  await makeCommunity(agents.administrator);
});

/** A fresh file on the matrix resource, uploaded by the editor; its id. */
async function newAttachment(): Promise<number> {
  const res = await agents.editor.upload(
    `/en/admin/resources/${files.resource}/attachments`,
    { title: 'Matrix file' },
    samplePdf,
    `/en/admin/resources/${files.resource}`,
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return (await t.database.db.selectFrom('attachments').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
}
const fill = (template: string) =>
  template
    .replace('{member}', String(ids.member))
    .replace('{centreAdmin}', String(ids.centreAdmin))
    .replace('{resourceId}', String(files.resourceId))
    .replace('{resource}', files.resource)
    .replace('{attachment}', String(files.attachment))
    .replace('{caseStudy}', files.caseStudy)
    .replace('{round}', String(files.round))
    .replace('{action}', String(files.action))
    .replace('{conversation}', String(files.conversation))
    .replace('{report}', String(files.report))
    .replace('{request}', String(files.request))
    .replace('{centreA}', String(files.centreA))
    .replace('{consortium}', String(files.consortium))
    .replace('{partner}', String(files.partner));
after(async () => {
  try {
    await t.close();
  } finally {
    rmSync(files.dir, { recursive: true, force: true });
  }
});

type Expect = Record<Exclude<Persona, 'policyReader'>, number> & { policyReader?: number };
const row = (
  visitor: number,
  member: number,
  otherCentreAdmin: number,
  centreAdmin: number,
  editor: number,
  administrator: number,
  policyReader?: number,
): Expect => ({ visitor, member, otherCentreAdmin, centreAdmin, editor, administrator, ...(policyReader === undefined ? {} : { policyReader }) });
/** What a persona gets: a policy reader, unless the row says, is refused in the back office and is a member elsewhere. */
const expected = (template: string, e: Expect, p: Persona): number =>
  p === 'policyReader' ? (e.policyReader ?? (template.startsWith('/en/admin') ? 403 : e.member)) : e[p];
const named = (template: string, e: Expect) => personas.map((p) => `${p} ${expected(template, e, p)}`).join(', ');

const gets: [string, Expect][] = [
  ['/en/account', row(303, 200, 200, 200, 200, 200)],
  ['/en/account/data.json', row(303, 200, 200, 200, 200, 200)],
  ['/en/account/sign-out', row(303, 200, 200, 200, 200, 200)],
  ['/en/account/centres/new', row(303, 200, 200, 200, 200, 200)],
  // "Start a self-assessment": sign-in, then on to a centre's form, or to adding a centre.
  ['/en/account/self-assessment/start', row(303, 303, 303, 303, 303, 303)],
  ['/en/account/centres/centre-a', row(303, 404, 404, 200, 404, 200)],
  // The network: a centre's network profile (its administrators) and its suggested partners (its members).
  ['/en/account/centres/centre-a/network', row(303, 404, 404, 200, 404, 200)],
  ['/en/account/centres/centre-a/suggestions', row(303, 404, 404, 200, 404, 200)],
  // Consortia: a centre's list and a consortium with its exports (its members read them); under
  // the address of an invited centre, its administrators read it. Never public, never revealed.
  ...['', '/{consortium}', '/{consortium}?q=centre', '/{consortium}.csv', '/{consortium}.pdf'].map((path): [string, Expect] => [
    `/en/account/centres/centre-a/consortia${path}`,
    row(303, 404, 404, 200, 404, 200),
  ]),
  ...['', '/{consortium}', '/{consortium}.csv', '/{consortium}.pdf'].map((path): [string, Expect] => [
    `/en/account/centres/centre-b/consortia${path}`,
    row(303, 404, 200, 404, 404, 200),
  ]),
  // The directory, its map and a published profile are public.
  ['/en/centres?offers=learner-mobility', row(200, 200, 200, 200, 200, 200)],
  ['/en/centres/map', row(200, 200, 200, 200, 200, 200)],
  ['/en/centres/centre-a', row(200, 200, 200, 200, 200, 200)],
  // Conversations are read by the two centres' members only: a platform administrator gets a 404
  // like anyone else, and reads a message only once it is reported (/admin/reports).
  ['/en/account/centres/centre-a/messages', row(303, 404, 404, 200, 404, 404)],
  ['/en/account/centres/centre-a/messages/{conversation}', row(303, 404, 404, 200, 404, 404)],
  ['/en/account/centres/centre-b/messages/{conversation}', row(303, 404, 200, 404, 404, 404)],
  ['/en/account/centres/centre-a/messages/new?to=centre-b', row(303, 404, 404, 200, 404, 404)],
  // "Write to this centre": the person's centres to choose from (none: a way to add one), or straight to the form.
  ['/en/account/messages/new?to=centre-b', row(303, 200, 200, 303, 200, 200)],
  ['/en/admin/reports', row(303, 403, 403, 403, 403, 200)],
  // The back office of communities (authorisation-communities.ts): administrators only.
  ...communityPages.map((path): [string, Expect] => [path, row(303, 403, 403, 403, 403, 200)]),
  // Partner requests: public pages; a centre's own requests for its members; replying for anyone signed in (with a centre to reply as).
  ['/en/partners', row(200, 200, 200, 200, 200, 200)],
  ['/en/partners/{request}', row(200, 200, 200, 200, 200, 200)],
  ['/en/partners/feed.xml', row(200, 200, 200, 200, 200, 200)],
  ['/en/account/centres/centre-a/requests', row(303, 404, 404, 200, 404, 404)],
  ['/en/account/centres/centre-a/requests/new', row(303, 404, 404, 200, 404, 404)],
  ['/en/account/centres/centre-a/requests/{request}', row(303, 404, 404, 200, 404, 404)],
  ['/en/account/partners/{request}/reply', row(303, 200, 200, 200, 200, 200)],
  ['/en/admin', row(303, 403, 403, 403, 200, 200)],
  // The self-assessment: a centre's rounds, reports and plans; the framework editor; the rules
  // for administrators; the policy view for administrators and policy readers.
  ...['', '/new', '/rounds/{round}', '/rounds/{round}/report', '/rounds/{round}/report.csv', '/rounds/{round}/report.pdf', '/rounds/{round}/plan'].map(
    (path): [string, Expect] => [`/en/account/centres/centre-a/self-assessment${path}`, row(303, 404, 404, 200, 404, 200)],
  ),
  // The plan: its exports, the new-action form, an action's page (members of the centre read it).
  ...['.csv', '.pdf', '/new-action?criterion=work-based-learning', '/actions/{action}'].map((path): [string, Expect] => [
    `/en/account/centres/centre-a/self-assessment/rounds/{round}/plan${path}`,
    row(303, 404, 404, 200, 404, 200),
  ]),
  // A group's poster carries its open link: for those who manage the round only.
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/poster/teachers.pdf', row(303, 404, 404, 200, 404, 200)],
  ['/en/admin/frameworks/vocational-excellence', row(303, 403, 403, 403, 200, 200)],
  ['/en/admin/frameworks/vocational-excellence/indicator/programmes-reviewed-with-employers', row(303, 403, 403, 403, 200, 200)],
  ['/en/admin/self-assessment/settings', row(303, 403, 403, 403, 403, 200)],
  ['/en/admin/self-assessment/policy', row(303, 403, 403, 403, 403, 200, 200)],
  ['/en/admin/self-assessment/policy.csv', row(303, 403, 403, 403, 403, 200, 200)],
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/certificate', row(303, 404, 404, 200, 404, 200)],
  ['/en/admin/people', row(303, 403, 403, 403, 403, 200)],
  ['/en/admin/outbox', row(303, 403, 403, 403, 403, 200)],
  ['/en/admin/jobs', row(303, 403, 403, 403, 403, 200)],
  ['/en/admin/audit', row(303, 403, 403, 403, 403, 200)],
  ['/en/admin/content-pack', row(303, 403, 403, 403, 200, 200)],
  ['/en/admin/content-pack/export.zip', row(303, 403, 403, 403, 200, 200)],
  ['/en/admin/files/{attachment}', row(303, 403, 403, 403, 200, 200)],
  ['/en/admin/case-studies/{caseStudy}/attachments', row(303, 403, 403, 403, 200, 200)],
  // The content editor: every kind's list, new-item form, edit form, preview and revisions.
  ...(['packages', 'stations', 'resources', 'case-studies', 'spotlight'] as const).map((kind): [string, Expect] => [
    `/en/admin/${kind}/new`,
    row(303, 403, 403, 403, 200, 200),
  ]),
  ...[
    'packages/building-skills-ecosystems',
    'stations/building-partnerships-within-the-wider-ecosystem',
    'resources/{resource}',
    'case-studies/ceef',
    'spotlight/ene',
    'pages/about',
  ].flatMap((item): [string, Expect][] => [
    [`/en/admin/${item.split('/')[0]!}`, row(303, 403, 403, 403, 200, 200)],
    [`/en/admin/${item}`, row(303, 403, 403, 403, 200, 200)],
    [`/en/admin/${item}/preview`, row(303, 403, 403, 403, 200, 200)],
    [`/en/admin/${item}/revisions`, row(303, 403, 403, 403, 200, 200)],
  ]),
  // A resource's pages at their old numbered addresses: editors are redirected for good, the rest refused as anywhere.
  ...['', '/preview', '/revisions'].map((path): [string, Expect] => [`/en/admin/resources/{resourceId}${path}`, row(303, 403, 403, 403, 301, 301)]),
];

const posts: [string, Record<string, string>, Expect][] = [
  [
    '/en/account/centres/centre-a/profile',
    { name: 'Centre A', country: 'GR', city: 'Athens', type: 'cove', website: '', description: '', published: 'yes' },
    row(403, 404, 404, 303, 404, 303),
  ],
  ['/en/account/centres/centre-a/invitations', { email: 'new@matrix.example', role: 'member' }, row(403, 404, 404, 303, 404, 303)],
  ['/en/account/centres/centre-a/network', { offers: 'peer-review' }, row(403, 404, 404, 303, 404, 303)],
  ['/en/account/centres/centre-a/network', { erasmusOid: 'X1' }, row(403, 404, 404, 422, 404, 422)],
  ['/en/account/centres/centre-a/messages/{conversation}', { body: '' }, row(403, 404, 404, 422, 404, 404)],
  ['/en/account/centres/centre-a/messages', { to: 'centre-b', subject: '', body: '' }, row(403, 404, 404, 422, 404, 404)],
  ['/en/account/centres/centre-a/messages/{conversation}/block', { on: 'maybe' }, row(403, 404, 404, 400, 404, 404)],
  ['/en/admin/reports/{report}/resolve', {}, row(403, 403, 403, 403, 403, 303)],
  ...communityForms.map(([path, fields, status]): [string, Record<string, string>, Expect] => [path, fields, row(403, 403, 403, 403, 403, status)]),
  // Consortia: the coordinating centre's administrators start and change one; an invited centre's answer.
  ['/en/account/centres/centre-a/consortia', { title: 'Matrix second', rules: 'cove-2022' }, row(403, 404, 404, 303, 404, 303)],
  ['/en/account/centres/centre-a/consortia', { title: '' }, row(403, 404, 404, 422, 404, 422)],
  [
    '/en/account/centres/centre-a/consortia/{consortium}/partners',
    { name: 'Matrix company', country: 'GR', kind: 'company', role: 'full' },
    row(403, 404, 404, 303, 404, 303),
  ],
  ['/en/account/centres/centre-a/consortia/{consortium}/partners', { name: '' }, row(403, 404, 404, 422, 404, 422)],
  // Inviting the coordinating centre itself: refused by the rules, after access.
  ['/en/account/centres/centre-a/consortia/{consortium}/invitations', { centre: '{centreA}', role: 'full' }, row(403, 404, 404, 422, 404, 422)],
  // Removing: the centre's administrator goes first; the platform administrator then finds the partner gone.
  ['/en/account/centres/centre-a/consortia/{consortium}/partners/{partner}/remove', {}, row(403, 404, 404, 303, 404, 404)],
  ['/en/account/centres/centre-b/consortia/{consortium}/answer', { answer: 'accept' }, row(403, 404, 303, 404, 404, 303)],
  ['/en/account/centres/centre-a/consortia/{consortium}/answer', { answer: 'accept' }, row(403, 404, 404, 404, 404, 404)],
  ['/en/admin/people/{member}/role', { role: 'member' }, row(403, 403, 403, 403, 403, 303)],
  // No such failed job: administrators are told so on the jobs page.
  ['/en/admin/jobs/mail/00000000-0000-4000-8000-000000000000/retry', {}, row(403, 403, 403, 403, 403, 303)],
  // Access comes before validation: a wrong value is a 400 only for those who may send the form.
  ['/en/admin/people/{member}/role', { role: 'owner' }, row(403, 403, 403, 403, 403, 400)],
  ['/en/account/centres/centre-a/members/{centreAdmin}/role', { role: 'owner' }, row(403, 404, 404, 400, 404, 400)],
  ['/en/account/centres/centre-a/profile', { name: '' }, row(403, 404, 404, 422, 404, 422)],
  ['/en/account/centres/centre-a/invitations', { email: 'not an address', role: 'member' }, row(403, 404, 404, 422, 404, 422)],
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/links', { group: 'nobody' }, row(403, 404, 404, 400, 404, 400)],
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/extend', { closes: 'someday' }, row(403, 404, 404, 422, 404, 422)],
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/invite', { inviteGroup: 'nobody' }, row(403, 404, 404, 422, 404, 422)],
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/extend', { closes: '2099-12-31' }, row(403, 404, 404, 303, 404, 303)],
  [
    '/en/account/centres/centre-a/self-assessment/rounds/{round}/invite',
    { inviteGroup: 'learners', invitees: 'someone@matrix.example', lang: 'en', message: '' },
    row(403, 404, 404, 303, 404, 303),
  ],
  // Reminding: the centre's administrator goes first; the platform administrator then finds the group reminded today.
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/remind', { group: 'learners' }, row(403, 404, 404, 303, 404, 429)],
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/plan/focus', { focus: 'none' }, row(403, 404, 404, 422, 404, 422)],
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/plan/actions', { title: '' }, row(403, 404, 404, 422, 404, 422)],
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/plan/actions/{action}', { title: '' }, row(403, 404, 404, 422, 404, 422)],
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/plan/actions/{action}/notes', { note: '' }, row(403, 404, 404, 422, 404, 422)],
  ['/en/admin/frameworks/vocational-excellence/discard', {}, row(403, 403, 403, 403, 303, 303)],
  [
    '/en/admin/self-assessment/settings',
    { minDays: '14', minGroups: '3', requiredGroups: 'learners', minIndicators: '50', minAnswers: '3', validityMonths: '24' },
    row(403, 403, 403, 403, 403, 303),
  ],
  // Issuing: the round has no answers, so the confirmation is refused by the rules, not by access.
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/certificate', { confirm: 'yes' }, row(403, 404, 404, 409, 404, 409)],
  ['/en/account/centres/centre-a/self-assessment/rounds/{round}/certificate/profile', { onProfile: 'yes' }, row(403, 404, 404, 404, 404, 404)],
  [
    '/en/admin/resources',
    { type: 'toolkit', source: 'Matrix', link: '', year: '', title_en: 'Matrix resource', description_en: 'Text.' },
    row(403, 403, 403, 403, 303, 303),
  ],
  // Without a file the import form comes back with its error: the request got past every check.
  ['/en/admin/content-pack/import', {}, row(403, 403, 403, 403, 422, 422)],
  // The content editor: an empty form comes back with its errors (past every check); deleting a
  // package that has stations is refused by the rules, not by access; publishing is idempotent.
  ['/en/admin/case-studies', {}, row(403, 403, 403, 403, 422, 422)],
  ['/en/admin/stations/building-partnerships-within-the-wider-ecosystem', {}, row(403, 403, 403, 403, 422, 422)],
  ['/en/admin/spotlight/ene/publish', {}, row(403, 403, 403, 403, 303, 303)],
  ['/en/admin/packages/building-skills-ecosystems/delete', {}, row(403, 403, 403, 403, 409, 409)],
  ['/en/admin/spotlight/ene/revisions/999999/restore', {}, row(403, 403, 403, 403, 404, 404)],
  ['/en/admin/resources/{resource}', {}, row(403, 403, 403, 403, 422, 422)],
  ['/en/admin/resources/{resource}/unpublish', {}, row(403, 403, 403, 403, 303, 303)],
  ['/en/admin/resources/{resource}/revisions/999999/restore', {}, row(403, 403, 403, 403, 404, 404)],
  // A resource's forms at their old numbered addresses: sent again to the new one (308).
  ...['', '/publish', '/unpublish', '/delete', '/revisions/1/restore', '/attachments/1/delete'].map((path): [string, Record<string, string>, Expect] => [
    `/en/admin/resources/{resourceId}${path}`,
    {},
    row(403, 403, 403, 403, 308, 308),
  ]),
  // Partner requests: an empty form comes back with its errors for the centre's members; a reply needs a message (anyone signed in may send one).
  ['/en/account/centres/centre-a/requests', { title: '' }, row(403, 404, 404, 422, 404, 404)],
  ['/en/account/partners/{request}/reply', { centre: 'centre-b', body: '' }, row(403, 422, 422, 422, 422, 422)],
  // Closing the request (last: it takes no replies after this).
  ['/en/account/centres/centre-a/requests/{request}/close', {}, row(403, 404, 404, 303, 404, 404)],
];

describe('authorisation matrix', () => {
  for (const [template, expect] of gets) {
    test(`GET ${template}: ${named(template, expect)}`, async () => {
      const url = fill(template);
      for (const p of personas) {
        const res = await agents[p].get(url);
        const status = expected(template, expect, p);
        assert.equal(res.statusCode, status, `${p} on ${url}`);
        if (status === 303 && p === 'visitor') assert.match(res.headers.location as string, /^\/en\/account\/sign-in\?next=/);
        if (status === 403) assert.match(res.body, /You do not have access/);
      }
    });
  }
  for (const [template, fields, expect] of posts) {
    test(`POST ${template}: ${named(template, expect)}`, async () => {
      // Ids exist only once before() has run.
      const url = fill(template);
      // Ids may stand in the fields too (a centre to invite).
      const sent = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fill(v)]));
      for (const p of personas) {
        const res = p === 'visitor' ? await agents[p].postRaw(url, sent) : await agents[p].post(url, sent, '/en/account');
        assert.equal(res.statusCode, expected(template, expect, p), `${p} on ${url}`);
      }
    });
  }
  // Uploads are multipart; deleting needs a fresh file for each person allowed to delete it.
  const uploads: [string, Expect][] = [
    ['/en/admin/resources/{resource}/attachments', row(403, 403, 403, 403, 303, 303)],
    ['/en/admin/case-studies/{caseStudy}/attachments', row(403, 403, 403, 403, 303, 303)],
    ['/en/admin/resources/{resourceId}/attachments', row(403, 403, 403, 403, 308, 308)],
  ];
  for (const [template, expect] of uploads) {
    test(`POST ${template} (upload): ${named(template, expect)}`, async () => {
      const url = fill(template);
      for (const p of personas) {
        const res =
          p === 'visitor' ? await agents[p].postRaw(url, { title: 'Matrix' }) : await agents[p].upload(url, { title: 'Matrix' }, samplePdf, '/en/account');
        assert.equal(res.statusCode, expected(template, expect, p), `${p} on ${url}`);
      }
    });
  }
  const deletion = row(403, 403, 403, 403, 303, 303);
  const deleteUrl = '/en/admin/resources/{resource}/attachments/{attachment}/delete';
  test(`POST ${deleteUrl}: ${named(deleteUrl, deletion)}`, async () => {
    for (const p of personas) {
      files.attachment = await newAttachment();
      const url = fill(deleteUrl);
      const res = p === 'visitor' ? await agents[p].postRaw(url, {}) : await agents[p].post(url, {}, '/en/account');
      assert.equal(res.statusCode, expected(deleteUrl, deletion, p), `${p} on ${url}`);
    }
  });
  test('a signed-in person posting without the CSRF token is refused everywhere', async () => {
    for (const [template, fields] of posts) {
      const res = await agents.administrator.postRaw(fill(template), fields);
      assert.equal(res.statusCode, 403, template);
    }
    for (const template of [...uploads.map(([u]) => u), '/en/admin/resources/{resource}/attachments/{attachment}/delete']) {
      const res = await agents.administrator.postRaw(fill(template), {});
      assert.equal(res.statusCode, 403, template);
    }
  });
});
