import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase } from '../src/db/database.ts';

// The real start-up path: `node src/server.ts` as `npm start` runs it.

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'intve-server-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['src/server.ts'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('starting and stopping the platform', () => {
  test('a wrong setting stops start-up with one line naming the variable', async () => {
    const s = start({ PORT: 'abc' });
    assert.equal(await s.exited, 1);
    assert.equal(s.output().trim().split('\n').length, 1);
    assert.match(s.output(), /PORT must be a whole number/);
  });

  test('starts on SQLite with the starter content, logs JSON with request ids, delivers queued mail, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const s = start({ PORT: String(port) });
    const deadline = Date.now() + 30_000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(ready, s.output());
    const page = await fetch(`http://127.0.0.1:${port}/en/packages/2/stations/1`, { headers: { 'x-request-id': 'test-req-1' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Building partnerships within the wider ecosystem/);

    // A registration queues its mail; the worker running in the server delivers it (to the outbox, without SMTP), nobody asking it to.
    const form = await fetch(`http://127.0.0.1:${port}/en/account/register`);
    const cookie = (form.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const registered = await fetch(`http://127.0.0.1:${port}/en/account/register`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, name: 'Amina Haddad', email: 'amina@centre.example', password: 'lantern orchard velvet 42' }).toString(),
    });
    assert.equal(registered.status, 200);
    const database = openDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
    try {
      let mailed = 0;
      for (const end = Date.now() + 15_000; mailed === 0 && Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
        mailed = (await database.db.selectFrom('outbox').selectAll().where('to_address', '=', 'amina@centre.example').execute()).length;
      }
      assert.equal(mailed, 1, s.output());
    } finally {
      await database.close();
    }
    s.child.kill('SIGTERM');
    assert.equal(await s.exited, 0);
    const lines = s
      .output()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(lines.some((l) => l.reqId === 'test-req-1' && l.status === 200 && l.url === '/en/packages/2/stations/1'));
    assert.ok(lines.some((l) => l.msg === 'shutting down'));
  });
});
