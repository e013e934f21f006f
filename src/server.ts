import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { loadContent } from './content/load.ts';
import { ContentError } from './content/pack.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { FrameworkError } from './modules/assessment/framework/format.ts';
import { loadFrameworks } from './modules/assessment/framework/load.ts';
import { createSearch } from './modules/search/index.ts';
import { mapGeometry } from './ui/components/country-map/geometry.ts';

// Start-up: validate configuration, open the database, apply migrations, load the content pack,
// start the job worker (unless JOBS_WORKER=false), warm the reports up in the background (the
// benchmark's sums, one report rendered once), listen; on SIGTERM/SIGINT stop taking
// requests, finish those in flight, stop the worker (jobs still running are tried again later),
// close the database.

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  await migrate(database);
  const app = await buildApp({ config, database, jobs: { work: config.jobsWorker } });
  if (config.loadContent) {
    const result = await loadContent(database, createSearch(database), config.contentDir, { warn: (message) => app.log.warn(message) });
    app.log.info(result, 'content pack loaded');
    const frameworks = await loadFrameworks(database, config.contentDir, { warn: (message) => app.log.warn(message) });
    app.log.info(frameworks, 'self-assessment frameworks loaded');
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // The benchmark's sums, and one report rendered once, in the background while the server starts
  // listening, so that the first report does not pay for them (report/warm.ts).
  app
    .warmReports()
    .then((w) => app.log.info({ ms: Math.round(w.totalMs), benchmarkMs: Math.round(w.benchmarkMs) }, 'reports warmed up'))
    .catch((error: unknown) => app.log.warn({ err: error }, 'benchmark sums not built at start-up'));
  // The search index of this instance (decision 0016) and the e-library's filters: searches wait for them otherwise.
  app
    .warmSearch()
    .then((w) => app.log.info({ ms: Math.round(w.ms), documents: w.documents }, 'search index built'))
    .catch((error: unknown) => app.log.warn({ err: error }, 'search index not built at start-up'));
  // The country map's drawing (0.3–0.5 s of projecting boundaries), once, before the first map is asked for.
  setImmediate(() => mapGeometry());
  await app.listen({ host: config.host, port: config.port });
  app.log.info(`IntVE platform ready on ${config.baseUrl}`);
}

main().catch((error: unknown) => {
  // Configuration and content problems are the operator's to fix: one line, no stack trace.
  if (error instanceof ConfigError || error instanceof ContentError || error instanceof FrameworkError) console.error(error.message);
  else console.error('Start-up failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
