import assert from 'node:assert/strict';
import type { Agent } from './helpers/agent.ts';

// The back office of communities in the authorisation matrix (authorisation.test.ts), kept here
// so the matrix stays one screenful per area: administrators only; everyone else is refused (403),
// visitors sent to sign in on its pages. Forms list what an administrator gets: one with errors
// comes back (422) past every check; the matrix's member is named facilitator, then removed.

const fields = (slug: string) => ({ slug, theme: 'partnerships', joining: 'open', visibility: 'public', name_en: `Matrix ${slug}`, description_en: 'Text.' });
const base = '/en/admin/communities';

/** The community the routes below are about, made by the matrix's administrator. */
export async function makeCommunity(admin: Agent): Promise<void> {
  const res = await admin.post(`${base}/new`, fields('matrix-community'));
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
}

export const communityPages = ['', '/new', '/matrix-community'].map((path) => `${base}${path}`);

export const communityForms: [string, Record<string, string>, number][] = [
  [`${base}/new`, fields('matrix-second'), 303],
  [`${base}/new`, {}, 422],
  [`${base}/matrix-community`, { name_en: '' }, 422],
  [`${base}/matrix-community`, fields('matrix-community'), 303],
  [`${base}/matrix-community/archive`, { on: 'maybe' }, 400],
  [`${base}/matrix-community/archive`, { on: 'yes' }, 303],
  [`${base}/matrix-community/archive`, { on: 'no' }, 303],
  [`${base}/matrix-community/facilitators`, { email: 'nobody@matrix.example' }, 422],
  [`${base}/matrix-community/facilitators`, { email: 'member@matrix.example' }, 303],
  [`${base}/matrix-community/facilitators/{member}/remove`, {}, 303],
  [`${base}/no-such-community/facilitators/{member}/remove`, {}, 404],
];
