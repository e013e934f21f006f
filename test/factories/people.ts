import assert from 'node:assert/strict';
import type { Database } from '../../src/db/database.ts';
import { hashPassword } from '../../src/modules/accounts/passwords.ts';
import { createUser } from '../../src/modules/accounts/repository.ts';
import { agent, type Agent } from '../helpers/agent.ts';
import type { TestApp } from '../helpers/app.ts';

// People with accounts, made through the accounts repository (the password is really hashed),
// and signed in through the real sign-in form.

/** The password every factory-made account has unless it is given another. */
export const PASSWORD = 'factory made passphrase 4711';

export type Role = 'member' | 'policy' | 'editor' | 'admin';

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  password: string;
  role: Role;
}

export interface UserOptions {
  /** the platform role (default member); centre roles come with centre() */
  role?: Role;
  /** whether the address is confirmed (default true: an unconfirmed person cannot sign in) */
  confirmed?: boolean;
  email?: string;
  name?: string;
  lang?: string;
  password?: string;
}

let n = 0;
/** PASSWORD's hash, made once a process (argon2 takes its time on purpose; a salt shared by test accounts costs nothing). */
let standardHash: Promise<string> | null = null;
const hashOf = (password: string) => (password === PASSWORD ? (standardHash ??= hashPassword(PASSWORD)) : hashPassword(password));

/** A person with an account: confirmed, a member, with PASSWORD, unless told otherwise. */
export async function user(t: { database: Database }, o: UserOptions = {}): Promise<UserRecord> {
  const i = ++n;
  const role = o.role ?? 'member';
  const record = { email: o.email ?? `person-${i}-${process.pid}@factory.example`, name: o.name ?? `Person ${i}`, password: o.password ?? PASSWORD, role };
  const id = await createUser(t.database.db, {
    email: record.email,
    name: record.name,
    passwordHash: await hashOf(record.password),
    lang: o.lang ?? 'en',
    role,
    confirmed: o.confirmed ?? true,
  });
  return { id, ...record };
}

/** A browser signed in as `u` (through the sign-in form); `headers` and `address` as for agent(). */
export async function signIn(
  t: TestApp,
  u: Pick<UserRecord, 'email' | 'password'>,
  o: { headers?: Record<string, string>; address?: string } = {},
): Promise<Agent> {
  const a = o.address ? agent(t, o.headers, o.address) : agent(t, o.headers);
  const res = await a.post('/en/account/sign-in', { email: u.email, password: u.password });
  assert.equal(res.statusCode, 303, `signing in ${u.email}: ${res.body.slice(0, 300)}`);
  return a;
}

/** A new person, signed in: the user's record with its browser in `a`. */
export async function signedInUser(t: TestApp, o: UserOptions = {}): Promise<UserRecord & { a: Agent }> {
  const u = await user(t, o);
  return { ...u, a: await signIn(t, u) };
}
