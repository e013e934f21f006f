import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { finishRound } from '../../../../test/factories/index.ts';
import { engine, runJobs, testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, groupLinks, respond, startRound, type CentreAdmin } from '../../../../test/helpers/assessment.ts';
import { SETTLE_JOB } from './jobs.ts';

// The centre as the attacker (docs/decisions/0006). A member of the centre reads everything the
// centre sees, as often as they like, and knows when one more person has answered: differencing
// two moments must give them nothing, on the report page, the CSV, the PDF and the benchmark
// another centre sees. And once a response is sent, no table ties two of its answers together.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;
/** A PDF's words in reading order, without its page footers: where pages break depends on what comes before. */
const pdfText = (pdf: Buffer) =>
  spawnSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => !/ · Report: .* · /.test(line) && !/^\d+\/\d+$/.test(line.trim()))
    .join(' ')
    .replace(/\s+/g, ' ');
/** Statements asked of learners, for rounds of that group alone. */
const LEARNERS_ONLY = { groups: ['learners'], indicators: ['programmes-match-current-practice', 'placements-for-all-learners'] };
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Everything of a round's results that a member can download, with participation (which may move) left out. */
async function figures(admin: CentreAdmin, path: string) {
  const page = await admin.a.get(`${path}/report`);
  assert.equal(page.statusCode, 200);
  const all = page.body.slice(page.body.indexOf('<section aria-labelledby="summary">'), page.body.indexOf('</main>'));
  // "Who answered" follows the summary: participation, which may move, is left out.
  const from = all.indexOf('<section aria-labelledby="responses">');
  const html = from < 0 ? all : all.slice(0, from) + all.slice(all.indexOf('</section>', from) + '</section>'.length);
  const csv = (await admin.a.get(`${path}/report.csv`)).body;
  const pdf = (await admin.a.get(`${path}/report.pdf`)).rawPayload;
  const text = hasPdftotext ? pdfText(pdf) : '';
  return { html: page.body.includes('<section aria-labelledby="summary">') ? html : '', csv, pdf: text.slice(text.indexOf('Summary')) };
}

/** The round's administrator closes it early, or opens it again until a later day. */
const close = async (admin: CentreAdmin, path: string) => assert.equal((await admin.a.post(`${path}/close`, {}, path)).statusCode, 303);
const reopen = async (admin: CentreAdmin, path: string) => assert.equal((await admin.a.post(`${path}/extend`, { closes: later(7) }, path)).statusCode, 303);

describe('differencing', () => {
  test('nothing the centre sees moves while a round is open, nor by fewer than its minimum once released', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners'], minGroupSize: '3' });
    const links = await groupLinks(admin, r.path);
    const learner = (v: string) => respond(t, links.Learners!, () => v);
    const teacher = (v: string) => respond(t, links['Teachers and trainers']!, () => v);
    for (const v of ['2', '3', '4']) await learner(v);
    for (const v of ['5', '5', '4']) await teacher(v);

    // Open: participation only; one more answer changes no figure anywhere.
    const open1 = await figures(admin, r.path);
    assert.equal(open1.html, '', 'no results while the round is open');
    await learner('1');
    const open2 = await figures(admin, r.path);
    assert.deepEqual(open2, open1);
    const reportWhileOpen = (await admin.a.get(`${r.path}/report`)).body;
    assert.match(reportWhileOpen, /Results appear when the round closes/);
    assert.doesNotMatch(reportWhileOpen, /Summary/);

    // Closed: released, all at once.
    await close(admin, r.path);
    const released = await figures(admin, r.path);
    assert.match(released.html, /Summary/);
    assert.match(released.csv, /Learners/);
    if (hasPdftotext) assert.match(released.pdf, /Learners/);

    // Reopened, one more learner answers, closed again: held back, nothing moves, and the report says so.
    await reopen(admin, r.path);
    await learner('5');
    await close(admin, r.path);
    const one = await figures(admin, r.path);
    assert.deepEqual(one, released);
    assert.match((await admin.a.get(`${r.path}/report`)).body, /Learners: 1 answer is held back, because fewer than 3 arrived after the results were released/);

    // Two more make the minimum: the three join the results together.
    await reopen(admin, r.path);
    await learner('5');
    await learner('5');
    await close(admin, r.path);
    const three = await figures(admin, r.path);
    assert.notDeepEqual(three.csv, released.csv);
    assert.notEqual(three.html, released.html);
    const counted = await t.database.db.selectFrom('round_groups').select(['grp', 'sent', 'released']).where('round_id', '=', r.id).orderBy('grp').execute();
    assert.deepEqual(
      counted.map((g) => [g.grp, Number(g.sent), Number(g.released)]),
      [
        ['learners', 7, 7],
        ['teachers', 3, 3],
      ],
    );
  });

  test('a group below the minimum stays out of "all groups" and every download, however the others move', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { groups: ['teachers', 'learners', 'companies'], minGroupSize: '3' });
    const links = await groupLinks(admin, r.path);
    for (const v of ['3', '3', '3']) await respond(t, links.Learners!, () => v);
    for (const v of ['1', '2']) await respond(t, links['Company partners and in-company trainers']!, () => v);
    await close(admin, r.path);
    const before = await figures(admin, r.path);
    assert.doesNotMatch(before.csv, /Company partners/);
    if (hasPdftotext) assert.doesNotMatch(before.pdf, /Company partners/);
    // A company's third answer arrives after the release: held back with the other two? No: with them it makes three.
    await reopen(admin, r.path);
    await respond(t, links['Company partners and in-company trainers']!, () => '5');
    await close(admin, r.path);
    const after = await figures(admin, r.path);
    assert.match(after.csv, /Company partners/);
  });

  test('the benchmark another centre sees moves only when a round releases at least its minimum', async () => {
    const watched: { admin: CentreAdmin; path: string; id: number; link: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const admin = await centreAdmin(t, { country: 'AM', sectors: ['energy'] });
      const r = await startRound(admin, LEARNERS_ONLY);
      const link = (await groupLinks(admin, r.path)).Learners!;
      for (let k = 0; k < 3; k++) await respond(t, link, () => String(1 + i));
      await finishRound(t, r.id);
      watched.push({ admin, path: r.path, id: r.id, link });
    }
    const observer = await centreAdmin(t, { country: 'AM', sectors: ['energy'] });
    const mine = await startRound(observer, LEARNERS_ONLY);
    for (let k = 0; k < 3; k++) await respond(t, (await groupLinks(observer, mine.path)).Learners!, () => '3');
    await finishRound(t, mine.id);
    const benchmark = async () => {
      const body = (await observer.a.get(`${mine.path}/report`)).body;
      return body.slice(body.indexOf('id="benchmark"'), body.indexOf('</section>', body.indexOf('id="benchmark"')));
    };
    const first = await benchmark();
    assert.match(first, /Centres in Armenia <span class="meta">\(5 centres\)<\/span>/);
    // One person answers in a watched centre's reopened round, which closes again: nothing moves.
    const target = watched[0]!;
    await reopen(target.admin, target.path);
    await respond(t, target.link, () => '5');
    await close(target.admin, target.path);
    assert.equal(await benchmark(), first);
    // Two more: three new answers are released together, and the benchmark moves.
    await reopen(target.admin, target.path);
    await respond(t, target.link, () => '5');
    await respond(t, target.link, () => '5');
    await close(target.admin, target.path);
    assert.notEqual(await benchmark(), first);
  });
});

describe('rounds that close by themselves', () => {
  test('the recurring settle job releases a round whose last day has passed, and erases its invited people’s addresses', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, {
      groups: ['learners', 'companies'],
      invited: ['companies'],
      indicators: ['programmes-reviewed-with-employers', 'placements-for-all-learners'],
    });
    const link = (await groupLinks(admin, r.path)).Learners!;
    for (let k = 0; k < 3; k++) await respond(t, link, () => '4');
    const invited = await admin.a.post(`${r.path}/invite`, { inviteGroup: 'companies', invitees: 'partner@firm.example', lang: 'en', message: '' }, r.path);
    assert.equal(invited.statusCode, 303);
    await finishRound(t, r.id);
    // Nobody opens the round: the job does the work.
    assert.ok(await t.jobs.enqueue(SETTLE_JOB, {}));
    await runJobs(t);
    const groups = await t.database.db.selectFrom('round_groups').select(['grp', 'released']).where('round_id', '=', r.id).orderBy('grp').execute();
    assert.deepEqual(
      groups.map((g) => [g.grp, Number(g.released)]),
      [
        ['companies', 0],
        ['learners', 3],
      ],
    );
    assert.ok(await t.database.db.selectFrom('round_scores').select('round_id').where('round_id', '=', r.id).executeTakeFirst());
    assert.deepEqual(await t.database.db.selectFrom('invitations').select('email').where('round_id', '=', r.id).execute(), [{ email: null }]);
  });
});

describe('what is stored', () => {
  test('once sent, no table ties two answers of one person together, and response ids are random', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, LEARNERS_ONLY);
    const link = (await groupLinks(admin, r.path)).Learners!;
    for (let k = 0; k < 4; k++) await respond(t, link, () => String(2 + k));
    const unsent = await respond(t, link, () => '1', false);
    const responses = await t.database.db.selectFrom('responses').select(['id', 'sent']).where('round_id', '=', r.id).execute();
    const sent = responses.filter((x) => Number(x.sent) === 1).map((x) => x.id);
    assert.equal(sent.length, 4);
    for (const id of responses.map((x) => x.id)) assert.match(id, /^[A-Za-z0-9_-]{22}$/);
    // The only answers still tied to a response are the unsent one's, so it can be resumed.
    const rows = await t.database.db
      .selectFrom('answers')
      .select(['response_id'])
      .where(
        'response_id',
        'in',
        responses.map((x) => x.id),
      )
      .execute();
    assert.ok(rows.length > 0 && rows.every((a) => !sent.includes(a.response_id)));
    assert.equal((await unsent.a.get(`/en/survey/r/${unsent.token}/1`)).statusCode, 200);

    // Every table and column of the database: an answer's item and value sit only in the per-response
    // answers (unsent) and in counts keyed by round and group; no other column holds a sent response's id.
    const columns =
      engine === 'postgres'
        ? (
            await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
              where table_schema = current_schema()`.execute(t.database.db)
          ).rows
        : (
            await sql<{ table_name: string; column_name: string }>`select m.name as table_name, p.name as column_name
              from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`.execute(t.database.db)
          ).rows;
    const byTable = new Map<string, string[]>();
    for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
    const holdAnswers = [...byTable].filter(([, cols]) => cols.includes('item') && cols.includes('value')).map(([name]) => name);
    assert.deepEqual(holdAnswers.sort(), ['answer_counts', 'answers', 'pending_counts']);
    for (const name of ['answer_counts', 'pending_counts']) assert.deepEqual(byTable.get(name)!.sort(), ['grp', 'item', 'n', 'round_id', 'value']);
    for (const [name, cols] of byTable) {
      if (name === 'responses') continue;
      for (const col of cols) {
        const found = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)} where cast(${sql.ref(col)} as text) in (${sql.join(sent)})`.execute(
          t.database.db,
        );
        assert.equal(Number(found.rows[0]!.n), 0, `${name}.${col} holds a sent response's id`);
      }
    }
  });
});
