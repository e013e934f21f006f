// The latency histogram of requests, kept by hand because it runs on every request: prom-client's
// Histogram validates and hashes its labels on each observation (about 1 µs here), where this
// finds its series with two Map lookups and one array index (tens of ns). It is read only when
// Prometheus scrapes, in the same text format (registered with the registry as a metric).
import { languages } from '../../i18n/languages.ts';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LANG_PREFIX = new RegExp(`^/(${languages.join('|')})(?=/|$)`);
const NO_ROUTE = '(no route)';

interface Series {
  method: string;
  status: number;
  /** per bucket, not cumulative; the last one counts what is above every bound */
  counts: number[];
  sum: number;
  count: number;
}

interface Value {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

interface Route {
  /** the pattern with its language prefix as {lang}: one series for the three languages */
  label: string;
  series: Map<string, Map<number, Series>>;
}

export class RequestHistogram {
  readonly name = 'http_request_duration_seconds';
  readonly help = 'Time to answer a request, by method, route pattern ({lang} for the language) and status';
  readonly type = 'histogram';
  readonly labelNames = ['method', 'route', 'status_code'];
  readonly aggregator = 'sum';
  private readonly routes = new Map<string, Route>();
  private readonly labelled = new Map<string, Route>();

  /** One request answered; `pattern` is the route Fastify matched (undefined when none did). */
  observe(method: string, pattern: string | undefined, status: number, seconds: number): void {
    const key = pattern ?? NO_ROUTE;
    let route = this.routes.get(key);
    if (!route) route = this.routeFor(key);
    let byStatus = route.series.get(method);
    if (!byStatus) route.series.set(method, (byStatus = new Map<number, Series>()));
    let s = byStatus.get(status);
    if (!s) byStatus.set(status, (s = { method, status, counts: new Array<number>(BUCKETS.length + 1).fill(0), sum: 0, count: 0 }));
    let i = 0;
    while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++;
    s.counts[i]!++;
    s.sum += seconds;
    s.count++;
  }

  /** The three languages' patterns share one Route, hence one series per method and status. */
  private routeFor(pattern: string): Route {
    const label = pattern.replace(LANG_PREFIX, '/{lang}');
    let route = this.labelled.get(label);
    if (!route) this.labelled.set(label, (route = { label, series: new Map() }));
    this.routes.set(pattern, route);
    return route;
  }

  /** What prom-client's registry reads when it renders the metric. */
  get(): Promise<{ name: string; help: string; type: string; values: Value[]; aggregator: string }> {
    const values: Value[] = [];
    for (const route of this.labelled.values()) {
      for (const byStatus of route.series.values()) {
        for (const s of byStatus.values()) {
          const labels = { method: s.method, route: route.label, status_code: s.status };
          let cumulative = 0;
          BUCKETS.forEach((le, i) => {
            cumulative += s.counts[i]!;
            values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le }, value: cumulative });
          });
          values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le: '+Inf' }, value: s.count });
          values.push({ metricName: `${this.name}_sum`, labels, value: s.sum });
          values.push({ metricName: `${this.name}_count`, labels, value: s.count });
        }
      }
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator });
  }
}
