import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { agent } from '../test/helpers/agent.ts';
import { testApp, type TestApp } from '../test/helpers/app.ts';
import { centreAdmin, groupLinks, startRound } from '../test/helpers/assessment.ts';
import { averages, forgetSnapshot } from '../src/modules/assessment/report/benchmark.ts';
import { indicatorsOf } from '../src/modules/assessment/framework/document.ts';
import { currentVersion, DEFAULT_FRAMEWORK } from '../src/modules/assessment/framework/repository.ts';
import { settleClosedRounds } from '../src/modules/assessment/report/results.ts';
import { stakeholderGroups } from '../src/modules/assessment/framework/format.ts';
import { rng } from './synthetic.ts';
import { freePort, HOST, stopChild, waitFor, percentiles } from './tools.ts';
import { spawn } from 'node:child_process';

// npm run bench (second part), or npm run bench:assessment: the self-assessment at scale, on the
// real database (SQLite by default; PostgreSQL when DATABASE_URL names one).
//  1. The report page of a round with 2,000 sent responses to 120 indicators, requested over
//     the app's HTTP interface by a signed-in centre administrator: target p95 under 100 ms.
//  2. The benchmark of a centre against 10,000 other centres (all, same country, same sector):
//     target p95 under 200 ms for the three queries a report makes.
//  3. Sending one response (its answers moved into the group's pending counts and deleted).
// Answers are written straight into the tables in batches (what 2,000 sends would leave behind);
// sending is measured on its own. See bench/README.md.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 2000);
const CENTRES = Number(process.env.BENCH_CENTRES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const TARGET = { reportP95Ms: 100, benchmarkP95Ms: 200 };
const log = (line: string) => console.log(line);

async function time(runs: number, fn: () => Promise<unknown>): Promise<ReturnType<typeof percentiles>> {
  for (let i = 0; i < Math.min(10, runs); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

/**
 * 2,000 sent responses, as the sends leave them: each response a tombstone (its answers gone),
 * their answers in the groups' pending counts, and the groups' intake. Released when the round closes.
 */
async function fillRound(t: TestApp, roundId: number, items: { id: string; groups: string[] }[], groups: string[]): Promise<number> {
  const db = t.database.db;
  const random = rng(7);
  const counts = new Map<string, number>();
  const sent = new Map<string, number>();
  for (let start = 0; start < RESPONSES; start += 250) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(RESPONSES, start + 250); i++) {
        const grp = groups[i % groups.length]!;
        await trx
          .insertInto('responses')
          .values({
            id: `bench-${roundId}-${i}`,
            round_id: roundId,
            grp,
            salt: `s${i}`,
            resume_hash: `r-${roundId}-${i}`,
            code_hash: `c-${roundId}-${i}`,
            page: 1,
            sent: 1,
          })
          .execute();
        sent.set(grp, (sent.get(grp) ?? 0) + 1);
        for (const x of items.filter((y) => y.groups.includes(grp))) {
          const value = random() < 0.08 ? 0 : random() < 0.03 ? -1 : 1 + Math.floor(random() * 5);
          const key = `${grp}\t${x.id}\t${value}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    });
  }
  const rows = [...counts].map(([key, n]) => {
    const [grp, item, value] = key.split('\t') as [string, string, string];
    return { round_id: roundId, grp, item, value: Number(value), n };
  });
  for (let k = 0; k < rows.length; k += 200)
    await db
      .insertInto('pending_counts')
      .values(rows.slice(k, k + 200))
      .execute();
  for (const [grp, n] of sent) {
    await db.updateTable('round_groups').set({ sent: n }).where('round_id', '=', roundId).where('grp', '=', grp).execute();
    await db.insertInto('intake').values({ round_id: roundId, grp, released: 0, channel: 'link', member: 0, burst: 0, n }).execute();
  }
  return rows.reduce((n, r) => n + r.n, 0);
}

/** 10,000 centres, each with a finished round and its scores, across countries and sectors. */
async function fillCentres(t: TestApp, keys: string[]): Promise<void> {
  const db = t.database.db;
  const random = rng(11);
  const countries = ['MD', 'GE', 'UA', 'AL', 'MA', 'TN', 'EG', 'JO', 'IT', 'ES', 'PL', 'FI', 'TR', 'RS', 'AM', 'KZ'];
  const sectors = ['tourism', 'construction', 'ict', 'agriculture', 'health', 'energy', 'automotive', 'economics-finance'];
  const version = (await currentVersion(db, DEFAULT_FRAMEWORK))!;
  const now = new Date().toISOString();
  const closed = new Date(Date.now() - 86_400_000).toISOString();
  for (let start = 0; start < CENTRES; start += 500) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(CENTRES, start + 500); i++) {
        const { id } = await trx
          .insertInto('centres')
          .values({
            slug: `bench-centre-${i}`,
            name: `Bench centre ${i}`,
            country: countries[i % countries.length]!,
            city: 'City',
            website: null,
            type: 'cove',
            description: null,
            eqf_levels: '[]',
            languages: '[]',
            logo: null,
            published: 1,
            benchmark_opt_out: random() < 0.05 ? 1 : 0,
            created_by: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('centre_sectors')
          .values({ centre_id: id, sector: sectors[i % sectors.length]! })
          .execute();
        const round = await trx
          .insertInto('rounds')
          .values({
            centre_id: id,
            framework_version_id: version.id,
            title: 'Round',
            opens_at: closed,
            closes_at: closed,
            min_group_size: 3,
            created_by: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('round_scores')
          .values({ round_id: round.id, scores: JSON.stringify(Object.fromEntries(keys.map((k) => [k, 1 + random() * 4]))), responses: 30 })
          .execute();
      }
    });
  }
}

/**
 * The first report of a freshly started instance: the real server (node src/server.ts) on the same
 * database, signed in with the administrator's session cookie. Its start-up builds the benchmark's
 * sums in the background (it logs "benchmark sums ready"); the first report is asked for as soon
 * as the server answers /readyz, and again, on a second start, once the sums are ready.
 */
async function firstReports(url: string, path: string, cookie: string): Promise<{ atListen: number; afterWarm: number; warmMs: number; listenMs: number }> {
  const one = async (waitForWarm: boolean) => {
    const port = await freePort();
    const started = performance.now();
    const child = spawn(process.execPath, ['src/server.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: url,
        PORT: String(port),
        HOST,
        BASE_URL: `http://${HOST}:${port}`,
        LOG_LEVEL: 'info',
        LOAD_CONTENT: 'false',
        JOBS_WORKER: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let warmMs = -1;
    let out = '';
    const warmed = new Promise<void>((done) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /"ms":(\d+),"benchmarkMs":\d+,"msg":"reports warmed up"/.exec(out);
        if (m && warmMs < 0) {
          warmMs = Number(m[1]);
          done();
        }
      });
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(`http://${HOST}:${port}/readyz`, 60_000, child);
      const listenMs = performance.now() - started;
      if (waitForWarm) await warmed;
      const begin = performance.now();
      const res = await fetch(`http://${HOST}:${port}${path}`, { headers: { cookie, 'accept-encoding': 'br, gzip' } });
      await res.arrayBuffer();
      const ms = performance.now() - begin;
      if (res.status !== 200) throw new Error(`first report: ${res.status}\n${out.slice(-2000)}`);
      return { ms, listenMs, warmMs };
    } finally {
      await stopChild(child);
    }
  };
  const atListen = await one(false);
  const afterWarm = await one(true);
  return { atListen: atListen.ms, afterWarm: afterWarm.ms, warmMs: afterWarm.warmMs, listenMs: afterWarm.listenMs };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'intve-bench-assessment-'));
  const engine = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';
  log(`Self-assessment benchmark on ${engine}: ${RESPONSES} responses, ${CENTRES} other centres, ${RUNS} runs per measure`);
  const t = await testApp({ env: { UPLOADS_DIR: join(dir, 'uploads') } });
  try {
    const version = (await currentVersion(t.database.db, DEFAULT_FRAMEWORK))!;
    const all = indicatorsOf(version.document);
    const chosen = all.slice(0, 120);
    const admin = await centreAdmin(t, { country: 'MD', sectors: ['tourism'] });
    const start = performance.now();
    const round = await startRound(admin, {
      title: 'Bench round',
      indicators: chosen.map((i) => i.id),
      groups: [...stakeholderGroups],
      minGroupSize: '3',
      own: ['One of our own statements'],
    });
    const items = [...chosen.map((i) => ({ id: i.id, groups: i.groups })), { id: 'own-1', groups: [...stakeholderGroups] }];
    const answers = await fillRound(t, round.id, items, [...stakeholderGroups]);
    log(`  round filled: ${RESPONSES} responses, ${answers} answers (${Math.round(performance.now() - start)} ms)`);

    // Sending one response through the real path, while the round is open: its page saved, then sent.
    const link = (await groupLinks(admin, round.path)).Learners!;
    const learnerItems = items.filter((x) => x.groups.includes('learners'));
    const sends: number[] = [];
    for (let i = 0; i < 30; i++) {
      const a = agent(t);
      const started = await a.post(`/en/survey/${link}/start`, {}, `/en/survey/${link}`);
      const token = /\/r\/([A-Za-z0-9_-]{43})\//.exec(started.headers.location as string)![1]!;
      const page = await a.get(`/en/survey/r/${token}/1`);
      if (page.statusCode !== 200) throw new Error(`questionnaire: ${page.statusCode}`);
      const id = (await t.database.db.selectFrom('responses').select('id').where('round_id', '=', round.id).where('sent', '=', 0).executeTakeFirstOrThrow()).id;
      await t.database.db
        .insertInto('answers')
        .values(learnerItems.map((x) => ({ response_id: id, item: x.id, value: 4 })))
        .execute();
      const check = await a.get(`/en/survey/r/${token}/check`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(check.body)![1]!;
      const begin = performance.now();
      const sent = await a.postRaw(`/en/survey/r/${token}/send`, { _csrf: csrf });
      sends.push(performance.now() - begin);
      if (sent.statusCode !== 303) throw new Error(`send: ${sent.statusCode}`);
    }
    const send = percentiles(sends);
    log(`  sending a response (${learnerItems.length} answers): p50 ${send.p50.toFixed(1)} ms, p95 ${send.p95.toFixed(1)} ms`);

    // The round closes: its answers are released, once.
    await t.database.db.updateTable('rounds').set({ closed_at: new Date().toISOString() }).where('id', '=', round.id).execute();
    const releasing = performance.now();
    await settleClosedRounds(t.database.db);
    log(`  round closed and its answers released (${Math.round(performance.now() - releasing)} ms)`);

    const reportPath = `${round.path}/report`;
    const page = await admin.a.get(reportPath);
    if (page.statusCode !== 200) throw new Error(`report: ${page.statusCode}`);
    const report = await time(RUNS, async () => {
      const res = await admin.a.get(reportPath);
      if (res.statusCode !== 200) throw new Error(`report: ${res.statusCode}`);
    });
    log(
      `  report page: p50 ${report.p50.toFixed(1)} ms, p95 ${report.p95.toFixed(1)} ms, p99 ${report.p99.toFixed(1)} ms (${Math.round(page.body.length / 1024)} KB of HTML)`,
    );

    const keys = Object.keys(
      JSON.parse((await t.database.db.selectFrom('round_scores').select('scores').where('round_id', '=', round.id).executeTakeFirstOrThrow()).scores) as object,
    );
    const filled = performance.now();
    await fillCentres(t, keys);
    // Statistics as a running database has them (autovacuum, or SQLite's optimize); without them
    // PostgreSQL plans the join of 10,000 fresh rows as if each table held one.
    await sql`analyze`.execute(t.database.db);
    log(`  ${CENTRES} centres with finished rounds: ${keys.length} scores each (${Math.round(performance.now() - filled)} ms)`);
    const filter = { exceptCentre: admin.centreId, country: 'MD', sector: 'tourism' };
    const cold = await time(Math.max(20, Math.round(RUNS / 4)), () => {
      forgetSnapshot(t.database.db, { scores: true });
      return averages(t.database.db, filter);
    });
    log(
      `  benchmark against ${CENTRES} centres (all, country, sector), nothing kept (an instance's first report): p50 ${cold.p50.toFixed(1)} ms, p95 ${cold.p95.toFixed(1)} ms`,
    );
    const build = await time(Math.max(20, Math.round(RUNS / 4)), () => {
      forgetSnapshot(t.database.db);
      return averages(t.database.db, filter);
    });
    log(`  the same, sums rebuilt after a change: p50 ${build.p50.toFixed(1)} ms, p95 ${build.p95.toFixed(1)} ms`);
    const benchmark = await time(RUNS, () => averages(t.database.db, filter));
    log(`  the same, sums kept (the usual case): p50 ${benchmark.p50.toFixed(1)} ms, p95 ${benchmark.p95.toFixed(1)} ms`);
    const both = await time(Math.max(20, Math.round(RUNS / 4)), async () => {
      const res = await admin.a.get(reportPath);
      if (res.statusCode !== 200) throw new Error(`report: ${res.statusCode}`);
    });
    log(`  report page with the benchmark of ${CENTRES} centres: p50 ${both.p50.toFixed(1)} ms, p95 ${both.p95.toFixed(1)} ms`);

    const cookie = [...admin.a.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const first = await firstReports(t.url, reportPath, cookie);
    log(
      `  a fresh instance (node src/server.ts): listening after ${first.listenMs.toFixed(0)} ms, reports warmed up (benchmark sums built, one report rendered) ${first.warmMs} ms into start-up; first report ${first.afterWarm.toFixed(1)} ms (asked the moment /readyz answered: ${first.atListen.toFixed(1)} ms)`,
    );

    const met = { report: report.p95 < TARGET.reportP95Ms, benchmark: build.p95 < TARGET.benchmarkP95Ms, firstReport: first.afterWarm < TARGET.reportP95Ms };
    const when = new Date().toISOString();
    const md = `# Self-assessment benchmark, ${when}

Engine: ${engine}. Node ${process.version}. ${RESPONSES} sent responses to ${chosen.length} indicators and 1 own statement across 6 groups (${answers} answers); ${CENTRES} other centres with a finished round each. In-process HTTP (Fastify inject) as a signed-in centre administrator; ${RUNS} runs after 10 warm-up runs.

| Measure | p50 ms | p95 ms | p99 ms | Target (p95) | Met |
|---|---:|---:|---:|---|---|
| Report page, ${RESPONSES} responses × ${chosen.length} indicators | ${report.p50.toFixed(1)} | ${report.p95.toFixed(1)} | ${report.p99.toFixed(1)} | < ${TARGET.reportP95Ms} ms | ${met.report ? 'yes' : 'no'} |
| Benchmark (all, country, sector) against ${CENTRES} centres, sums rebuilt after a change | ${build.p50.toFixed(1)} | ${build.p95.toFixed(1)} | ${build.p99.toFixed(1)} | < ${TARGET.benchmarkP95Ms} ms | ${met.benchmark ? 'yes' : 'no'} |
| The same with nothing kept (an instance's first report) | ${cold.p50.toFixed(1)} | ${cold.p95.toFixed(1)} | ${cold.p99.toFixed(1)} | – | – |
| The same with the sums kept (after the first report) | ${benchmark.p50.toFixed(1)} | ${benchmark.p95.toFixed(1)} | ${benchmark.p99.toFixed(1)} | – | – |
| Report page with that benchmark | ${both.p50.toFixed(1)} | ${both.p95.toFixed(1)} | ${both.p99.toFixed(1)} | – | – |
| Sending one response | ${send.p50.toFixed(1)} | ${send.p95.toFixed(1)} | ${send.p99.toFixed(1)} | – | – |

A fresh instance (\`node src/server.ts\` on the same database, one request each): listening after ${first.listenMs.toFixed(0)} ms; the warm-up in the background (the benchmark's sums, one report rendered in each language) done ${first.warmMs} ms into start-up.

| First report after start-up | ms | Target | Met |
|---|---:|---|---|
| once the start-up warm-up has finished | ${first.afterWarm.toFixed(1)} | < ${TARGET.reportP95Ms} ms | ${met.firstReport ? 'yes' : 'no'} |
| asked the moment the server answers /readyz | ${first.atListen.toFixed(1)} | – | – |
`;
    const out = join(root, 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `assessment-${engine}-latest.md`), md);
    writeFileSync(
      join(out, `assessment-${engine}-latest.json`),
      `${JSON.stringify({ when, engine, responses: RESPONSES, indicators: chosen.length, answers, centres: CENTRES, report, firstReport: first, benchmarkCold: cold, benchmarkBuild: build, benchmark, reportWithBenchmark: both, send, target: TARGET, met }, null, 2)}\n`,
    );
    log(`Written to bench/results/assessment-${engine}-latest.md`);
    if (!met.report || !met.benchmark || !met.firstReport) process.exitCode = 1;
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
