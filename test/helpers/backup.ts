import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { centre, responses, round, signIn, signedInUser } from '../factories/index.ts';
import { agent } from './agent.ts';
import { runJobs, type TestApp } from './app.ts';
import { newResource, pdf, png } from './files.ts';
import { rulesFields, setRules } from './recognition.ts';

// For the backup tests: a platform with rows in every kind of table, made as people make them,
// and a look inside a backup file with another zip reader than the one restoring uses.

/**
 * Accounts (one unconfirmed), a centre with its logo, members and an invitation, certificate
 * rules, a finished round with sent and unsent responses, its plan and certificate, a resource
 * with a revision and an attachment, mail in the outbox and the audit log. The starter content
 * brings the packages, the library, the framework's versions and the search index.
 */
export async function fillEveryKind(t: TestApp): Promise<void> {
  const admin = await signedInUser(t, { role: 'admin', name: 'Ana Admin' });
  await setRules(admin.a, rulesFields({ minDays: '0', minGroups: '1', requiredGroups: [], minIndicators: '3' }));

  const c = await centre(t, { members: 1, name: 'Centre de formation Chișinău' });
  const leader = await signIn(t, c.admin);
  const manage = `/en/account/centres/${c.slug}`;
  const logo = await leader.upload(`${manage}/logo`, {}, { field: 'logo', name: 'logo.png', type: 'image/png', data: await png() }, manage);
  assert.equal(logo.statusCode, 303, logo.body.slice(0, 300));
  assert.equal((await leader.post(`${manage}/invitations`, { email: 'colleague@invited.example', role: 'member' }, manage)).statusCode, 303);
  const registered = await agent(t).post('/en/account/register', {
    name: 'Not Yet Confirmed',
    email: 'later@backup.example',
    password: 'a long enough passphrase 2026',
  });
  assert.equal(registered.statusCode, 200, registered.body.slice(0, 300));

  const r = await round(t, c, { as: leader });
  await responses(t, r, { group: 'teachers', count: 3, value: (item) => String(1 + (item.length % 5)) });
  await responses(t, r, { group: 'learners', send: false });
  assert.equal((await leader.post(`${r.path}/close`, {}, r.path)).statusCode, 303);
  const plan = `${r.path}/plan`;
  assert.equal((await leader.post(`${plan}/focus`, { focus: ['programme-relevance', 'work-based-learning'] }, plan)).statusCode, 303);
  const action = { criterion: 'work-based-learning', source: '', title: 'Host companies for “second-year” placements', owner: 'Placement officer' };
  const added = await leader.post(`${plan}/actions`, { ...action, due: '', status: 'started', indicator: '', notes: '' }, plan);
  assert.equal(added.statusCode, 303, added.body.slice(0, 300));
  const second = { ...action, criterion: 'programme-relevance', title: 'Review two programmes with employers' };
  assert.equal((await leader.post(`${plan}/actions`, { ...second, due: '', status: 'planned', indicator: '', notes: '' }, plan)).statusCode, 303);
  const issued = await leader.post(`${r.path}/certificate`, { confirm: 'yes' }, r.path);
  assert.equal(issued.statusCode, 303, issued.body.slice(0, 300));

  const editor = await signedInUser(t, { role: 'editor', name: 'Edda Editor' });
  const resource = await newResource(editor.a, t, 'دليل المجالس الإقليمية للمهارات');
  const file = { field: 'file', name: 'minutes.pdf', type: 'application/pdf', data: pdf(3000) };
  const attached = await editor.a.upload(`${resource.page}/attachments`, { title: 'Minutes' }, file, resource.page);
  assert.equal(attached.statusCode, 303, attached.body.slice(0, 300));
  // The mail all this sent goes out through the job queue, into the outbox (no SMTP in tests).
  await runJobs(t);
}

/** The entries of a backup file, read with fflate. */
export const entriesOf = (path: string): Record<string, Uint8Array> => unzipSync(readFileSync(path));

/** A table's rows in a backup, as objects by column name. */
export function rowsIn(path: string, table: string): Record<string, unknown>[] {
  const entries = entriesOf(path);
  const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as { tables: { name: string; columns: { name: string }[] }[] };
  const columns = manifest.tables.find((x) => x.name === table)!.columns.map((c) => c.name);
  return strFromU8(entries[`tables/${table}.jsonl`]!)
    .split('\n')
    .filter(Boolean)
    .map((line) => Object.fromEntries((JSON.parse(line) as unknown[]).map((v, i) => [columns[i]!, v] as const)));
}

/** Writes a copy of a backup with its manifest changed. */
export function withManifest(from: string, to: string, change: (m: Record<string, unknown>) => void): void {
  const entries = entriesOf(from);
  const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as Record<string, unknown>;
  change(manifest);
  entries['manifest.json'] = strToU8(JSON.stringify(manifest));
  writeFileSync(to, zipSync(entries));
}
