import assert from 'node:assert/strict';
import { centre } from '../factories/centres.ts';
import { signIn, user, type Role } from '../factories/people.ts';
import { agent, type Agent } from './agent.ts';
import type { TestApp } from './app.ts';

// Self-assessment steps as people take them, over HTTP: a centre administrator starts a round,
// respondents answer through their group's link with no account.

const PASSWORD = 'assessment tests passphrase 51';
let n = 0;

export interface CentreAdmin {
  a: Agent;
  slug: string;
  centreId: number;
  userId: number;
  email: string;
}

/** A signed-in person who administers a new centre. */
export async function centreAdmin(t: TestApp, o: { country?: string; sectors?: string[]; role?: string } = {}): Promise<CentreAdmin> {
  const admin = await user(t, {
    email: `assess-${++n}-${Date.now()}@centre.example`,
    name: `Leader ${n}`,
    role: (o.role ?? 'member') as Role,
    password: PASSWORD,
  });
  const c = await centre(t, {
    admin,
    slug: `assessed-centre-${n}-${Date.now()}`,
    name: `Assessed Centre ${n}`,
    country: o.country ?? 'MD',
    sectors: o.sectors ?? ['tourism'],
  });
  return { a: await signIn(t, admin), slug: c.slug, centreId: c.id, userId: admin.id, email: admin.email };
}

/** A signed-in person with no centre (or a member added by the caller). */
export async function signedIn(t: TestApp, role = 'member'): Promise<{ a: Agent; userId: number; email: string }> {
  const u = await user(t, { email: `assess-person-${++n}-${Date.now()}@example.org`, name: `Person ${n}`, role: role as Role, password: PASSWORD });
  return { a: await signIn(t, u), userId: u.id, email: u.email };
}

const today = (days = 0) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export interface RoundOptions {
  title?: string;
  indicators?: string[];
  groups?: string[];
  /** groups that answer by personal invitation */
  invited?: string[];
  opens?: string;
  closes?: string;
  minGroupSize?: string;
  own?: string[];
}

export function roundFields(o: RoundOptions = {}): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {
    title: o.title ?? 'Spring round',
    indicators: o.indicators ?? ['programmes-reviewed-with-employers', 'programmes-match-current-practice', 'placements-for-all-learners'],
    groups: o.groups ?? ['teachers', 'learners'],
    ...(o.invited ? { invited: o.invited } : {}),
    opens: o.opens ?? today(),
    closes: o.closes ?? today(14),
    minGroupSize: o.minGroupSize ?? '3',
  };
  (o.own ?? []).forEach((text, i) => (fields[`own${i + 1}`] = text));
  return fields;
}

/** Starts a round; returns its id and its page's address. */
export async function startRound(admin: CentreAdmin, o: RoundOptions = {}): Promise<{ id: number; path: string }> {
  const base = `/en/account/centres/${admin.slug}/self-assessment`;
  const res = await admin.a.post(base, roundFields(o), `${base}/new`);
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  const m = /\/rounds\/(\d+)\?done=created$/.exec(res.headers.location as string);
  assert.ok(m, String(res.headers.location));
  return { id: Number(m[1]), path: `${base}/rounds/${m[1]}` };
}

/** Each group's link token, as the round's page shows them. */
export async function groupLinks(admin: CentreAdmin, path: string): Promise<Record<string, string>> {
  const page = await admin.a.get(path);
  assert.equal(page.statusCode, 200);
  const out: Record<string, string> = {};
  // Each group is a table body of its own; a group that answers by invitation has no link.
  for (const m of page.body.matchAll(
    /<th scope="row">([^<]+?) ?(?:<span class="meta group-way">[^<]*<\/span>)?<\/th>(?:(?!<\/tbody>)[\s\S])*?\/en\/survey\/([A-Za-z0-9_-]{43})"/g,
  ))
    out[m[1]!] = m[2]!;
  return out;
}

/** The answer fields of a questionnaire page, by item. */
export const itemsOnPage = (body: string): string[] => [...new Set([...body.matchAll(/name="a\.([a-z0-9-]+)"/g)].map((m) => m[1]!))];

export interface Respondent {
  a: Agent;
  /** the resume token */
  token: string;
}

/** Starts a response through a group's link, in a browser of its own unless given one (`shared`: the person confirms a shared device). */
export async function begin(t: TestApp, link: string, o: { as?: Agent; shared?: boolean } = {}): Promise<Respondent> {
  const a = o.as ?? agent(t);
  const res = await a.post(`/en/survey/${link}/start`, o.shared ? { shared: 'yes' } : {}, `/en/survey/${link}`);
  assert.equal(res.statusCode, 303, res.body.slice(0, 1000));
  const m = /^\/en\/survey\/r\/([A-Za-z0-9_-]{43})\/1$/.exec(res.headers.location as string);
  assert.ok(m, String(res.headers.location));
  return { a, token: m[1]! };
}

/** Answers every page of a started response with `value(item)`, and sends it unless told not to. */
export async function answer(r: Respondent, value: (item: string) => string, o: { send?: boolean; shared?: boolean; lang?: string } = {}): Promise<void> {
  const base = `/${o.lang ?? 'en'}/survey/r/${r.token}`;
  for (let page = 1; ; page++) {
    const url = `${base}/${page}`;
    const form = await r.a.get(url);
    assert.equal(form.statusCode, 200, form.body.slice(0, 500));
    // The page just read carries the form's CSRF token, as it does in a browser: no second request for it.
    const fields: Record<string, string> = { go: 'next', _csrf: /name="_csrf" value="([^"]+)"/.exec(form.body)![1]! };
    for (const item of itemsOnPage(form.body)) fields[`a.${item}`] = value(item);
    const saved = await r.a.postRaw(url, fields);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 1500));
    if ((saved.headers.location as string).endsWith('/check')) break;
  }
  if (o.send ?? true) {
    const sent = await r.a.post(`${base}/send`, o.shared ? { shared: 'yes' } : {}, `${base}/check`);
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 1500));
  }
}

/** Starts a response through a group's link, answers every page with `value(item)` and sends; returns the respondent. */
export async function respond(
  t: TestApp,
  link: string,
  value: (item: string) => string,
  send = true,
  o: { as?: Agent; shared?: boolean } = {},
): Promise<Respondent> {
  const r = await begin(t, link, o);
  await answer(r, value, { send, ...(o.shared ? { shared: true } : {}) });
  return r;
}
