import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildLibrary } from './build.ts';
import { HOST, freePort, runWrk, stopChild, waitFor } from './tools.ts';

// node bench/profile.ts: where the time of a cached content page goes. Builds a small library,
// starts the real server under `node --cpu-prof`, loads the station page with wrk (50
// connections, Accept-Encoding: gzip) and prints the functions that cost the most: self time
// (the function's own code) and total time (with what it calls), as shares of the server's busy
// time. The .cpuprofile is kept (PROFILE_OUT, default bench/tmp/) for Chrome DevTools or
// speedscope. See bench/README.md, "Per-request overhead".
//
//   node bench/profile.ts [path]    (default /en/packages/2/stations/1)
//   node bench/profile.ts --bare    (bench/bare-fastify.ts sending the station page's gzip bytes, for comparison)

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bare = process.argv[2] === '--bare';
const path = bare ? '/en/packages/2/stations/1' : (process.argv[2] ?? '/en/packages/2/stations/1');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const headers: Record<string, string> = { 'Accept-Encoding': 'gzip' };
if (process.env.PROFILE_COOKIE) headers.Cookie = process.env.PROFILE_COOKIE;

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame comes from: a package, Node itself, the app's file, or V8's pseudo-frames. */
function origin(url: string): string {
  if (!url) return '';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const i = url.indexOf('/src/');
  return i === -1 ? url.replace(/^file:\/\//, '') : url.slice(i + 1);
}

/** The summary of the samples taken between `from` and `to` seconds after the profile started (the measured run). */
export function summarise(profile: Profile, from: number, to: number, requests: number, top = 25): string {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const key = (f: Frame) => `${f.functionName || '(anonymous)'} ${origin(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  let at = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (at < from * 1e6 || at > to * 1e6) return;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    busy += dt;
    self.set(key(node.callFrame), (self.get(key(node.callFrame)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = key(byId.get(n)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const pct = (v: number) => `${((100 * v) / busy).toFixed(1)} % | ${(v / requests).toFixed(2)}`;
  // Self time by where the code comes from: a package, a file of Node's, the app's own files.
  const byOrigin = new Map<string, number>();
  for (const [k, v] of self) {
    const where = k.startsWith('RegExp: ') ? '(regular expressions)' : k.slice(k.lastIndexOf(' ') + 1).replace(/:\d+$/, '') || k;
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + v);
  }
  const rows = (m: Map<string, number>, skip: (k: string) => boolean) =>
    [...m]
      .filter(([k]) => !skip(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `| ${pct(v)} | \`${k.replace(/\|/g, '\\|')}\` |`)
      .join('\n');
  const pseudo = (k: string) => k.startsWith('(root)') || k.startsWith('(program)');
  return `Samples from ${from.toFixed(1)} s to ${to.toFixed(1)} s after start-up (the measured run): busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s, about ${Math.round(requests).toLocaleString('en')} requests: ${(busy / requests).toFixed(1)} µs of CPU per request.

Self time (the function's own code):

| share of busy time | µs per request | function |
| ---: | ---: | --- |
${rows(self, () => false)}

Self time by origin (package, Node's file, the app's file):

| share of busy time | µs per request | origin |
| ---: | ---: | --- |
${rows(byOrigin, () => false)}

Total time (with what it calls), top frames below the event loop:

| share of busy time | µs per request | function |
| ---: | ---: | --- |
${rows(total, pseudo)}
`;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'intve-profile-'));
  const outDir = process.env.PROFILE_OUT ?? join(root, 'bench', 'tmp');
  try {
    const file = join(work, 'library.db');
    await buildLibrary(file, root, Number(process.env.BENCH_RESOURCES ?? 2000), () => {});
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${file}`,
      PORT: String(port),
      HOST,
      BASE_URL: `http://${HOST}:${port}`,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      LOAD_CONTENT: 'false',
    };
    const profiled = (args: string[], p: number) =>
      spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${join(work, String(p))}`, ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    let child = profiled(['src/server.ts'], port);
    let started = performance.now();
    let url = `http://${HOST}:${port}${path}`;
    await waitFor(`http://${HOST}:${port}/readyz`, 60_000, child);
    await waitFor(url, 30_000, child);
    if (bare) {
      const body = join(work, 'station.html.gz');
      const res = await fetch(url, { headers }).then(async (r) => ({ type: r.headers.get('content-type') ?? '', text: await r.text() }));
      writeFileSync(body, gzipSync(res.text, { level: 6 }));
      await stopChild(child);
      const barePort = await freePort();
      writeFileSync(join(work, 'bare.json'), JSON.stringify([{ path: '/station', file: body, type: res.type }]));
      child = profiled(['bench/bare-fastify.ts', String(barePort), join(work, 'bare.json')], barePort);
      started = performance.now();
      url = `http://${HOST}:${barePort}/station`;
      await waitFor(url, 30_000, child);
    }
    const o = { url, connections: 50, threads: 2, headers };
    await runWrk({ ...o, seconds: 3 });
    const from = (performance.now() - started) / 1000;
    const r = await runWrk({ ...o, seconds });
    console.log(`${bare ? 'bare Fastify' : path}: ${r.requestsPerSec.toLocaleString('en')} requests/s under the profiler, p99 ${r.p99Ms} ms`);
    const to = (performance.now() - started) / 1000;
    await stopChild(child);
    const dir = join(work, String(new URL(url).port));
    const name = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!name) throw new Error('the server left no .cpuprofile');
    const text = readFileSync(join(dir, name), 'utf8');
    const kept = join(outDir, bare ? 'bare-fastify.cpuprofile' : 'content-page.cpuprofile');
    try {
      writeFileSync(kept, text);
      console.log(`Profile kept in ${kept}`);
    } catch {
      // no bench/tmp: the summary is enough
    }
    // A second either side of the measured run: what the server did then is the run's.
    const window = to - from - 1;
    console.log(summarise(JSON.parse(text) as Profile, from + 0.5, to - 0.5, (r.requests * window) / seconds));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
}
