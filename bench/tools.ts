import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

// The benchmark's helpers: free ports, wrk runs and their parsing, a throw-away nginx, waiting for
// a child process. Everything listens on and talks to 127.0.0.1 only.

export const HOST = '127.0.0.1';

/**
 * Starts the real server (`node src/server.ts` in `root`) on a database, in production mode,
 * without loading the content pack. Every request of a benchmark comes from one address, so the
 * search budget (http/fair-use.ts) is off: it would answer most searches with 429, which is not
 * what the targets measure. `output()` is the end of what it printed.
 */
export function startServer(
  root: string,
  databaseUrl: string,
  port: number,
  extra: Record<string, string> = {},
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST,
      BASE_URL: `http://${HOST}:${port}`,
      LOG_LEVEL: 'warn',
      LOAD_CONTENT: 'false',
      SEARCH_RATE_BURST: '0',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export interface WrkResult {
  requestsPerSec: number;
  p50Ms: number;
  p75Ms: number;
  p90Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  socketErrors: number;
  /** requests wrk gave up on after --timeout (not in the latency figures) */
  timeouts: number;
  raw: string;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function duration(text: string | undefined): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? '');
  if (!m) return Number.NaN;
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** Reads wrk's --latency report into numbers (latencies in ms). */
export function parseWrk(raw: string): WrkResult {
  const pct = (p: string) => duration(new RegExp(`^\\s*${p}%\\s+(\\S+)\\s*$`, 'm').exec(raw)?.[1]);
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(raw);
  const requests = /^\s*(\d+) requests in/m.exec(raw);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(raw);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(raw);
  if (!rps || !requests) throw new Error(`could not read wrk's output:\n${raw}`);
  return {
    requestsPerSec: Number(rps[1]),
    p50Ms: pct('50'),
    p75Ms: pct('75'),
    p90Ms: pct('90'),
    p99Ms: pct('99'),
    requests: Number(requests[1]),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    timeouts: sock ? Number(sock[4]) : 0,
    raw,
  };
}

export const WRK_TIMEOUT_S = 5;

export interface WrkOptions {
  url: string;
  seconds: number;
  connections: number;
  threads: number;
  headers?: Record<string, string>;
  script?: string;
  /** seconds before wrk gives up on a request (default WRK_TIMEOUT_S) */
  timeout?: number;
}

export function runWrk(o: WrkOptions): Promise<WrkResult> {
  const args = [`-t${o.threads}`, `-c${o.connections}`, `-d${o.seconds}s`, '--latency', '--timeout', `${o.timeout ?? WRK_TIMEOUT_S}s`];
  for (const [k, v] of Object.entries(o.headers ?? {})) args.push('-H', `${k}: ${v}`);
  if (o.script) args.push('-s', o.script);
  args.push(o.url);
  return new Promise((resolveRun, reject) => {
    execFile('wrk', args, { timeout: (o.seconds + 30) * 1000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`wrk failed: ${error.message}\n${stdout}\n${stderr}`));
      try {
        resolveRun(parseWrk(stdout));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

/** A wrk script that sends each connection's requests through `paths` in turn (threads start apart). */
export function rotatingScript(file: string, paths: string[]): string {
  const list = paths.map((p) => `  ${JSON.stringify(p)},`).join('\n');
  writeFileSync(
    file,
    `-- generated by bench/run.ts: rotates through ${paths.length} request paths
local paths = {
${list}
}
local threads = 0
function setup(thread)
  thread:set("start", threads * 97)
  threads = threads + 1
end
local counter = 0
function init(args)
  counter = start or 0
end
function request()
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end
`,
  );
  return file;
}

export interface Nginx {
  port: number;
  stop(): Promise<void>;
  errors(): string;
}

/** Starts nginx in the foreground with a configuration of its own, serving `dir` on 127.0.0.1. */
export async function startNginx(prefix: string, dir: string, port: number): Promise<Nginx> {
  // Workers run as another user when started by root: let them reach and read the files.
  chmodSync(dirname(prefix), 0o755);
  chmodSync(prefix, 0o755);
  chmodSync(dir, 0o755);
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `# generated by bench/run.ts
worker_processes auto;
daemon off;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  gzip off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${join(prefix, 'body')};
  proxy_temp_path ${join(prefix, 'proxy')};
  fastcgi_temp_path ${join(prefix, 'fastcgi')};
  uwsgi_temp_path ${join(prefix, 'uwsgi')};
  scgi_temp_path ${join(prefix, 'scgi')};
  types { text/html html; }
  server {
    listen ${HOST}:${port};
    root ${dir};
    location / { try_files $uri =404; }
  }
}
`,
  );
  const child = spawn('nginx', ['-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const errors = () => {
    try {
      return stderr + readFileSync(join(prefix, 'error.log'), 'utf8');
    } catch {
      return stderr;
    }
  };
  try {
    await waitFor(`http://${HOST}:${port}/station.html`, 10_000, child);
  } catch (error) {
    await stopChild(child);
    throw new Error(`nginx did not start: ${(error as Error).message}\n${errors()}`, { cause: error });
  }
  return {
    port,
    stop: () => stopChild(child),
    errors,
  };
}

/** Polls a URL until it answers 200 (bounded by `ms`); fails early if the child exits. */
export async function waitFor(url: string, ms: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + ms;
  for (let attempt = 0; attempt < 1000 && Date.now() < deadline; attempt++) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer 200 within ${ms} ms`);
}

/** CPU time (user + system, in clock ticks) a process has used so far, from /proc; null elsewhere. */
function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * Waits until the server is idle (under 5 % of a core for two half-second windows in a row,
 * bounded by `ms`), so that work queued by one load test (requests wrk gave up on) does not count
 * against the next. Where /proc is missing, waits for a cheap request to answer within 50 ms.
 */
export async function drain(pid: number, url: string, ms: number): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  let last = cpuTicks(pid);
  for (let attempt = 0; attempt < 10_000 && Date.now() - started < ms; attempt++) {
    if (last === null) {
      const t = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(ms) });
        await res.arrayBuffer();
        if (performance.now() - t < 50) return (Date.now() - started) / 1000;
      } catch {
        // still busy
      }
      await sleep(200);
      continue;
    }
    await sleep(500);
    const now = cpuTicks(pid);
    if (now === null) return (Date.now() - started) / 1000;
    quiet = now - last <= 2 ? quiet + 1 : 0; // 100 ticks a second: 2 ticks in 0.5 s = 4 %
    last = now;
    if (quiet >= 2) return (Date.now() - started) / 1000;
  }
  throw new Error(`the server did not become idle within ${ms} ms`);
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the child has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

/** The 50th, 95th and 99th percentiles of a sample (nearest rank), its largest value and its size. */
export function percentiles(samples: number[]): { p50: number; p95: number; p99: number; max: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1]!, n: s.length };
}

/** A time in milliseconds as a table shows it ("12.3 ms"). */
export const msText = (x: number) => `${x.toFixed(1)} ms`;
