import type { BuildResult } from './build.ts';
import type { Diagnosis } from './diagnose.ts';
import { WRK_TIMEOUT_S } from './tools.ts';

// What npm run bench measures against, and the Markdown it writes into bench/results/.

export const TARGET = { fraction: 0.25, contentP99Ms: 10, searchP99Ms: 30, fractionOfFastify: 0.8, overheadP99Ms: 10 };

export interface Target {
  name: string;
  /** 'latency' is informational: the same searches one at a time, to show the cost of one */
  kind: 'baseline' | 'content' | 'search' | 'latency';
  path: string;
  script?: string;
  connections?: number;
  /** a content page: the name of the bare-Fastify target sending its bytes */
  pair?: string;
}

export interface Row {
  name: string;
  kind: Target['kind'];
  path: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  fractionOfNginx: number;
  /** requests/s over bare Fastify's sending the station page's bytes (bench/bare-fastify.ts) */
  fractionOfFastify: number;
  met: boolean | null;
  /** issue 13: content pages at least 0.8 of bare Fastify with p99 at most 10 ms */
  metOverhead: boolean | null;
  connections: number;
  requests: number;
  non2xx: number;
  socketErrors: number;
  timeouts: number;
}

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export function table(rows: Row[]): string {
  const head = [
    'target',
    'connections',
    'requests/s',
    'p50 ms',
    'p99 ms',
    'fraction of nginx',
    'fraction of bare Fastify',
    'errors',
    'target met?',
    '≥ 0.8 of Fastify, p99 ≤ 10 ms?',
  ];
  const latency = (r: Row, v: number) => (r.requests === 0 ? `> ${WRK_TIMEOUT_S * 1000}` : r.timeouts > 0 && v === r.p99Ms ? `${fmt(v)} (+ timeouts)` : fmt(v));
  const body = rows.map((r) => [
    r.name,
    String(r.connections),
    (Math.round(r.requestsPerSec * 10) / 10).toLocaleString('en'),
    latency(r, r.p50Ms),
    latency(r, r.p99Ms),
    fmt(r.fractionOfNginx, 3),
    fmt(r.fractionOfFastify, 3),
    r.non2xx || r.socketErrors
      ? [
          r.timeouts ? `${r.timeouts} timeouts (> ${WRK_TIMEOUT_S} s)` : '',
          r.socketErrors - r.timeouts ? `${r.socketErrors - r.timeouts} socket` : '',
          r.non2xx ? `${r.non2xx} non-2xx` : '',
        ]
          .filter(Boolean)
          .join(', ')
      : '0',
    r.met === null ? (r.kind === 'baseline' ? '(baseline)' : '(information)') : r.met ? 'yes' : 'NO',
    r.metOverhead === null ? '' : r.metOverhead ? 'yes' : 'NO',
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
}

export interface Report {
  date: string;
  machine: { cpu: string; cores: number; node: string; platform: string };
  settings: { resources: number; seconds: number; connections: number; threads: number; searchQueries: number; database: string; contentOnly: boolean };
  build: { seconds: BuildResult['seconds'] };
}

export function markdown(report: Report, rows: Row[], d: Diagnosis | null): string {
  const s = report.settings;
  const build = report.build.seconds;
  return `# Benchmark results

${report.date} · ${report.machine.cpu} × ${report.machine.cores} cores · Node ${report.machine.node} · ${report.machine.platform}

${s.resources.toLocaleString('en')} resources (SQLite), built in ${build.total.toFixed(1)} s.
wrk: ${s.threads} threads, ${s.connections} connections, ${s.seconds} s per target after a warm-up; \`Accept-Encoding: gzip\`.

${table(rows)}

Targets: content pages at least ${TARGET.fraction} of nginx's requests/s with p99 under ${TARGET.contentP99Ms} ms;
library search p99 under ${TARGET.searchP99Ms} ms. The platform's own per-request work (last column): content pages at
least ${TARGET.fractionOfFastify} of bare Fastify's requests/s sending the station page's gzip bytes from memory
(\`bench/bare-fastify.ts\`, measured in the same run), with p99 at most ${TARGET.overheadP99Ms} ms.
A target with any non-2xx response, socket error or timeout counts as
missed. wrk gives up on a request after ${WRK_TIMEOUT_S} s; such requests are not in its latency figures
("+ timeouts"), and "> ${WRK_TIMEOUT_S * 1000}" means none completed in time.
${d ? diagnosisMarkdown(d) : '\nContent pages only (`BENCH_ONLY=content`): no searches measured.\n'}`;
}

function diagnosisMarkdown(d: Diagnosis): string {
  return `
## Two-facet search SQL, in-process

${d.queries} searches (word + type + theme, relevance order, first page with facet counts), one at a
time, no HTTP or rendering: p50 ${d.perSearch.p50Ms} ms, p99 ${d.perSearch.p99Ms} ms, max ${d.perSearch.maxMs} ms.

| statement | p50 ms | p99 ms | max ms | total ms |
| --- | --- | --- | --- | --- |
${d.statements.map((x) => `| ${x.statement} | ${x.p50Ms} | ${x.p99Ms} | ${x.maxMs} | ${x.totalMs} |`).join('\n')}

| search word | p50 ms | p99 ms | mean full-text matches |
| --- | --- | --- | --- |
${d.byBand.map((b) => `| ${b.band} | ${b.p50Ms} | ${b.p99Ms} | ${b.meanFtsMatches.toLocaleString('en')} |`).join('\n')}

Slowest searches:

| q | type | theme | ms | full-text matches | results |
| --- | --- | --- | --- | --- | --- |
${d.slowest.map((x) => `| ${x.q} | ${x.type} | ${x.theme} | ${x.ms} | ${x.ftsMatches.toLocaleString('en')} | ${x.total} |`).join('\n')}

Query plan of the slowest statement (${d.explain.statement}) of the slowest search:

\`\`\`
${d.explain.plan.join('\n')}
\`\`\`
`;
}
