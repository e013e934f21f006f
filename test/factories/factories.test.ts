import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agent } from '../helpers/agent.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { centre, PASSWORD, responses, round, signIn, signedInUser, user } from './index.ts';

// The factories make what they say, through the real repositories and forms.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('test factories', () => {
  test('a person made by user() signs in with the known password; an unconfirmed one cannot yet', async () => {
    const member = await user(t);
    assert.equal((await (await signIn(t, member)).get('/en/account')).statusCode, 200);
    const unconfirmed = await user(t, { confirmed: false });
    const refused = await agent(t).post('/en/account/sign-in', { email: unconfirmed.email, password: PASSWORD });
    assert.equal(refused.statusCode, 403);
  });

  test('an editor made by signedInUser() reaches the back office, a member does not', async () => {
    const editor = await signedInUser(t, { role: 'editor', name: 'Edda Editor' });
    assert.equal((await editor.a.get('/en/admin')).statusCode, 200);
    const row = await t.database.db.selectFrom('users').select(['name', 'role']).where('id', '=', editor.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'Edda Editor', role: 'editor' });
    assert.equal((await (await signedInUser(t)).a.get('/en/admin')).statusCode, 403);
  });

  test('a centre comes with its administrator and the members asked for', async () => {
    const c = await centre(t, { members: 2, name: 'Factory Centre' });
    const roles = await t.database.db.selectFrom('centre_members').select(['user_id', 'role']).where('centre_id', '=', c.id).orderBy('user_id').execute();
    assert.deepEqual(roles, [{ user_id: c.admin.id, role: 'admin' }, ...c.members.map((m) => ({ user_id: m.id, role: 'member' }))]);
    const page = await (await signIn(t, c.admin)).get(`/en/account/centres/${c.slug}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Factory Centre/);
  });

  test('a round has a link per group, and sent responses are counted for their group', async () => {
    const r = await round(t, await centre(t));
    assert.deepEqual(Object.keys(r.links).sort(), ['learners', 'teachers']);
    await responses(t, r, { group: 'teachers', count: 3 });
    await responses(t, r, { group: 'learners', send: false });
    const sent = await t.database.db.selectFrom('round_groups').select(['grp', 'sent']).where('round_id', '=', r.id).orderBy('grp').execute();
    assert.deepEqual(sent, [
      { grp: 'learners', sent: 0 },
      { grp: 'teachers', sent: 3 },
    ]);
  });
});
