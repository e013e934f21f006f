import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { zipSync } from 'fflate';
import { sql } from 'kysely';
import { centre, responses, round, user } from '../../../test/factories/index.ts';
import { emptyDatabase, engine, testApp, testDatabase, type TestApp } from '../../../test/helpers/app.ts';
import { entriesOf, fillEveryKind, rowsIn, withManifest } from '../../../test/helpers/backup.ts';
import { backup, BackupError, platform, restore, type BackupSummary } from '../../backup.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { appliedMigrations } from '../../db/migrate.ts';
import { s3Store } from '../../modules/files/store.ts';
import { createSearch } from '../../modules/search/index.ts';

// Backup and restore end to end: a platform with rows in every kind of table and uploaded files,
// backed up while it serves, restored into empty databases on this engine and the other, and the
// backups a person might get wrong: a database that is not empty, a file cut short or damaged, a
// backup from a newer version.

let t: TestApp;
let dir: string;
let first: BackupSummary;
let firstFile: string;
let sourceCounts: Record<string, number>;
const filesAt = (name: string) => ({ uploadsDir: join(dir, name), s3: null });

/**
 * Rows per table of the platform's own schema, listed by Kysely's own introspection (not the
 * backup's catalogue), sessions, the engine's search index and the search change log aside. On PostgreSQL pg-boss's
 * tables live in a schema of their own, which a backup leaves to pg-boss.
 */
async function countsOf(database: Database): Promise<Record<string, number>> {
  const own = database.dialect === 'postgres' ? (database.schema ?? 'public') : undefined;
  const tables = (await database.db.introspection.getTables()).filter(
    (x) => !x.isView && x.schema === own && !/^(kysely_|sessions$|jobs$|search_fts|search_log$)/.test(x.name),
  );
  const out: Record<string, number> = {};
  for (const { name } of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    out[name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.id(name)}`.execute(database.db)).rows[0]!.n);
  }
  return out;
}

/** What two backups of the same data share: everything but when and on which engine they were taken. */
const comparable = (m: BackupSummary['manifest']) => ({ ...m, takenAt: '', engine: '' });

const searchHits = async (database: Database) =>
  Promise.all(
    [
      { text: 'employers', lang: 'en' as const },
      { text: 'entreprises formation', lang: 'fr' as const },
      // every hit, not the first page: the engines rank equal scores differently, and the French content now has more than 20
    ].map(async (q) => (await createSearch(database).search({ ...q, limit: 500, offset: 0 })).hits.map((h) => `${h.ref}:${h.lang}:${h.title}`)),
  );

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'intve-backup-'));
  t = await testApp({ env: { UPLOADS_DIR: join(dir, 'uploads') } });
  await fillEveryKind(t);
  firstFile = join(dir, 'first.zip');
  first = await backup(t.database, filesAt('uploads'), firstFile);
  sourceCounts = await countsOf(t.database);
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backing up', () => {
  test('a backup holds every table but sign-in sessions, and every uploaded file with its checksum', async () => {
    const m = first.manifest;
    assert.deepEqual(m.tables.map((x) => x.name).sort(), Object.keys(sourceCounts).sort());
    for (const x of m.tables) assert.equal(x.rows, sourceCounts[x.name], x.name);
    for (const kind of ['users', 'account_tokens', 'centres', 'centre_members', 'centre_invitations', 'rounds', 'responses', 'answers', 'answer_counts'])
      assert.ok(sourceCounts[kind]! > 0, `${kind} has rows to back up`);
    for (const kind of ['plans', 'plan_actions', 'certificates', 'framework_versions', 'revisions', 'audit_log', 'outbox', 'settings', 'attachments'])
      assert.ok(sourceCounts[kind]! > 0, `${kind} has rows to back up`);
    assert.deepEqual(m.leftOut, ['sessions', 'jobs']);
    assert.deepEqual(m.migrations, await appliedMigrations(t.database));
    assert.deepEqual(m.files.map((f) => f.path.split('/')[0]).sort(), ['attachments', 'logos']);
    for (const f of m.files) assert.deepEqual(Buffer.from(entriesOf(firstFile)[`files/${f.path}`]!), readFileSync(join(dir, 'uploads', f.path)));
    assert.deepEqual(m.missingFiles, []);
    // Text, numbers and nulls come out as they went in, JSON text as text.
    const [action] = rowsIn(firstFile, 'plan_actions');
    assert.equal(action!.title, 'Host companies for “second-year” placements');
    assert.equal(action!.due_on, null);
    assert.equal(typeof action!.id, 'number');
    assert.equal(typeof JSON.parse(String(rowsIn(firstFile, 'certificates')[0]!.summary)), 'object');
  });

  test('a backup taken while respondents send their answers holds every table as it was at one moment', async () => {
    const r = await round(t, await centre(t));
    const waiting = await responses(t, r, { group: 'teachers', count: 2, send: false });
    const related = ['answer_counts', 'responses', 'round_groups'];
    let sentAfter: string | null = null;
    const out = join(dir, 'during.zip');
    const taken = await backup(t.database, filesAt('uploads'), out, async (p) => {
      if (sentAfter || !('table' in p) || !related.includes(p.table)) return;
      // Between reading the first of the related tables and the others, both respondents send.
      for (const w of waiting) assert.equal((await w.a.post(`/en/survey/r/${w.token}/send`, {}, `/en/survey/r/${w.token}/check`)).statusCode, 303);
      sentAfter = p.table;
    });
    const order = taken.manifest.tables.map((x) => x.name);
    assert.ok(sentAfter && related.every((x) => x === sentAfter || order.indexOf(x) > order.indexOf(sentAfter!)), 'the answers were sent mid-backup');
    const inBackup = {
      groupsSay: rowsIn(out, 'round_groups').filter((g) => g.round_id === r.id && g.grp === 'teachers')[0]!.sent,
      sentResponses: rowsIn(out, 'responses').filter((x) => x.round_id === r.id && x.sent === 1).length,
      counted: rowsIn(out, 'answer_counts').filter((x) => x.round_id === r.id).length,
    };
    assert.deepEqual(inBackup, { groupsSay: 0, sentResponses: 0, counted: 0 });
    const live = await t.database.db.selectFrom('responses').select('id').where('round_id', '=', r.id).where('sent', '=', 1).execute();
    assert.equal(live.length, 2);
  });

  test('a file the rows name but the store lacks is listed in the backup, with the column that names it', async () => {
    cpSync(join(dir, 'uploads'), join(dir, 'no-logos'), { recursive: true });
    rmSync(join(dir, 'no-logos', 'logos'), { recursive: true });
    const taken = await backup(t.database, filesAt('no-logos'), join(dir, 'no-logos.zip'));
    const logo = first.manifest.files.find((f) => f.path.startsWith('logos/'))!;
    assert.deepEqual(taken.manifest.missingFiles, [{ path: logo.path, table: 'centres', column: 'logo' }]);
  });

  test('an existing file is never overwritten by a backup', async () => {
    await assert.rejects(backup(t.database, filesAt('uploads'), firstFile), (e: Error) => e instanceof BackupError && /already exists/.test(e.message));
  });
});

describe('restoring', () => {
  test('a backup restored into an empty database gives every row and file back, and backs up the same again', async () => {
    const target = await emptyDatabase();
    try {
      const restored = await restore(target.database, filesAt('restored'), firstFile);
      assert.equal(restored.tables.length, first.manifest.tables.length);
      assert.deepEqual(await countsOf(target.database), sourceCounts);
      for (const f of first.manifest.files) assert.deepEqual(readFileSync(join(dir, 'restored', f.path)), readFileSync(join(dir, 'uploads', f.path)), f.path);
      const again = await backup(target.database, filesAt('restored'), join(dir, 'again.zip'));
      assert.deepEqual(comparable(again.manifest), comparable(first.manifest));
      assert.deepEqual(await searchHits(target.database), await searchHits(t.database));
      // A row added after the restore takes a new id: the sequences moved on past the restored rows.
      const highest = Math.max(...rowsIn(firstFile, 'users').map((u) => Number(u.id)));
      assert.ok((await user({ database: target.database })).id > highest);
    } finally {
      await target.close();
    }
  });

  test('a database that already holds rows is refused, naming what it holds, and left as it was', async () => {
    const before = await countsOf(t.database);
    await assert.rejects(
      restore(t.database, filesAt('uploads'), firstFile),
      (e: Error) => e instanceof BackupError && /^The database is not empty: it holds \w+ \(\d+ rows\), .* and \d+ more tables\. .*--replace/.test(e.message),
    );
    assert.deepEqual(await countsOf(t.database), before);
  });

  test('a file cut short or damaged is refused in one line, the database keeps no part of it, and a whole one replaces rows only when asked', async () => {
    // A migrated database with no rows is as good as an empty one.
    const target = await testDatabase();
    try {
      const empty = await countsOf(target.database);
      const bytes = readFileSync(firstFile);
      writeFileSync(join(dir, 'cut.zip'), bytes.subarray(0, bytes.length / 2));
      await assert.rejects(
        restore(target.database, filesAt('cut'), join(dir, 'cut.zip')),
        (e: Error) => e instanceof BackupError && /cut\.zip is not a complete backup: its end is missing/.test(e.message) && !e.message.includes('\n'),
      );
      assert.deepEqual(await countsOf(target.database), empty);

      // A byte changed inside the stored attachment: the rows load, then its checksum fails and all is rolled back.
      const flipped = Buffer.from(bytes);
      const at = flipped.indexOf('%PDF-1.4') + 20;
      flipped[at] = flipped[at]! ^ 0xff;
      writeFileSync(join(dir, 'flipped.zip'), flipped);
      await assert.rejects(
        restore(target.database, filesAt('flipped'), join(dir, 'flipped.zip')),
        (e: Error) => e instanceof BackupError && /flipped\.zip is damaged: files\/attachments\/\S+ does not match its checksum/.test(e.message),
      );
      assert.deepEqual(await countsOf(target.database), empty, 'no row is left');

      // A row changed in a table's file.
      const entries = entriesOf(firstFile);
      entries['tables/users.jsonl'] = Buffer.from(Buffer.from(entries['tables/users.jsonl']!).toString().replace('Ana Admin', 'Ana Admix'));
      writeFileSync(join(dir, 'edited.zip'), zipSync(entries));
      await assert.rejects(
        restore(target.database, filesAt('edited'), join(dir, 'edited.zip')),
        /edited\.zip is damaged: tables\/users\.jsonl does not match its checksum/,
      );
      assert.deepEqual(await countsOf(target.database), empty, 'no row is left');
      assert.ok(Object.values(empty).every((n) => n === 0));

      // Once someone has an account there, the whole backup goes in only when asked to replace what the database holds.
      await user({ database: target.database });
      await assert.rejects(restore(target.database, filesAt('after-damage'), firstFile), (e: Error) =>
        e.message.startsWith('The database is not empty: it holds users (1 row). '),
      );
      await restore(target.database, filesAt('after-damage'), firstFile, { replace: true });
      assert.deepEqual(await countsOf(target.database), sourceCounts);
    } finally {
      await target.close();
    }
  });

  test('a backup from a newer version of the platform is refused, naming both versions', async () => {
    withManifest(firstFile, join(dir, 'newer.zip'), (m) => {
      m.platform = { name: platform.name, version: '9.0.0' };
      (m.migrations as string[]).push('0999_from_the_future');
    });
    const target = await emptyDatabase({ engine: 'sqlite' });
    try {
      await assert.rejects(restore(target.database, filesAt('newer'), join(dir, 'newer.zip')), (e: Error) => {
        const expected = `newer.zip was taken by a newer version of the platform (9.0.0, migrations up to 0999_from_the_future) than this one (${platform.version}, migrations up to `;
        return e instanceof BackupError && e.message.includes(expected);
      });
    } finally {
      await target.close();
    }
  });
});

describe('moving between engines', () => {
  test(
    'a SQLite backup restores into PostgreSQL with the same rows, files and search',
    { skip: engine !== 'postgres' && 'needs PostgreSQL: runs with DATABASE_URL=postgres://…' },
    async () => {
      // The platform's rows on SQLite (put there from this PostgreSQL backup), backed up there and restored into PostgreSQL.
      const sqlite = await emptyDatabase({ engine: 'sqlite' });
      const postgres = await testDatabase();
      try {
        await restore(sqlite.database, filesAt('on-sqlite'), firstFile);
        const fromSqlite = await backup(sqlite.database, filesAt('on-sqlite'), join(dir, 'from-sqlite.zip'));
        assert.equal(fromSqlite.manifest.engine, 'sqlite');
        assert.deepEqual(comparable(fromSqlite.manifest), comparable(first.manifest));
        assert.deepEqual(await countsOf(sqlite.database), sourceCounts);

        await restore(postgres.database, filesAt('on-postgres'), join(dir, 'from-sqlite.zip'));
        assert.deepEqual(await countsOf(postgres.database), sourceCounts);
        for (const f of first.manifest.files)
          assert.deepEqual(readFileSync(join(dir, 'on-postgres', f.path)), readFileSync(join(dir, 'uploads', f.path)), f.path);
        const back = await backup(postgres.database, filesAt('on-postgres'), join(dir, 'back-on-postgres.zip'));
        assert.deepEqual(comparable(back.manifest), comparable(first.manifest));
        const hits = await searchHits(t.database);
        assert.ok(hits.every((h) => h.length > 0));
        assert.deepEqual(await searchHits(postgres.database), hits);
        // SQLite ranks with its own formula: the same documents are found, in its own order.
        const sorted = (lists: string[][]) => lists.map((l) => [...l].sort());
        assert.deepEqual(sorted(await searchHits(sqlite.database)), sorted(hits));
        assert.ok((await user({ database: postgres.database })).id > Math.max(...rowsIn(firstFile, 'users').map((u) => Number(u.id))));
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    },
  );
});

describe('attachments in an S3 bucket', () => {
  type S3rver = { run(): Promise<{ port: number }>; close(): Promise<void> };
  test('a restore puts the attachments into the bucket, and a backup from there holds the same files', async () => {
    const S3rver = createRequire(import.meta.url)('s3rver') as new (o: Record<string, unknown>) => S3rver;
    const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 's3'), configureBuckets: [{ name: 'intve-backup' }] });
    const { port } = await server.run();
    const s3 = loadConfig({
      NODE_ENV: 'test',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: 'intve-backup',
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    }).s3!;
    const target = await emptyDatabase({ engine: 'sqlite' });
    try {
      const files = { uploadsDir: join(dir, 'beside-s3'), s3 };
      await restore(target.database, files, firstFile);
      const attachment = first.manifest.files.find((f) => f.path.startsWith('attachments/'))!;
      const bucket = s3Store(s3);
      assert.deepEqual(await bucket.getBuffer(attachment.path), readFileSync(join(dir, 'uploads', attachment.path)));
      bucket.close();
      assert.equal(existsSync(join(dir, 'beside-s3', attachment.path)), false, 'attachments go to the bucket, not the disk');
      const fromBucket = await backup(target.database, files, join(dir, 'from-s3.zip'));
      assert.deepEqual(fromBucket.manifest.files, first.manifest.files);
    } finally {
      await target.close();
      await server.close();
    }
  });
});

describe('the commands', () => {
  const run = (script: string, args: string[], env: Record<string, string>) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      const inherited = Object.fromEntries(['PATH', 'TMPDIR', 'NODE_COMPILE_CACHE'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
      const child = spawn(process.execPath, [`scripts/${script}.ts`, ...args], { env: { ...inherited, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => done({ status, stdout, stderr }));
    });

  test('npm run backup says what it wrote, and npm run restore what went wrong, in one line', async () => {
    const bytes = readFileSync(firstFile);
    writeFileSync(join(dir, 'cut-for-command.zip'), bytes.subarray(0, bytes.length - 100));
    const [backedUp, cut] = await Promise.all([
      run('backup', ['--out', join(dir, 'by-command.zip')], { DATABASE_URL: t.url, UPLOADS_DIR: join(dir, 'uploads') }),
      run('restore', [join(dir, 'cut-for-command.zip')], { DATABASE_URL: `sqlite:${join(dir, 'by-command.db')}`, UPLOADS_DIR: join(dir, 'by-command') }),
    ]);
    assert.equal(backedUp.status, 0, backedUp.stderr);
    assert.match(backedUp.stdout, /^Backed up \d+ tables \([\d,]+ rows\) and 2 files \([\d.]+ kB\) to .*by-command\.zip \([\d.]+ kB\)\.\n/);
    assert.match(backedUp.stdout, /as they were at \S+, at migration \d{4}_\w+\. Sign-in sessions are not included\.\n$/);
    assert.equal(cut.status, 1);
    assert.match(cut.stderr, /^\S*cut-for-command\.zip is not a complete backup: its end is missing .*\n$/);
    assert.equal(cut.stderr.split('\n').length, 2, 'one line');
  });
});
