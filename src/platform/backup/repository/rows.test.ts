import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { engine, testDatabase, type TestDatabase } from '../../../../test/helpers/app.ts';
import { BackupError, decodeRow, encodeRow } from '../format.ts';
import { loadOrder } from '../order.ts';
import { readCatalogue } from './catalogue.ts';
import { inSnapshot, insertRows, readRows } from './rows.ts';

// Values through a backup's rows on this engine: read from a table, written as JSON, read back
// and inserted; and the catalogue's refusal of a type that would not survive the other engine.

let t: TestDatabase;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables made here, unknown to the schema's types
let db: Kysely<any>;
const dialect = engine;

before(async () => {
  t = await testDatabase();
  db = t.database.db;
});
after(() => t.close());

/** The table's rows as a backup reads them (on PostgreSQL inside its snapshot), through their JSON and back. */
const through = async (table: string) => {
  const info = (await readCatalogue(db, dialect)).find((x) => x.name === table)!;
  const read = async (from: typeof db) => {
    const out: unknown[][] = [];
    for await (const batch of readRows(from, dialect, info)) out.push(...batch.map((row) => decodeRow(encodeRow(row), info.columns.length)!));
    return out;
  };
  return { info, out: dialect === 'postgres' ? await inSnapshot(db, read) : await read(db) };
};

describe('rows in a backup', () => {
  test('integers, reals (infinite too), text in any script, JSON text, bytes, flags and nulls come back as they went in', async () => {
    await sql
      .raw(
        `create table backup_kinds (id integer primary key, big bigint, r double precision, txt text, b ${dialect === 'postgres' ? 'bytea' : 'blob'}, flag boolean, absent text)`,
      )
      .execute(db);
    const rows = [
      [1, 2 ** 53 - 1, 0.1, 'تقرير "quoted"\n\t✓ 😀 \u2028', Buffer.from([0, 255, 10, 13]), true, null],
      [2, -5, -1e-300, '', Buffer.alloc(0), false, null],
      [3, 0, dialect === 'postgres' ? Number.NaN : Number.NEGATIVE_INFINITY, '{"json": [1, "two"]}', null, null, null],
    ];
    const info = (await readCatalogue(db, dialect)).find((x) => x.name === 'backup_kinds')!;
    assert.deepEqual(
      info.columns.map((c) => c.type),
      ['integer', 'integer', 'real', 'text', 'blob', 'boolean', 'text'],
    );
    const names = info.columns.map((c) => c.name);
    await insertRows(
      db,
      dialect,
      'backup_kinds',
      names,
      rows.map((r) => decodeRow(encodeRow(r), names.length)!),
    );
    const { out } = await through('backup_kinds');
    assert.deepEqual(out, rows);
  });

  test('text keys come out in the order of their bytes on both engines, whatever the collation', async () => {
    // On PostgreSQL a language collation, which sorts "a" before "B" (where the server offers one: most builds have ICU).
    const icu = dialect === 'postgres' && (await sql`select 1 from pg_collation where collname = 'und-x-icu'`.execute(db)).rows.length > 0;
    await sql.raw(`create table backup_order (k text ${icu ? 'collate "und-x-icu" ' : ''}primary key)`).execute(db);
    await insertRows(
      db,
      dialect,
      'backup_order',
      ['k'],
      ['b', 'B', 'a', 'é', 'Z', 'ab'].map((k) => [k]),
    );
    assert.deepEqual((await through('backup_order')).out.flat(), ['B', 'Z', 'a', 'ab', 'b', 'é']);
  });

  test('a column of a type the other engine cannot hold is refused, named with its table', async () => {
    await sql.raw(`create table backup_odd (id integer primary key, at timestamp)`).execute(db);
    await assert.rejects(
      readCatalogue(db, dialect),
      (e: Error) => e instanceof BackupError && /^Column backup_odd\.at has the type "timestamp/i.test(e.message),
    );
    await sql.raw(`drop table backup_odd`).execute(db);
  });
});

describe('load order', () => {
  test('tables come after the tables they refer to, by name among equals; a table may refer to itself', () => {
    const order = loadOrder([
      { name: 'answers', references: ['responses'] },
      { name: 'responses', references: ['rounds'] },
      { name: 'rounds', references: ['centres', 'users'] },
      { name: 'users', references: [] },
      { name: 'centres', references: ['users'] },
      { name: 'comments', references: ['comments', 'users'] },
    ]);
    assert.deepEqual(order, ['users', 'centres', 'comments', 'rounds', 'responses', 'answers']);
  });

  test('two tables that refer to each other are named in the refusal', () => {
    assert.throws(
      () =>
        loadOrder([
          { name: 'a', references: ['b'] },
          { name: 'b', references: ['a'] },
          { name: 'c', references: [] },
        ]),
      /refer to each other.*: a, b$/,
    );
  });
});
