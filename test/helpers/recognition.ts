import assert from 'node:assert/strict';
import type { Agent } from './agent.ts';
import type { TestApp } from './app.ts';
import { groupLinks, respond, startRound, type CentreAdmin } from './assessment.ts';

// Recognition steps over HTTP: the certificate rules as administrators set them, and a round that
// meets them as a centre makes one (answers from its groups, closed, a plan with an action in
// every focus area).

export const SETTINGS = '/en/admin/self-assessment/settings';

/** The rules form, at the defaults unless told otherwise. */
export function rulesFields(
  o: Partial<Record<'minDays' | 'minGroups' | 'minIndicators' | 'minAnswers' | 'validityMonths', string>> & { requiredGroups?: string[] } = {},
) {
  return {
    minDays: '14',
    minGroups: '3',
    minIndicators: '50',
    minAnswers: '3',
    validityMonths: '24',
    ...o,
    requiredGroups: o.requiredGroups ?? ['learners', 'companies'],
  };
}

/** Sets the certificate rules as a platform administrator does. */
export async function setRules(admin: Agent, fields: ReturnType<typeof rulesFields>): Promise<void> {
  const res = await admin.post(SETTINGS, fields, SETTINGS);
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
}

/** Three statements from two criteria: Relevant and up-to-date programmes; Work-based learning and placements. */
export const THREE = ['programmes-match-current-practice', 'placements-for-all-learners', 'transversal-skills'];
export const GROUP_NAMES: Record<string, string> = {
  leaders: 'Leaders and managers',
  learners: 'Learners',
  companies: 'Company partners and in-company trainers',
};

/** A round of the three statements for these groups, each answered by so many people (default three each). */
export async function answeredRound(t: TestApp, admin: CentreAdmin, answers: Record<string, number>): Promise<{ id: number; path: string }> {
  const r = await startRound(admin, { indicators: THREE, groups: Object.keys(answers) });
  const links = await groupLinks(admin, r.path);
  for (const [group, n] of Object.entries(answers)) for (let i = 0; i < n; i++) await respond(t, links[GROUP_NAMES[group]!]!, () => '4');
  return r;
}

/** Moves the round's opening back by `days`, as if it had opened then. */
export async function openedDaysAgo(t: TestApp, roundId: number, days: number): Promise<void> {
  await t.database.db
    .updateTable('rounds')
    .set({ opens_at: new Date(Date.now() - days * 86_400_000).toISOString() })
    .where('id', '=', roundId)
    .execute();
}

export async function closeRound(admin: CentreAdmin, path: string): Promise<void> {
  assert.equal((await admin.a.post(`${path}/close`, {}, path)).statusCode, 303);
}

export async function chooseFocus(admin: CentreAdmin, path: string, focus = ['programme-relevance', 'work-based-learning']): Promise<void> {
  const plan = `${path}/plan`;
  const res = await admin.a.post(`${plan}/focus`, { focus }, plan);
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
}

export async function addAction(admin: CentreAdmin, path: string, criterion: string): Promise<void> {
  const plan = `${path}/plan`;
  const fields = { criterion, source: '', title: `Action for ${criterion}`, owner: 'Quality officer', due: '', status: 'planned', indicator: '', notes: '' };
  const res = await admin.a.post(`${plan}/actions`, fields, plan);
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
}

/** A round that meets the default rules but for the number of statements: three groups of three, open 20 days, closed, a plan with an action in both focus areas. */
export async function recognisableRound(t: TestApp, admin: CentreAdmin, answers: Record<string, number> = { leaders: 3, learners: 3, companies: 3 }) {
  const r = await answeredRound(t, admin, answers);
  await openedDaysAgo(t, r.id, 20);
  await closeRound(admin, r.path);
  await chooseFocus(admin, r.path);
  await addAction(admin, r.path, 'programme-relevance');
  await addAction(admin, r.path, 'work-based-learning');
  return r;
}

/** Issues the round's certificate (preview, then confirm); its code. */
export async function issue(admin: CentreAdmin, path: string): Promise<string> {
  const res = await admin.a.post(`${path}/certificate`, { confirm: 'yes' }, `${path}/certificate`);
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
  return /\/en\/certificates\/([0-9A-Z]{5}-[0-9A-Z]{5})$/.exec(res.headers.location as string)![1]!;
}
