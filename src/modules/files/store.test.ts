import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newResource, pdf, signedIn } from '../../../test/helpers/files.ts';
import { testApp } from '../../../test/helpers/app.ts';
import { loadConfig } from '../../config.ts';
import { asciiFileName, contentDisposition, safeFileName } from './formats.ts';
import { diskStore, newKey, s3Store, UnsafeKeyError } from './store.ts';

// Where attachments' bytes live and what they are called: safe names and headers, the disk
// store, and an S3-compatible bucket end to end.

describe('file names and headers', () => {
  test('names lose folders and unsafe characters and take the extension of the content', () => {
    assert.equal(safeFileName('C:\\Users\\ana\\notes.exe', 'pdf'), 'notes.pdf');
    assert.equal(safeFileName('../../etc/passwd', 'png'), 'passwd.png');
    assert.equal(safeFileName('re\u202eport\u0000<x>.pdf', 'pdf'), 're port x.pdf');
    assert.equal(safeFileName('', 'docx'), 'file.docx');
    assert.equal(safeFileName('تقرير.pdf', 'pdf'), 'تقرير.pdf');
    assert.equal(asciiFileName('تقرير.pdf'), 'file.pdf');
    assert.equal(contentDisposition('a"b.pdf', false), `attachment; filename="a-b.pdf"; filename*=UTF-8''a%22b.pdf`);
  });
});

describe('file stores', () => {
  test('the disk store refuses keys that would leave its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intve-store-'));
    const store = diskStore(dir);
    try {
      for (const key of ['../outside', 'attachments/../../outside', '/etc/passwd', 'a\\..\\b', '', 'a//b', 'A/B', 'a/./b']) {
        await assert.rejects(store.put(key, Buffer.from('x'), { size: 1, type: 'text/plain' }), UnsafeKeyError, key);
        await assert.rejects(store.get(key), UnsafeKeyError, key);
        await assert.rejects(store.delete(key), UnsafeKeyError, key);
      }
      const key = newKey();
      await store.put(key, Buffer.from('hello'), { size: 5, type: 'text/plain' });
      assert.equal((await store.getBuffer(key))?.toString(), 'hello');
      await store.delete(key);
      assert.equal(await store.get(key), null);
      await store.delete(key);
      await assert.rejects(store.put(newKey(), Buffer.from('hello'), { size: 6, type: 'text/plain' }), /expected 6/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('S3 settings come together or not at all, each problem named in one line', () => {
    const base = { NODE_ENV: 'test' };
    assert.throws(() => loadConfig({ ...base, S3_BUCKET: 'intve-files' }), /^Error: Invalid configuration: S3_REGION is required when S3_BUCKET is set$/);
    assert.throws(() => loadConfig({ ...base, S3_ENDPOINT: 'http://127.0.0.1:9000' }), /S3_BUCKET is required when S3_ENDPOINT is set/);
    assert.throws(
      () => loadConfig({ ...base, S3_BUCKET: 'intve-files', S3_REGION: 'eu-west-1', S3_ACCESS_KEY_ID: 'id' }),
      /S3_SECRET_ACCESS_KEY is required when S3_ACCESS_KEY_ID is set/,
    );
    assert.throws(
      () => loadConfig({ ...base, S3_BUCKET: 'intve-files', S3_REGION: 'eu-west-1', S3_SECRET_ACCESS_KEY: 'a secret' }),
      (e: Error) => /S3_ACCESS_KEY_ID is required/.test(e.message) && !e.message.includes('a secret'),
    );
    assert.throws(() => loadConfig({ ...base, FILES_MAX_BYTES: 'lots' }), /FILES_MAX_BYTES must be a whole number of bytes/);
    const c = loadConfig({
      ...base,
      S3_BUCKET: 'intve-files',
      S3_REGION: 'eu-west-1',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    assert.deepEqual(c.s3, {
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'intve-files',
      region: 'eu-west-1',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      forcePathStyle: true,
    });
    assert.equal(loadConfig(base).filesMaxBytes, 20 * 1024 * 1024);
  });

  describe('S3, against a local S3-compatible server', () => {
    type S3rver = { run(): Promise<{ port: number }>; close(): Promise<void> };
    const S3rver = createRequire(import.meta.url)('s3rver') as new (o: Record<string, unknown>) => S3rver;
    const BUCKET = 'intve-files';
    let server: S3rver;
    let dir: string;
    let env: Record<string, string>;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'intve-s3-'));
      server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] });
      const { port } = await server.run();
      env = {
        S3_ENDPOINT: `http://127.0.0.1:${port}`,
        S3_BUCKET: BUCKET,
        S3_REGION: 'us-east-1',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
      };
    });
    after(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the S3 store puts, gets (whole or a range) and deletes', async () => {
      const store = s3Store(loadConfig(env).s3!);
      const key = newKey();
      const data = Buffer.from('%PDF-1.4 stored in S3 '.repeat(200));
      await store.put(key, data, { size: data.length, type: 'application/pdf' });
      assert.deepEqual(await store.getBuffer(key), data);
      const part = await store.get(key, { start: 0, end: 4 });
      const chunks: Buffer[] = [];
      for await (const c of part!) chunks.push(c as Buffer);
      assert.equal(Buffer.concat(chunks).toString(), '%PDF-');
      await store.delete(key);
      assert.equal(await store.get(key), null);
      assert.equal(await store.getBuffer(key), null);
      await assert.rejects(store.put('../escape', data, { size: data.length, type: 'application/pdf' }), UnsafeKeyError);
      store.close();
    });

    test('with S3 configured, an upload goes to the bucket and downloads from it', async () => {
      const s3 = await testApp({ env: { ...env, UPLOADS_DIR: join(dir, 'unused') } });
      try {
        const a = await signedIn(s3, 'editor@s3.example', 'editor');
        const { id, page } = await newResource(a, s3, 'Files test resource s3');
        const data = Buffer.concat([pdf(), Buffer.alloc(200_000, 0x20)]);
        const res = await a.upload(
          `${page}/attachments`,
          { title: 'In the bucket' },
          { field: 'file', name: 'bucket.pdf', type: 'application/pdf', data },
          page,
        );
        assert.equal(res.statusCode, 303, res.body.slice(0, 300));
        const [row] = await s3.database.db.selectFrom('attachments').selectAll().where('owner_kind', '=', 'resource').where('owner_id', '=', id).execute();
        const inBucket = s3Store(loadConfig(env).s3!);
        assert.deepEqual(await inBucket.getBuffer(row!.storage_key), data);
        const own = await a.get(`/en/admin/files/${row!.id}`);
        assert.equal(own.statusCode, 200);
        assert.deepEqual(own.rawPayload, data);
        assert.equal((await a.post(`${page}/delete`, {}, page)).statusCode, 303);
        assert.equal(await inBucket.getBuffer(row!.storage_key), null);
        inBucket.close();
      } finally {
        await s3.close();
      }
    });
  });
});
