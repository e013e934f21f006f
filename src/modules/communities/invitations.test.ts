import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { community as makeCommunity, signIn, user } from '../../../test/factories/index.ts';
import type { Agent } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';

// Invitations sent from the platform, through HTTP on the test database (both engines): a
// facilitator invites someone with an account by their address, who gets a mail in their language
// and joins a community on invitation in one step; bad addresses come back with the value kept.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const MEMBERS = '/en/communities/invited-only/members';
let facilitator: Agent;

describe('invitations', () => {
  test('a facilitator invites by address; the person is mailed in their language and joins in one step', async () => {
    const facilitatorRecord = await user(t, { name: 'Fiona Facilitator' });
    await makeCommunity(t, 'invited-only', { facilitator: facilitatorRecord, joining: 'invitation', visibility: 'members' });
    facilitator = await signIn(t, facilitatorRecord);
    const guest = await user(t, { name: 'Gaston Guest', email: 'gaston@centre.example', lang: 'fr' });

    const sent = await facilitator.post(`${MEMBERS}/invite`, { email: ' Gaston@Centre.example ' }, MEMBERS);
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `${MEMBERS}?done=invited`);
    const page = await facilitator.get(`${MEMBERS}?done=invited`);
    assert.match(page.body, /The invitation is sent/);
    assert.match(page.body, /One invitation waits:<\/p>\s*<ul><li><bdi>Gaston Guest<\/bdi>/);
    await t.jobs.runDue();
    const mail = await t.database.db
      .selectFrom('outbox')
      .select(['subject', 'body'])
      .where('to_address', '=', 'gaston@centre.example')
      .executeTakeFirstOrThrow();
    assert.equal(mail.subject, 'Une invitation à la communauté « Community invited-only »');
    assert.match(mail.body, /Fiona Facilitator vous invite[\s\S]*http:\/\/localhost:3000\/fr\/communities\/invited-only\/join/);
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'community.member.invite').execute();
    assert.equal(audited.length, 1);

    // Gaston joins from the mail's link: a community on invitation takes him at once.
    const g = await signIn(t, guest);
    assert.equal((await g.post('/fr/communities/invited-only/join', {}, '/fr/communities/invited-only/join')).statusCode, 303);
    const m = await t.database.db.selectFrom('community_members').select('status').where('user_id', '=', guest.id).executeTakeFirstOrThrow();
    assert.equal(m.status, 'active');
  });

  test('an address without an account, someone already in, or no address at all come back with the value kept', async () => {
    const nobody = await facilitator.post(`${MEMBERS}/invite`, { email: 'nobody@nowhere.example' }, MEMBERS);
    assert.equal(nobody.statusCode, 422);
    assert.match(nobody.body, /No account uses this address/);
    assert.match(nobody.body, /value="nobody@nowhere.example"/);
    assert.match(
      (await facilitator.post(`${MEMBERS}/invite`, { email: 'gaston@centre.example' }, MEMBERS)).body,
      /already a member, invited, or asking to join/,
    );
    assert.equal((await facilitator.post(`${MEMBERS}/invite`, { email: 'not an address' }, MEMBERS)).statusCode, 422);
    // A member who is not a facilitator cannot invite.
    const plain = await signIn(t, await user(t));
    assert.equal((await plain.post(`${MEMBERS}/invite`, { email: 'gaston@centre.example' }, '/en/account')).statusCode, 404);
  });
});
