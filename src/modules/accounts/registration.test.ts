import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabase, type TestDatabase } from '../../../test/helpers/app.ts';
import type { Mail } from './mail.ts';
import { hashPassword } from './passwords.ts';
import { accountsService } from './service.ts';

// Registering must not tell whether an address has an account, by its answer (accounts.test.ts)
// or by how long it takes: both paths hash the password (the work that takes time) and send one
// mail. The service runs on a real database with the real hash, counted on the way.

let t: TestDatabase;
before(async () => {
  t = await testDatabase();
});
after(() => t.close());

function service() {
  const mails: Mail[] = [];
  let hashes = 0;
  const accounts = accountsService(
    t.database.db,
    { send: (mail) => Promise.resolve(void mails.push(mail)) },
    'http://localhost:3000',
    () => Promise.resolve([]),
    (password) => {
      hashes++;
      return hashPassword(password);
    },
  );
  return { accounts, mails, hashes: () => hashes };
}

let n = 0;
const registration = (email: string) => ({ name: 'Amina Haddad', email, password: 'lantern orchard velvet 42', lang: 'en' as const, ip: `198.51.100.${++n}` });

describe('registration does the same work for a new address and a registered one', () => {
  test('both hash the password once and send one mail', async () => {
    const email = `same-work-${Date.now()}@centre.example`;
    const fresh = service();
    assert.deepEqual(await fresh.accounts.register(registration(email)), { done: true });
    assert.equal(fresh.hashes(), 1);
    assert.deepEqual(
      fresh.mails.map((m) => [m.to, m.subject]),
      [[email, 'Confirm your email address for the IntVE platform']],
    );

    const again = service();
    assert.deepEqual(await again.accounts.register(registration(email)), { done: true });
    assert.equal(again.hashes(), 1, 'a registered address costs the same hash');
    assert.deepEqual(
      again.mails.map((m) => [m.to, m.subject]),
      [[email, 'Someone tried to register with your email address']],
    );
    const users = await t.database.db.selectFrom('users').select('password_hash').where('email', '=', email).execute();
    assert.equal(users.length, 1, 'the account is unchanged');
  });

  test('two registrations of one new address at the same moment make one account, and neither fails', async () => {
    const email = `race-${Date.now()}@centre.example`;
    const { accounts, mails } = service();
    const results = await Promise.all([accounts.register(registration(email)), accounts.register(registration(email))]);
    assert.deepEqual(results, [{ done: true }, { done: true }]);
    assert.equal((await t.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).length, 1);
    assert.deepEqual(mails.map((m) => m.subject).sort(), [
      'Confirm your email address for the IntVE platform',
      'Someone tried to register with your email address',
    ]);
  });
});
