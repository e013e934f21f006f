import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openDatabase } from '../src/db/database.ts';

const dir = mkdtempSync(join(tmpdir(), 'intve-admin-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const url = `sqlite:${join(dir, 'db.sqlite')}`;
const run = (args: string[], input: string) =>
  spawnSync(process.execPath, ['scripts/create-admin.ts', ...args], { input, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', DATABASE_URL: url } });

test('the first administrator is created by a command, with the password from standard input', async () => {
  const weak = run(['--email', 'Admin@Centre.example', '--name', 'Ana Admin'], 'password\n');
  assert.equal(weak.status, 1);
  assert.match(weak.stderr, /too easy to guess|at least/);
  const ok = run(['--email', 'Admin@Centre.example', '--name', 'Ana Admin'], 'a long admin passphrase 11\n');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /admin@centre.example is an administrator/);
  const database = openDatabase(url);
  const user = await database.db.selectFrom('users').selectAll().where('email', '=', 'admin@centre.example').executeTakeFirstOrThrow();
  assert.equal(user.role, 'admin');
  assert.ok(user.email_confirmed_at);
  await database.close();
  assert.equal(run(['--name', 'No Email'], 'x\n').status, 2);
});
