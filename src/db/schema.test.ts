import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { engine, testDatabase, type TestDatabase } from '../../test/helpers/app.ts';
import { compareShapes, databaseShape, declaredShape, type Ignored, type Shape } from '../../test/helpers/schema-shape.ts';

// schema.ts is written by hand; the migrations are what the database really has. This file runs
// on SQLite by default and on PostgreSQL when DATABASE_URL names one, so both engines are held to
// the same schema.ts.

const SCHEMA = 'src/db/schema.ts';

/**
 * What one engine has and the other has not: the search index's engine-specific half, read and
 * written by raw SQL in the search repository, and the job queue's table, which only SQLite has
 * (PostgreSQL's is pg-boss's, in a schema of its own).
 */
const ignored: Ignored = {
  // SQLite's FTS5 table and the shadow tables it keeps; on PostgreSQL, the SQLite job queue.
  tables: engine === 'postgres' ? /^(search_fts(_[a-z]+)?|jobs)$/ : /^search_fts(_[a-z]+)?$/,
  // PostgreSQL's tsvector beside each search document.
  columns: ['search_documents.tsv'],
};

let t: TestDatabase;
let migrated: Shape;
before(async () => {
  t = await testDatabase();
  migrated = await databaseShape(t.database);
});
after(() => t.close());

describe(`schema.ts and the migrations (${engine})`, () => {
  test('every table and column in schema.ts is the one the migrations create: name, type, null or not, and defaults behind Generated<>', () => {
    const problems = compareShapes(declaredShape(SCHEMA), migrated, ignored);
    assert.deepEqual(problems, [], `src/db/schema.ts disagrees with the migrations:\n${problems.join('\n')}`);
  });

  test('a schema.ts that disagrees is refused, with each table and column named', () => {
    const wrong = readFileSync(SCHEMA, 'utf8')
      // a column that can be null declared as never null, and the reverse
      .replace('email_confirmed_at: string | null;', 'email_confirmed_at: string;')
      .replace('password_hash: string;', 'password_hash: string | null;')
      // a wrong type, a column that is not there, and one left out
      .replace(
        '  users: {\n    id: Generated<number>;\n    email: string;',
        '  users: {\n    id: Generated<number>;\n    email: number;\n    nickname: string;',
      )
      .replace('    preferred_lang: string;\n', '')
      // Generated<> on a column the database does not fill in, and an optional property
      .replace('outbox: {\n    id: Generated<number>;\n    to_address: string;', 'outbox: {\n    id: Generated<number>;\n    to_address: Generated<string>;')
      .replace('secrets: { name: string; value: string;', 'secrets: { name: string; value?: string;')
      // a table the migrations do not create, and one they do that is left out
      .replace('  settings: { key: string; value: string; updated_at: string };', '  setting: { key: string; value: string; updated_at: string };');
    assert.deepEqual(compareShapes(declaredShape(SCHEMA, wrong), migrated, ignored), [
      'table users, column email: schema.ts says number, the database has string',
      'table users, column nickname: in schema.ts, but not in the database',
      'table users, column email_confirmed_at: schema.ts says NOT NULL, the database has nullable',
      'table users, column password_hash: schema.ts says nullable, the database has NOT NULL',
      'table users, column preferred_lang: in the database, but not in schema.ts',
      'table outbox, column to_address: Generated<> in schema.ts, but the database has no default for it (an insert without it fails)',
      'table secrets, column value: optional (?) in schema.ts; a column is always selected: write "T | null", or Generated<T> for one the database fills in',
      'table setting: in schema.ts, but the migrations do not create it',
      'table settings: created by the migrations, but not in schema.ts',
    ]);
  });

  test('a schema.ts that does not compile is refused rather than read half', () => {
    assert.throws(
      () => declaredShape(SCHEMA, readFileSync(SCHEMA, 'utf8').replace('users: {', 'users: { nickname: Unknown;')),
      /schema\.ts does not compile: Cannot find name 'Unknown'/,
    );
  });
});
