import { performance } from 'node:perf_hooks';
import type { DB } from '../../../db/database.ts';
import type { PageContext } from '../../../http/context.ts';
import { languages, type Lang } from '../../../i18n/languages.ts';
import { findCentreById } from '../../centres/repository.ts';
import { loadRound } from '../round.ts';
import { warmBenchmark } from './benchmark.ts';
import { largestReleasedRound } from './repository.ts';
import { whenScoresChange } from './results.ts';
import type { ReportService } from './service.ts';
import { reportView } from './views/report.ts';

// Start-up, in the background (server.ts, once migrations ran, while the server starts to
// listen): the benchmark's sums are built, and one report (of the round with the most released
// answers) is put together and rendered once in every language and thrown away, so that its
// caches (the framework, the packages' stations, the message formats) and the compiled code are
// ready before anyone asks for a report. Nothing is sent anywhere. From then on, every release
// (results.ts) rebuilds the sums in the background.

/** After a release, the benchmark's sums are rebuilt in the background, so the next report finds them ready. */
const rebuild = (db: DB): void => void warmBenchmark(db).catch(() => undefined);

export async function warmReports(db: DB, reports: ReportService, ctxFor: (lang: Lang) => PageContext): Promise<{ benchmarkMs: number; totalMs: number }> {
  const started = performance.now();
  whenScoresChange(rebuild);
  const benchmarkMs = await warmBenchmark(db);
  const id = await largestReleasedRound(db);
  const loaded = id === null ? null : await loadRound(db, id);
  const centre = loaded ? await findCentreById(db, loaded.round.centre_id) : undefined;
  if (loaded && centre)
    for (const lang of languages) {
      const ctx = ctxFor(lang);
      reportView(ctx, await reports.report({ centre, access: 'admin', manage: true, loaded }, {}, ctx));
    }
  return { benchmarkMs, totalMs: performance.now() - started };
}
