import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, signIn, user } from '../../../test/factories/index.ts';
import { agent, type Agent } from '../../../test/helpers/agent.ts';
import { runJobs, testApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
let admin: Agent;
let adminId: number;
let editorId: number;
before(async () => {
  t = await testApp();
  const ana = await user(t, { email: 'admin@office.example', name: 'Ana Admin', role: 'admin' });
  adminId = ana.id;
  editorId = (await user(t, { email: 'editor@office.example', name: 'Eli Editor' })).id;
  admin = await signIn(t, ana);
});
after(() => t.close());

describe('back office', () => {
  test('an administrator makes someone an editor, and the audit log says who did it', async () => {
    const people = await admin.get('/en/admin/people');
    assert.match(people.body, /<th scope="col">Name<\/th><th scope="col">Email address<\/th><th scope="col">Role on the platform<\/th>/);
    assert.doesNotMatch(people.body, /Your name/, "a column of everyone's names is not headed 'Your name'");
    const res = await admin.post(`/en/admin/people/${editorId}/role`, { role: 'editor' }, '/en/admin/people');
    assert.equal(res.statusCode, 303);
    assert.match((await admin.get('/en/admin/people?done=saved')).body, /The role is saved/);
    const editor = agent(t);
    await editor.post('/en/account/sign-in', { email: 'editor@office.example', password: PASSWORD });
    const dashboard = await editor.get('/en/admin');
    assert.equal(dashboard.statusCode, 200);
    assert.doesNotMatch(dashboard.body, /href="\/en\/admin\/people"/, 'editors do not manage people');
    const log = await admin.get('/en/admin/audit');
    assert.match(log.body, /<td><bdi>Ana Admin<\/bdi><\/td><td>Changed the role of editor@office.example from Member to Editor<\/td>/);
    const fr = await admin.get('/fr/admin/audit');
    assert.doesNotMatch(fr.body, /from Member to Editor/);
  });

  test('the last administrator cannot stop being one', async () => {
    const res = await admin.post(`/en/admin/people/${adminId}/role`, { role: 'member' }, '/en/admin/people');
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /The platform needs at least one administrator/);
  });

  test('people can be found by name or email', async () => {
    const res = await admin.get('/en/admin/people?q=eli');
    assert.match(res.body, /editor@office.example/);
    assert.doesNotMatch(res.body, /<td>admin@office.example<\/td>/);
  });

  test('administrators read the outbox, where mail waits without SMTP', async () => {
    await agent(t).post('/en/account/forgot', { email: 'editor@office.example' });
    assert.doesNotMatch((await admin.get('/en/admin/outbox')).body, /To editor@office.example/, 'queued, not yet delivered');
    await runJobs(t);
    const res = await admin.get('/en/admin/outbox');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /To editor@office.example/);
    assert.match(res.body, /Choose a new password for the IntVE platform/);
  });
});

describe('the last administrator', () => {
  test('cannot delete their own account', async () => {
    const res = await admin.post('/en/account/delete', { current_password: PASSWORD }, '/en/account');
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /You are the platform’s only administrator/);
  });
});
