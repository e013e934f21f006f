import { languages } from '../../src/i18n/languages.ts';
import type { Fixture, Person } from './fixture.ts';

// Every page type people reach, once: the browser suite runs axe and the layout checks on each,
// the unit suite validates each one's HTML, and `npm run shots` photographs each. Adding a page
// type is one line here. Addresses come without the language (`/en` is put in front) and may use
// the fixture's data. Ids from the starter content: package 1's checklist has
// "attract-partners", package 2's "shared-vision"; "ceef" is a case study, "digcomp" a resource.

/** Every interface language: each page type is checked in all of them. */
export const langs = languages;
export type TestLang = (typeof langs)[number];

export type Area = 'public' | 'signed-in' | 'questionnaire' | 'back-office';

export interface PageCase {
  name: string;
  area: Area;
  path: (f: Fixture) => string;
  /** who opens it (default: a visitor, not signed in) */
  as?: Person;
  /** the status the first response has (default 200) */
  status?: number;
  /** the page is also checked with JavaScript turned off */
  noJs?: boolean;
  /** the page under test is what comes back after pressing this submit button with the form as it is (a form with errors) */
  submit?: string;
  /** the visitor's address has spent its budget of new searches (http/fair-use.ts) when the page is opened */
  searchBudgetSpent?: boolean;
}

const STATION = 'building-partnerships-within-the-wider-ecosystem';
const FRAMEWORK = '/admin/frameworks/vocational-excellence';
const at = (path: string) => () => path;

export const pageCases: PageCase[] = [
  // Public
  { area: 'public', name: 'home', path: at('') },
  { area: 'public', name: 'package', path: at('/packages/1') },
  { area: 'public', name: 'station', path: at('/packages/1/stations/1'), noJs: true },
  { area: 'public', name: 'case studies', path: at('/case-studies') },
  { area: 'public', name: 'case study', path: at('/case-studies/ceef') },
  { area: 'public', name: 'spotlight', path: at('/spotlight') },
  { area: 'public', name: 'about', path: at('/about') },
  { area: 'public', name: 'help', path: at('/help') },
  { area: 'public', name: 'privacy notice', path: at('/privacy') },
  { area: 'public', name: 'legal notice', path: at('/legal') },
  { area: 'public', name: 'cookies', path: at('/cookies') },
  { area: 'public', name: 'accessibility statement', path: at('/accessibility') },
  { area: 'public', name: 'contact', path: at('/contact'), noJs: true },
  { area: 'public', name: 'contact with errors', path: at('/contact'), submit: 'form.form button[type=submit]' },
  { area: 'public', name: 'contact thank-you', path: at('/contact/sent') },
  { area: 'public', name: 'self-assessment', path: at('/self-assessment') },
  { area: 'public', name: 'framework', path: at('/self-assessment/framework') },
  { area: 'public', name: 'checker form', path: at('/checker'), noJs: true },
  { area: 'public', name: 'checker result', path: at('/checker/result?c=shared-vision&c=attract-partners'), noJs: true },
  { area: 'public', name: 'checker nothing ticked', path: at('/checker/result'), status: 400, noJs: true },
  { area: 'public', name: 'library first page', path: at('/library'), noJs: true },
  { area: 'public', name: 'library search and two facets', path: at('/library?q=skills&type=toolkit&theme=skills-anticipation'), noJs: true },
  { area: 'public', name: 'library empty result', path: at('/library?q=zzzqqqxx') },
  { area: 'public', name: 'resource', path: at('/library/digcomp') },
  { area: 'public', name: 'resource without a link', path: at('/library/ecovem-memorandum-of-understanding') },
  { area: 'public', name: 'search with results', path: at('/search?q=skills') },
  { area: 'public', name: 'search empty', path: at('/search?q=zzzqqqxx') },
  { area: 'public', name: 'centre directory', path: at('/centres') },
  { area: 'public', name: 'centre directory with filters', path: at('/centres?q=hotel&offers=learner-mobility&country=MA'), noJs: true },
  { area: 'public', name: 'centre directory empty result', path: at('/centres?q=zzzqqqxx&status=ene') },
  { area: 'public', name: 'centre map', path: at('/centres/map'), noJs: true },
  { area: 'public', name: 'partner requests', path: at('/partners'), noJs: true },
  { area: 'public', name: 'partner requests with filters', path: at('/partners?purpose=learner-mobility&country=IT') },
  { area: 'public', name: 'partner request', path: (f) => `/partners/${f.request}` },
  { area: 'public', name: 'communities', path: at('/communities'), noJs: true },
  { area: 'public', name: 'communities with filters', path: at('/communities?theme=work-based-learning&language=fr') },
  { area: 'public', name: 'communities empty result', path: at('/communities?theme=funding') },
  { area: 'public', name: 'community', path: (f) => `/communities/${f.community}` },
  { area: 'public', name: 'community topic', path: (f) => `/communities/${f.community}/topics/${f.topic}`, noJs: true },
  { area: 'public', name: 'centre map with filters', path: at('/centres/map?offers=learner-mobility&country=MA') },
  { area: 'public', name: 'centre page', path: (f) => `/centres/${f.centre}` },
  { area: 'public', name: 'certificate', path: (f) => `/certificates/${f.certificate}` },
  { area: 'public', name: 'certificate lookup', path: at('/certificates') },
  { area: 'public', name: 'unknown certificate code', path: at('/certificates/ZZZZZ-ZZZZZ'), status: 404 },
  { area: 'public', name: 'register', path: at('/account/register') },
  { area: 'public', name: 'register with errors', path: at('/account/register'), submit: 'form.form button[type=submit]' },
  { area: 'public', name: 'sign in', path: at('/account/sign-in?done=confirmed') },
  { area: 'public', name: 'forgotten password', path: at('/account/forgot') },
  { area: 'public', name: 'expired link', path: at('/account/reset?token=expired'), status: 410 },
  { area: 'public', name: '404', path: at('/no-such-page'), status: 404 },
  { area: 'public', name: '400', path: at('/library?page=abc'), status: 400 },
  // A search no other case makes, so it is never in the search cache.
  { area: 'public', name: 'too many searches', path: at('/library?q=work-based+learning'), status: 429, searchBudgetSpent: true, noJs: true },
  { area: 'public', name: 'design system', path: at('/design-system'), noJs: true },

  // Signed in: a centre leader
  { area: 'signed-in', name: 'account', as: 'member', path: at('/account') },
  { area: 'signed-in', name: 'sign out', as: 'member', path: at('/account/sign-out') },
  { area: 'signed-in', name: 'new centre form', as: 'member', path: at('/account/centres/new') },
  { area: 'signed-in', name: 'centre management', as: 'member', path: (f) => `/account/centres/${f.centre}?done=created` },
  { area: 'signed-in', name: 'network profile form', as: 'member', path: (f) => `/account/centres/${f.centre}/network?done=saved` },
  { area: 'signed-in', name: 'suggested partners', as: 'member', path: (f) => `/account/centres/${f.centre}/suggestions` },
  { area: 'signed-in', name: 'community as its facilitator', as: 'member', path: (f) => `/communities/${f.community}` },
  { area: 'signed-in', name: 'community members and requests', as: 'member', path: (f) => `/communities/${f.community}/members` },
  { area: 'signed-in', name: 'community topic with the reply form', as: 'member', path: (f) => `/communities/${f.community}/topics/${f.topic}`, noJs: true },
  {
    area: 'signed-in',
    name: 'community topic with a reply refused',
    as: 'member',
    path: (f) => `/communities/${f.community}/topics/${f.topic}`,
    submit: 'form.form button[type=submit]',
  },
  { area: 'signed-in', name: 'new community topic', as: 'member', path: (f) => `/communities/${f.community}/topics/new` },
  {
    area: 'signed-in',
    name: 'new community topic with errors',
    as: 'member',
    path: (f) => `/communities/${f.community}/topics/new`,
    submit: 'form.form button[type=submit]',
  },
  { area: 'signed-in', name: 'community review queue', as: 'member', path: (f) => `/communities/${f.community}/review` },
  { area: 'signed-in', name: 'notifications', as: 'member', path: at('/account/notifications') },
  { area: 'signed-in', name: 'notifications, all read', as: 'editor', path: at('/account/notifications') },
  { area: 'public', name: 'digest turned off from its mail', path: (f) => `/account/notifications/digest?t=${f.digest}&done=off` },
  { area: 'public', name: 'digest link too old', path: (f) => `/account/notifications/digest?t=${f.oldDigest}`, status: 410 },
  { area: 'signed-in', name: 'flag a post', as: 'member', path: (f) => `/communities/${f.community}/posts/${f.flaggedPost}/flag` },
  {
    area: 'signed-in',
    name: 'flag a post with errors',
    as: 'member',
    path: (f) => `/communities/${f.community}/posts/${f.flaggedPost}/flag`,
    submit: 'form.form button[type=submit]',
  },
  { area: 'public', name: 'community search', path: (f) => `/communities/${f.community}/search?q=placement` },
  { area: 'public', name: 'community search, nothing found', path: (f) => `/communities/${f.community}/search?q=zzqqxx` },
  { area: 'signed-in', name: 'edit a post', as: 'member', path: (f) => `/communities/${f.community}/posts/${f.editedPost}/edit` },
  { area: 'public', name: 'post history', path: (f) => `/communities/${f.community}/posts/${f.editedPost}/history` },
  { area: 'public', name: 'community files', path: (f) => `/communities/${f.community}/files` },
  { area: 'public', name: 'events', path: at('/events'), noJs: true },
  { area: 'public', name: 'events month', path: (f) => `/events/month?m=${f.eventMonth}`, noJs: true },
  { area: 'public', name: 'event', path: (f) => f.event, noJs: true },
  { area: 'public', name: 'event registration with errors', path: (f) => f.event, submit: 'form.form button[type=submit]' },
  { area: 'public', name: 'event registration of a guest', path: (f) => f.eventRegistration },
  { area: 'signed-in', name: 'event with a place held', as: 'editor', path: (f) => f.event },
  { area: 'signed-in', name: 'event as its organiser', as: 'member', path: (f) => f.event },
  { area: 'signed-in', name: 'new event', as: 'member', path: at('/events/new') },
  { area: 'signed-in', name: 'new event with errors', as: 'member', path: at('/events/new'), submit: 'form.form button[type=submit]' },
  { area: 'signed-in', name: 'event participants', as: 'member', path: (f) => `${f.event}/participants` },
  { area: 'signed-in', name: 'event announcement', as: 'member', path: (f) => `${f.event}/announce` },
  { area: 'signed-in', name: 'cancel an event', as: 'member', path: (f) => `${f.event}/cancel` },
  { area: 'signed-in', name: 'my calendar of events', as: 'member', path: at('/events/my-calendar') },
  { area: 'signed-in', name: 'remove a post', as: 'member', path: (f) => `/communities/${f.community}/posts/${f.flaggedPost}/remove?from=review` },
  { area: 'signed-in', name: 'ask to join a community', as: 'admin', path: (f) => `/communities/${f.community}/join` },
  {
    area: 'signed-in',
    name: 'ask to join a community with errors',
    as: 'admin',
    path: (f) => `/communities/${f.community}/join`,
    submit: 'form.form button[type=submit]',
  },
  { area: 'signed-in', name: 'messages', as: 'member', path: (f) => `/account/centres/${f.centre}/messages` },
  { area: 'signed-in', name: 'conversation', as: 'member', path: (f) => `${f.conversation}?done=sent` },
  { area: 'signed-in', name: 'centre partner requests', as: 'member', path: (f) => `/account/centres/${f.centre}/requests` },
  { area: 'signed-in', name: 'partner request form', as: 'member', path: (f) => `/account/centres/${f.centre}/requests/new` },
  {
    area: 'signed-in',
    name: 'partner request form with errors',
    as: 'member',
    path: (f) => `/account/centres/${f.centre}/requests/new`,
    submit: 'form.form button[type=submit]',
  },
  { area: 'signed-in', name: 'partner request with replies', as: 'member', path: (f) => `/account/centres/${f.centre}/requests/${f.request}?done=posted` },
  { area: 'signed-in', name: 'reply to a request without a centre', as: 'editor', path: (f) => `/account/partners/${f.request}/reply` },
  { area: 'signed-in', name: 'consortia', as: 'member', path: (f) => `/account/centres/${f.centre}/consortia` },
  { area: 'signed-in', name: 'consortium with partners and a search', as: 'member', path: (f) => `${f.consortium}?q=e&done=invited`, noJs: true },
  {
    area: 'signed-in',
    name: 'consortium partner form with errors',
    as: 'member',
    path: (f) => f.consortium,
    submit: '.consortium-outside button[type=submit]',
  },
  { area: 'signed-in', name: 'rounds', as: 'member', path: (f) => `/account/centres/${f.centre}/self-assessment` },
  { area: 'signed-in', name: 'start-a-round form', as: 'member', path: (f) => `/account/centres/${f.centre}/self-assessment/new` },
  {
    area: 'signed-in',
    name: 'start-a-round form, core set',
    as: 'member',
    path: (f) => `/account/centres/${f.centre}/self-assessment/new?preset=core`,
    noJs: true,
  },
  { area: 'signed-in', name: 'open round', as: 'member', path: (f) => `${f.open}?done=created` },
  { area: 'signed-in', name: 'finished round', as: 'member', path: (f) => f.finished },
  { area: 'signed-in', name: 'report of an open round', as: 'member', path: (f) => `${f.open}/report` },
  { area: 'signed-in', name: 'report', as: 'member', path: (f) => `${f.finished}/report` },
  { area: 'signed-in', name: 'plan', as: 'member', path: (f) => `${f.finished}/plan` },
  { area: 'signed-in', name: 'plan focus form', as: 'member', path: (f) => `${f.finished}/plan?focus=edit` },
  { area: 'signed-in', name: 'plan action form', as: 'member', path: (f) => `${f.finished}/plan/actions/${f.action}` },
  { area: 'signed-in', name: 'plan new-action form', as: 'member', path: (f) => `${f.finished}/plan/new-action?criterion=work-based-learning` },
  { area: 'signed-in', name: 'certificate preview', as: 'member', path: (f) => `${f.previewable}/certificate`, noJs: true },

  // The questionnaire, as a learner with the round's link
  { area: 'questionnaire', name: 'questionnaire welcome', path: (f) => `/survey/${f.link}` },
  { area: 'questionnaire', name: 'personal invitation welcome', path: (f) => `/survey/i/${f.invitation}`, noJs: true },
  { area: 'questionnaire', name: 'questionnaire page', path: (f) => `/survey/r/${f.token}/1` },
  { area: 'questionnaire', name: 'questionnaire page with errors', path: (f) => `/survey/r/${f.token}/1`, submit: 'button[value=next]' },
  { area: 'questionnaire', name: 'questionnaire check page', path: (f) => `/survey/r/${f.token}/check` },
  { area: 'questionnaire', name: 'unknown short address', path: at('/s/ZZZZ-ZZZZ'), status: 404, noJs: true },

  // The back office
  { area: 'back-office', name: 'dashboard', as: 'editor', path: at('/admin') },
  { area: 'back-office', name: 'people', as: 'admin', path: at('/admin/people') },
  { area: 'back-office', name: 'outbox', as: 'admin', path: at('/admin/outbox') },
  { area: 'back-office', name: 'jobs', as: 'admin', path: at('/admin/jobs') },
  { area: 'back-office', name: 'audit log', as: 'admin', path: at('/admin/audit') },
  { area: 'back-office', name: 'reported messages', as: 'admin', path: at('/admin/reports?done=resolved') },
  // Communities, back office
  { area: 'back-office', name: 'community list (back office)', as: 'admin', path: at('/admin/communities') },
  { area: 'back-office', name: 'new community form', as: 'admin', path: at('/admin/communities/new') },
  { area: 'back-office', name: 'community form', as: 'admin', path: at('/admin/communities/fixture-admin-community?done=saved') },
  { area: 'back-office', name: 'package list', as: 'editor', path: at('/admin/packages') },
  { area: 'back-office', name: 'package form', as: 'editor', path: at('/admin/packages/building-skills-ecosystems') },
  { area: 'back-office', name: 'station list', as: 'editor', path: at('/admin/stations') },
  { area: 'back-office', name: 'station form', as: 'editor', path: at(`/admin/stations/${STATION}`) },
  { area: 'back-office', name: 'station preview', as: 'editor', path: at(`/admin/stations/${STATION}/preview`) },
  { area: 'back-office', name: 'case-study list', as: 'editor', path: at('/admin/case-studies') },
  { area: 'back-office', name: 'case-study form', as: 'editor', path: at('/admin/case-studies/ceef') },
  { area: 'back-office', name: 'new case-study form', as: 'editor', path: at('/admin/case-studies/new') },
  {
    area: 'back-office',
    name: 'new case-study form with errors',
    as: 'editor',
    path: at('/admin/case-studies/new'),
    submit: 'form.form:has(#field-title_en) button[type=submit]',
  },
  { area: 'back-office', name: 'case-study attachments', as: 'editor', path: at('/admin/case-studies/ceef/attachments') },
  { area: 'back-office', name: 'spotlight list', as: 'editor', path: at('/admin/spotlight') },
  { area: 'back-office', name: 'spotlight form', as: 'editor', path: at('/admin/spotlight/ene?done=saved') },
  { area: 'back-office', name: 'spotlight revisions', as: 'editor', path: at('/admin/spotlight/ene/revisions') },
  { area: 'back-office', name: 'page list', as: 'editor', path: at('/admin/pages') },
  { area: 'back-office', name: 'page form', as: 'editor', path: at('/admin/pages/about') },
  { area: 'back-office', name: 'resource list', as: 'editor', path: at('/admin/resources') },
  { area: 'back-office', name: 'new resource form', as: 'editor', path: at('/admin/resources/new') },
  { area: 'back-office', name: 'resource form', as: 'editor', path: (f) => `/admin/resources/${f.resource}?done=saved` },
  { area: 'back-office', name: 'resource preview', as: 'editor', path: (f) => `/admin/resources/${f.resource}/preview` },
  { area: 'back-office', name: 'resource revisions', as: 'editor', path: (f) => `/admin/resources/${f.resource}/revisions` },
  { area: 'back-office', name: 'content pack', as: 'editor', path: at('/admin/content-pack') },
  { area: 'back-office', name: 'framework editor', as: 'editor', path: at(FRAMEWORK) },
  { area: 'back-office', name: 'framework statement form', as: 'editor', path: at(`${FRAMEWORK}/indicator/programmes-reviewed-with-employers`) },
  { area: 'back-office', name: 'framework criterion form', as: 'editor', path: at(`${FRAMEWORK}/criterion/programme-relevance`) },
  { area: 'back-office', name: 'framework new statement form', as: 'editor', path: at(`${FRAMEWORK}/criterion/programme-relevance/new-indicator`) },
  { area: 'back-office', name: 'certificate rules', as: 'admin', path: at('/admin/self-assessment/settings') },
  { area: 'back-office', name: 'policy view', as: 'admin', path: at('/admin/self-assessment/policy') },
];

// Names identify page types in test names, the known-failure list and the screenshots' files.
const names = pageCases.map((p) => p.name);
const twice = names.filter((n, i) => names.indexOf(n) !== i);
if (twice.length) throw new Error(`page type names must differ: ${twice.join(', ')}`);

export function url(lang: TestLang, p: PageCase, f: Fixture): string {
  return `/${lang}${p.path(f)}`;
}

/** A file-name-safe id that sorts by the page's place in the list: "07-checker-form". */
export function fileId(p: PageCase): string {
  const n = String(pageCases.indexOf(p) + 1).padStart(2, '0');
  return `${n}-${p.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}
