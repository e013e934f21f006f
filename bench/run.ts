import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLibrary, type BuildResult } from './build.ts';
import { diagnose } from './diagnose.ts';
import { fmt, markdown, table, TARGET, type Row, type Target } from './report.ts';
import { searchQueries } from './synthetic.ts';
import {
  HOST,
  drain,
  startServer as startBenchServer,
  freePort,
  hasCommand,
  rotatingScript,
  runWrk,
  startNginx,
  stopChild,
  waitFor,
  type Nginx,
  type WrkResult,
} from './tools.ts';

// npm run bench: builds a 100,000-resource library in a temporary SQLite database, starts the real
// server on it, and measures four pages with wrk at 50 connections against nginx serving the
// station page's HTML as a static file. See bench/README.md.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const RESOURCES = intEnv('BENCH_RESOURCES', 100_000, 1, 2_000_000);
const SECONDS = intEnv('BENCH_SECONDS', 10, 1, 300);
const WARMUP_SECONDS = intEnv('BENCH_WARMUP_SECONDS', 2, 1, 60);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 50, 1, 1000);
const THREADS = 2;
const SEARCH_QUERIES = 200;
const KEEP = env.BENCH_KEEP === '1';
/** BENCH_ONLY=content: the baselines and the content pages only (no searches, no search diagnosis), for quick runs. */
const CONTENT_ONLY = env.BENCH_ONLY === 'content';
if (env.BENCH_ONLY && !CONTENT_ONLY) {
  console.error(`BENCH_ONLY must be "content" (got ${JSON.stringify(env.BENCH_ONLY)})`);
  process.exit(2);
}
const APT = 'apt-get update && apt-get install -y wrk nginx-light';

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
    process.exit(2);
  }
  return n;
}

const log = (line: string) => console.log(line);

function ensureTools(): void {
  const missing = ['wrk', 'nginx'].filter((c) => !hasCommand(c));
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && env.BENCH_INSTALL === '1') {
    log(`Installing ${missing.join(' and ')}: ${APT}`);
    const r = spawnSync('sh', ['-c', APT], { stdio: 'inherit', timeout: 600_000, env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status === 0 && ['wrk', 'nginx'].every(hasCommand)) return;
    console.error('Installing them failed.');
    process.exit(1);
  }
  console.error(`The benchmark needs ${missing.join(' and ')} (Debian packages). Install them with:\n  ${APT}\n(or run as root with BENCH_INSTALL=1).`);
  process.exit(1);
}

const startServer = (file: string, port: number, extra: Record<string, string> = {}) => startBenchServer(root, `sqlite:${file}`, port, extra);

async function fetchOk(url: string, expect?: RegExp): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  if (expect && !expect.test(text)) throw new Error(`${url} does not contain ${expect}`);
  return text;
}

/** The body exactly as the app sends it to a browser asking for gzip (fetch() would decompress it), and its Content-Type. */
function fetchRaw(url: string, headers: Record<string, string>): Promise<{ body: Buffer; type: string; encoding: string }> {
  return new Promise((resolveFetch, reject) => {
    const req = httpRequest(url, { headers, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${url} answered ${res.statusCode}`));
        resolveFetch({ body: Buffer.concat(chunks), type: String(res.headers['content-type'] ?? ''), encoding: String(res.headers['content-encoding'] ?? '') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer within 60 s`)));
    req.end();
  });
}

function judge(kind: Target['kind'], r: WrkResult, nginxRps: number): boolean | null {
  if (kind === 'baseline' || kind === 'latency') return null;
  if (r.requests === 0 || r.non2xx > 0 || r.socketErrors > 0) return false;
  if (kind === 'search') return r.p99Ms < TARGET.searchP99Ms;
  return r.requestsPerSec >= TARGET.fraction * nginxRps && r.p99Ms < TARGET.contentP99Ms;
}

/** Issue 13: a content page at least 0.8 of bare Fastify sending the same bytes, p99 at most 10 ms. */
function judgeOverhead(kind: Target['kind'], r: WrkResult, fastifyRps: number): boolean | null {
  if (kind !== 'content') return null;
  if (r.requests === 0 || r.non2xx > 0 || r.socketErrors > 0) return false;
  return r.requestsPerSec >= TARGET.fractionOfFastify * fastifyRps && r.p99Ms <= TARGET.overheadP99Ms;
}

async function main(): Promise<void> {
  if (env.BENCH_DATABASE_URL) {
    console.error('BENCH_DATABASE_URL (PostgreSQL) is not supported yet: the bulk build writes SQLite tables directly.');
    process.exit(2);
  }
  ensureTools();

  const work = mkdtempSync(join(tmpdir(), 'intve-bench-'));
  const file = join(work, 'library.db');
  let server: ReturnType<typeof startServer> | null = null;
  let nginx: Nginx | null = null;
  let bare: ChildProcess | null = null;
  const cleanup = async () => {
    if (server) await stopChild(server.child);
    server = null;
    if (bare) await stopChild(bare);
    bare = null;
    if (nginx) await nginx.stop();
    nginx = null;
    if (KEEP) log(`Kept ${work} (BENCH_KEEP=1)`);
    else rmSync(work, { recursive: true, force: true });
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    log(`Building a library of ${RESOURCES.toLocaleString('en')} resources in ${file}`);
    const build: BuildResult = await buildLibrary(file, root, RESOURCES, log);
    log(
      `Built in ${build.seconds.total.toFixed(1)} s (schema and starter content ${build.seconds.migrateAndContent.toFixed(1)} s, ` +
        `synthetic resources ${build.seconds.bulk.toFixed(1)} s)`,
    );

    const appPort = await freePort();
    const started = performance.now();
    server = startServer(file, appPort);
    await waitFor(`http://${HOST}:${appPort}/readyz`, 300_000, server.child).catch((e: Error) => {
      throw new Error(`${e.message}\n${server?.output() ?? ''}`);
    });
    log(`Server ready on ${HOST}:${appPort} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const app = `http://${HOST}:${appPort}`;

    // The pages, checked once (and rendered into the page cache) before any load.
    const stationPath = '/en/packages/2/stations/1';
    const stationHtml = await fetchOk(app + stationPath, /<html/i);
    const resourceSlug = build.sampleSlugs[Math.floor(build.sampleSlugs.length / 2)]!;
    await fetchOk(`${app}/en/library/${resourceSlug}`);
    await fetchOk(`${app}/en/library`);
    const queries = searchQueries(SEARCH_QUERIES);
    const searchPaths = queries.map((q) => `/en/library?${new URLSearchParams({ q: q.q, type: q.type, theme: q.theme })}`);
    await fetchOk(app + searchPaths[0]!);
    const script = rotatingScript(join(work, 'search.lua'), searchPaths);

    // nginx, serving the station page as a static file.
    const staticDir = join(work, 'static');
    const nginxPrefix = join(work, 'nginx');
    mkdirSync(staticDir);
    mkdirSync(nginxPrefix);
    writeFileSync(join(staticDir, 'station.html'), stationHtml);
    nginx = await startNginx(nginxPrefix, staticDir, await freePort());
    log(`nginx ready on ${HOST}:${nginx.port}, serving the station page (${Buffer.byteLength(stationHtml).toLocaleString('en')} bytes)`);

    // Bare Fastify, in a process of its own, sending each content page's bytes as the app sends
    // them (gzip, same Content-Type), one route per page: each page is compared with the same bytes.
    const pages = [
      { name: 'station page', path: stationPath },
      { name: "library's first page", path: '/en/library' },
      { name: 'resource page', path: `/en/library/${resourceSlug}` },
    ];
    const manifest: { path: string; file: string; type: string; bytes: number }[] = [];
    for (const [i, page] of pages.entries()) {
      const sent = await fetchRaw(app + page.path, { 'Accept-Encoding': 'gzip' });
      if (sent.encoding !== 'gzip') throw new Error(`${page.path} came back with Content-Encoding "${sent.encoding}", not gzip`);
      const body = join(work, `page-${i}.html.gz`);
      writeFileSync(body, sent.body);
      manifest.push({ path: `/page-${i}`, file: body, type: sent.type, bytes: sent.body.length });
    }
    writeFileSync(join(work, 'bare.json'), JSON.stringify(manifest));
    const barePort = await freePort();
    bare = spawn(process.execPath, [join(root, 'bench', 'bare-fastify.ts'), String(barePort), join(work, 'bare.json')], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const bareBase = `http://${HOST}:${barePort}`;
    await waitFor(bareBase + manifest[0]!.path, 30_000, bare);
    log(`bare Fastify ready on ${HOST}:${barePort}, sending the pages' gzip bytes (${manifest.map((m) => m.bytes.toLocaleString('en')).join(', ')} bytes)`);
    const baseUrls = new Set([`http://${HOST}:${nginx.port}`, bareBase]);

    const targets: (Target & { base: string })[] = [
      { name: 'nginx: station page as a static file', kind: 'baseline', path: '/station.html', base: `http://${HOST}:${nginx.port}` },
      // Each page right after bare Fastify sending its bytes, so that the two see the same machine.
      ...pages.flatMap((page, i) => [
        { name: `bare Fastify: the ${page.name}'s gzip bytes`, kind: 'baseline' as const, path: manifest[i]!.path, base: bareBase },
        { name: page.name, kind: 'content' as const, path: page.path, base: app, pair: `bare Fastify: the ${page.name}'s gzip bytes` },
      ]),
      // Searches last: if they overload the server, its backlog cannot spill into other targets.
      ...(CONTENT_ONLY
        ? []
        : [
            {
              name: `library search, two facets (${SEARCH_QUERIES} queries, search cache on)`,
              kind: 'search' as const,
              path: searchPaths[0]!,
              script,
              base: app,
            },
          ]),
    ];

    const results: { target: (typeof targets)[number]; wrk: WrkResult }[] = [];
    const measure = async (list: typeof targets, pid: number) => {
      for (const t of list) {
        const connections = t.connections ?? CONNECTIONS;
        const options = {
          url: t.base + t.path,
          connections,
          threads: Math.min(THREADS, connections),
          headers: { 'Accept-Encoding': 'gzip' },
          ...(t.script ? { script: t.script } : {}),
          // One search at a time should finish: wait for it, so its real latency is measured.
          ...(t.kind === 'latency' ? { timeout: 60 } : {}),
        };
        log(`\n${t.name}: ${t.script ? `${SEARCH_QUERIES} rotating URLs like ${t.path}` : t.path}, ${connections} connections`);
        await runWrk({ ...options, seconds: WARMUP_SECONDS });
        if (!baseUrls.has(t.base)) await drain(pid, `${t.base}/healthz`, 300_000);
        const r = await runWrk({ ...options, seconds: SECONDS });
        log(
          `  ${r.requestsPerSec.toLocaleString('en')} requests/s, p50 ${fmt(r.p50Ms)} ms, p99 ${fmt(r.p99Ms)} ms, ${r.requests} requests` +
            (r.non2xx || r.socketErrors ? `, ${r.non2xx} non-2xx, ${r.socketErrors} socket errors (${r.timeouts} timeouts)` : ''),
        );
        results.push({ target: t, wrk: r });
        if (!baseUrls.has(t.base)) {
          const waited = await drain(pid, `${t.base}/healthz`, 300_000);
          if (waited > 1.5) log(`  (the server needed ${waited.toFixed(1)} s to finish the requests wrk had given up on)`);
        }
      }
    };
    await measure(targets, server.child.pid!);
    await stopChild(bare);
    bare = null;

    // The same searches on a server whose search cache is off: what each search really costs.
    await stopChild(server.child);
    if (!CONTENT_ONLY) {
      const coldPort = await freePort();
      server = startServer(file, coldPort, { SEARCH_CACHE_ENTRIES: '0' });
      await waitFor(`http://${HOST}:${coldPort}/readyz`, 300_000, server.child);
      const cold = `http://${HOST}:${coldPort}`;
      await fetchOk(cold + searchPaths[0]!);
      await measure(
        [
          { name: 'the same searches, search cache off (information)', kind: 'latency', path: searchPaths[0]!, script, base: cold },
          {
            name: 'the same searches, search cache off, one connection (information)',
            kind: 'latency',
            path: searchPaths[0]!,
            script,
            base: cold,
            connections: 1,
          },
        ],
        server.child.pid!,
      );
      await stopChild(server.child);
    }
    server = null;
    await nginx.stop();
    nginx = null;

    let diagnosis: Awaited<ReturnType<typeof diagnose>> | null = null;
    if (!CONTENT_ONLY) {
      log('\nTiming the two-facet searches in-process, statement by statement...');
      diagnosis = await diagnose(file, queries);
    }

    const nginxRps = results[0]!.wrk.requestsPerSec;
    const rpsOf = new Map(results.map(({ target, wrk }) => [target.name, wrk.requestsPerSec]));
    // A content page against bare Fastify sending its bytes; bare Fastify against itself (1.000).
    const fastifyRps = (t: Target & { base: string }) => rpsOf.get(t.pair ?? (t.base === bareBase ? t.name : '')) ?? Number.NaN;
    const rows: Row[] = results.map(({ target, wrk }) => ({
      name: target.name,
      kind: target.kind,
      path: target.path,
      requestsPerSec: wrk.requestsPerSec,
      p50Ms: wrk.p50Ms,
      p99Ms: wrk.p99Ms,
      fractionOfNginx: wrk.requestsPerSec / nginxRps,
      fractionOfFastify: wrk.requestsPerSec / fastifyRps(target),
      met: judge(target.kind, wrk, nginxRps),
      metOverhead: judgeOverhead(target.kind, wrk, fastifyRps(target)),
      connections: target.connections ?? CONNECTIONS,
      requests: wrk.requests,
      non2xx: wrk.non2xx,
      socketErrors: wrk.socketErrors,
      timeouts: wrk.timeouts,
    }));

    const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, platform: `${process.platform} ${process.arch}` };
    const when = new Date();
    const report = {
      date: when.toISOString(),
      machine,
      settings: {
        resources: RESOURCES,
        seconds: SECONDS,
        connections: CONNECTIONS,
        threads: THREADS,
        searchQueries: CONTENT_ONLY ? 0 : SEARCH_QUERIES,
        database: 'sqlite',
        contentOnly: CONTENT_ONLY,
      },
      build: { seconds: build.seconds },
      targets: TARGET,
      results: rows,
      searchDiagnosis: diagnosis,
    };
    const md = markdown(report, rows, diagnosis);

    log(`\n${table(rows)}\n`);
    log(
      `Build: ${build.seconds.total.toFixed(1)} s for ${RESOURCES.toLocaleString('en')} resources. Machine: ${machine.cpu} × ${machine.cores}, Node ${machine.node}.`,
    );
    if (diagnosis)
      log(
        `Two-facet search SQL alone (in-process): p50 ${diagnosis.perSearch.p50Ms} ms, p99 ${diagnosis.perSearch.p99Ms} ms, max ${diagnosis.perSearch.maxMs} ms.`,
      );

    const out = join(root, 'bench', 'results');
    mkdirSync(out, { recursive: true });
    // A quick content-only run does not replace the full run's results, nor leave a dated copy.
    const latest = CONTENT_ONLY ? 'content-latest' : 'latest';
    writeFileSync(join(out, `${latest}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(out, `${latest}.md`), md);
    if (!CONTENT_ONLY) writeFileSync(join(out, `${when.toISOString().slice(0, 19).replace(/:/g, '-')}Z.md`), md);
    log(CONTENT_ONLY ? `Saved bench/results/${latest}.json and ${latest}.md.` : `Saved bench/results/latest.json, latest.md and a dated copy.`);

    const missed = rows.filter((r) => r.met === false);
    if (missed.length) log(`Targets missed: ${missed.map((r) => r.name).join('; ')}`);
    process.exitCode = missed.length && env.BENCH_STRICT === '1' ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
