import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { unmigratedDatabase, type TestDatabase } from '../../../test/helpers/databases.ts';
import { oldRound } from '../../../test/helpers/migrations.ts';
import { migrate } from '../migrate.ts';

// Migration 0012 on a platform that already has rounds: what was sent counts as released (the
// centre has seen it), sent responses lose their answers (they are in the counts), responses in
// progress keep theirs under new random ids, and their resume links still work (same hashes).

let t: TestDatabase;
before(async () => {
  t = await unmigratedDatabase();
  await migrate(t.database, { to: '0011_resource_revisions' });
});
after(() => t.close());

test('rounds sent before the change count as released; answers in progress survive under random ids', async () => {
  const db = t.database.db;
  const now = new Date().toISOString();
  const run = (q: ReturnType<typeof sql>) => q.execute(db);
  await run(sql`insert into users (id, email, password_hash, name, created_at, updated_at) values (1, 'lead@centre.example', 'x', 'Lead', ${now}, ${now})`);
  await oldRound(db, now);
  await run(sql`insert into round_groups (round_id, grp, link_salt, link_hash, sent) values (1, 'learners', 's', 'h', 3)`);
  for (const [id, sent] of [
    [1, 1],
    [2, 1],
    [3, 1],
    [4, 0],
  ]) {
    await run(
      sql`insert into responses (id, round_id, grp, salt, resume_hash, code_hash, page, sent) values (${id}, 1, 'learners', ${`salt${id}`}, ${`resume${id}`}, ${`code${id}`}, 2, ${sent})`,
    );
    await run(sql`insert into answers (response_id, item, value) values (${id}, 'a', 4), (${id}, 'b', 2)`);
  }
  await run(sql`insert into answer_counts (round_id, grp, item, value, n) values (1, 'learners', 'a', 4, 3), (1, 'learners', 'b', 2, 3)`);

  await migrate(t.database);

  const groups = await db.selectFrom('round_groups').select(['sent', 'released', 'access']).execute();
  assert.deepEqual(
    groups.map((g) => [Number(g.sent), Number(g.released), g.access]),
    [[3, 3, 'link']],
  );
  assert.deepEqual(
    (await db.selectFrom('intake').selectAll().execute()).map((x) => [x.grp, Number(x.released), x.channel, Number(x.member), Number(x.burst), Number(x.n)]),
    [['learners', 1, 'link', 0, 0, 3]],
  );
  const responses = await db.selectFrom('responses').select(['id', 'resume_hash', 'sent', 'page', 'channel']).orderBy('resume_hash').execute();
  assert.deepEqual(
    responses.map((r) => [r.resume_hash, Number(r.sent), r.channel]),
    [
      ['resume1', 1, 'link'],
      ['resume2', 1, 'link'],
      ['resume3', 1, 'link'],
      ['resume4', 0, 'link'],
    ],
  );
  for (const r of responses) assert.match(r.id, /^[A-Za-z0-9_-]{22}$/);
  const answers = await db.selectFrom('answers').select(['response_id', 'item', 'value']).orderBy('item').execute();
  assert.deepEqual(
    answers.map((a) => [a.response_id, a.item, a.value]),
    [
      [responses[3]!.id, 'a', 4],
      [responses[3]!.id, 'b', 2],
    ],
  );
  assert.equal(
    Number(
      (
        await db
          .selectFrom('answer_counts')
          .select((eb) => eb.fn.sum<number>('n').as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    6,
  );
  // A response in progress can still be saved and sent under its new id (the tables' keys hold).
  await db.insertInto('answers').values({ response_id: responses[3]!.id, item: 'c', value: 5 }).execute();
  await assert.rejects(db.insertInto('answers').values({ response_id: 'no-such-response', item: 'c', value: 5 }).execute());
});
