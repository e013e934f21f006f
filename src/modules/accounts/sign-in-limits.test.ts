import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { user, type UserRecord } from '../../../test/factories/index.ts';
import { agent, lastMail } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { addressKey, limits } from '../../platform/rate-limits/rate-limits.ts';

// Sign-in limits (docs/decisions/0008-sign-in-limits.md): attackers are slowed per address and
// per account, and nobody can lock the owner out. Each address is a different person's (or
// attacker's) machine, as app.inject's remoteAddress makes it.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

let n = 0;
/** A new address in the TEST-NET-3 range, never used before in this file. */
const address = () => `203.0.113.${++n}`;
const attempt = (u: Pick<UserRecord, 'email'>, password: string, from: string) => agent(t, {}, from).post('/en/account/sign-in', { email: u.email, password });
const wrong = (u: UserRecord, from: string) => attempt(u, `not the password ${from}`, from);

describe('signing in while someone guesses the password', () => {
  test('an address that keeps failing against an account is refused for a while, even with the right password, and says when to try again', async () => {
    const owner = await user(t);
    const attacker = address();
    for (let i = 0; i < limits.signInPerAccountAndAddress.max; i++) assert.equal((await wrong(owner, attacker)).statusCode, 401);
    const refused = await attempt(owner, owner.password, attacker);
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.match(refused.body, /Too many attempts/);
    assert.equal((await attempt(owner, owner.password, address())).statusCode, 303, 'the owner, elsewhere, gets in');
  });

  test('the owner gets in from an address that has not failed while many addresses attack the account', async () => {
    const owner = await user(t);
    const attackers = Array.from({ length: limits.signInAccountUnderAttack.max + 2 }, address);
    assert.deepEqual(new Set(await Promise.all(attackers.map(async (from) => (await wrong(owner, from)).statusCode))), new Set([401]));
    assert.equal((await attempt(owner, owner.password, address())).statusCode, 303);
  });

  test('while an account is under attack, an address that has failed against it gets no second guess', async () => {
    const owner = await user(t);
    const first = address();
    assert.equal((await wrong(owner, first)).statusCode, 401);
    assert.equal((await wrong(owner, first)).statusCode, 401, 'before the attack, a second guess is allowed');
    await Promise.all(Array.from({ length: limits.signInAccountUnderAttack.max }, () => wrong(owner, address())));
    assert.equal((await wrong(owner, first)).statusCode, 429, 'an address that failed before');
    const late = address();
    assert.equal((await wrong(owner, late)).statusCode, 401, 'a new address has its one guess');
    assert.equal((await wrong(owner, late)).statusCode, 429, '…and no second');
    assert.equal((await attempt(owner, owner.password, address())).statusCode, 303, 'the owner from a clean address');
  });

  test('another account is not affected by an attack on one', async () => {
    const attacked = await user(t);
    const other = await user(t);
    const shared = address();
    await Promise.all(Array.from({ length: limits.signInAccountUnderAttack.max + 2 }, () => wrong(attacked, address())));
    assert.equal((await wrong(attacked, shared)).statusCode, 401);
    assert.equal((await attempt(other, other.password, shared)).statusCode, 303, 'the same address signs into another account');
  });

  test('an address that fails against many accounts is refused for every account', async () => {
    const from = address();
    const guesses = Array.from({ length: limits.signInPerAddress.max }, (_, i) => attempt({ email: `guess-${i}@nobody.example` }, 'a guessed password', from));
    assert.deepEqual(new Set((await Promise.all(guesses)).map((r) => r.statusCode)), new Set([401]));
    const owner = await user(t);
    assert.equal((await attempt(owner, owner.password, from)).statusCode, 429);
  });

  test('after resetting the password, the owner signs in from the address that had failed', async () => {
    const owner = await user(t);
    const home = address();
    assert.equal((await wrong(owner, home)).statusCode, 401);
    await Promise.all(Array.from({ length: limits.signInAccountUnderAttack.max }, () => wrong(owner, address())));
    assert.equal((await attempt(owner, owner.password, home)).statusCode, 429, 'held while under attack');
    const a = agent(t, {}, home);
    assert.equal((await a.post('/en/account/forgot', { email: owner.email })).statusCode, 200);
    const link = (await lastMail(t, owner.email))!.link!;
    const password = 'a brand new passphrase 2027';
    assert.equal((await a.post('/en/account/reset', { token: link.split('token=')[1]!, password }, link)).statusCode, 303);
    assert.equal((await attempt(owner, password, home)).statusCode, 303);
  });

  test('the addresses of one IPv6 network (/64) count as one address', async () => {
    assert.equal(addressKey('2001:db8:0:1::1'), addressKey('2001:0db8:0000:0001:ffff:ffff:ffff:ffff'));
    assert.notEqual(addressKey('2001:db8:0:1::1'), addressKey('2001:db8:0:2::1'));
    assert.equal(addressKey('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(addressKey('192.0.2.7'), '192.0.2.7');
    const owner = await user(t);
    for (let i = 0; i < limits.signInPerAccountAndAddress.max; i++) assert.equal((await wrong(owner, `2001:db8:0:7::${i + 1}`)).statusCode, 401);
    assert.equal((await attempt(owner, owner.password, '2001:db8:0:7::99')).statusCode, 429, 'the same network');
    assert.equal((await attempt(owner, owner.password, '2001:db8:0:8::1')).statusCode, 303, 'another network');
  });
});
