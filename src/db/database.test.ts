import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';

// SQLite keeps the statements it has compiled (database.ts, preparedOnce): the same query is
// compiled once.

test('SQLite: a statement is compiled once and stays correct when run again or when its table changes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'intve-db-'));
  const database = openDatabase(`sqlite:${join(dir, 'x.db')}`);
  try {
    const { db } = database;
    await sql`create table numbers (n integer primary key, word text not null)`.execute(db);
    const insert = (n: number) => sql`insert into numbers (n, word) values (${n}, ${`n${n}`})`.execute(db);
    for (let n = 1; n <= 50; n++) await insert(n);
    const above = (n: number) => sql<{ n: number }>`select n from numbers where n > ${n} order by n`.execute(db);
    assert.equal((await above(45)).rows.length, 5);
    assert.deepEqual(
      (await above(48)).rows.map((r) => r.n),
      [49, 50],
      'the kept statement runs with the new parameters',
    );

    // A table that changes shape: the kept statement is compiled again by SQLite, not run stale.
    const three = () => sql<{ n: number; double?: number }>`select * from numbers where n = ${3}`.execute(db);
    assert.deepEqual((await three()).rows, [{ n: 3, word: 'n3' }]);
    await sql`alter table numbers add column double integer`.execute(db);
    await sql`update numbers set double = n * 2`.execute(db);
    assert.deepEqual((await three()).rows, [{ n: 3, word: 'n3', double: 6 }]);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
