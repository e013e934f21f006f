import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { loadContent } from '../src/content/load.ts';
import { bumpContentVersion } from '../src/platform/content-version/repository.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { analyse } from '../src/modules/search/analyse.ts';
import { createSearch } from '../src/modules/search/index.ts';
import { plainText } from '../src/ui/markdown.ts';
import { syntheticResource } from './synthetic.ts';

// Builds the benchmark's library in a fresh SQLite file: the schema (the app's migrations), the
// starter content (the app's loader), then `count` synthetic resources written straight into the
// tables with prepared statements, the same rows upsertResource() and the SQLite search provider's
// indexOne() write (analyse() for the FTS terms, exactly as indexOne() calls it).

export interface BuildResult {
  seconds: { total: number; migrateAndContent: number; bulk: number };
  resources: number;
  sampleSlugs: string[];
}

const BATCH = 10_000;

export async function buildLibrary(file: string, root: string, count: number, log: (line: string) => void): Promise<BuildResult> {
  const started = performance.now();
  const database = openDatabase(`sqlite:${file}`);
  await migrate(database);
  await loadContent(database, createSearch(database), resolve(root, 'content'));
  await database.close();
  const contentDone = performance.now();

  const h = new SQLite(file);
  h.pragma('journal_mode = WAL');
  h.pragma('synchronous = OFF');
  h.pragma('cache_size = -262144');
  const stations = h
    .prepare('select s.id as id, s.package_id as packageId from stations s join packages p on p.id = s.package_id order by p.number, s.position')
    .all() as { id: number; packageId: number }[];
  if (stations.length === 0) throw new Error('the starter content has no stations');

  const insResource = h.prepare('insert into resources (slug, type, source, link, year, published, created_at, updated_at) values (?, ?, ?, ?, ?, 1, ?, ?)');
  const insTranslation = h.prepare("insert into resource_translations (resource_id, lang, title, description, updated_at) values (?, 'en', ?, ?, ?)");
  const insTheme = h.prepare('insert into resource_themes (resource_id, theme) values (?, ?)');
  const insSector = h.prepare('insert into resource_sectors (resource_id, sector) values (?, ?)');
  const insCountry = h.prepare('insert into resource_countries (resource_id, country) values (?, ?)');
  const insLanguage = h.prepare('insert into resource_languages (resource_id, language) values (?, ?)');
  const insStation = h.prepare('insert into resource_stations (resource_id, station_id) values (?, ?)');
  const insPackage = h.prepare('insert into resource_packages (resource_id, package_id) values (?, ?)');
  const insDocument = h.prepare("insert into search_documents (kind, ref, lang, title, body, path, resource_id) values ('resource', ?, 'en', ?, ?, ?, ?)");
  const insFts = h.prepare('insert into search_fts (rowid, title, body) values (?, ?, ?)');

  const sampleSlugs: string[] = [];
  const writeBatch = h.transaction((from: number, to: number) => {
    const now = new Date().toISOString();
    for (let i = from; i < to; i++) {
      const r = syntheticResource(i, stations.length);
      if (i % Math.max(1, Math.floor(count / 10)) === 0) sampleSlugs.push(r.slug);
      const id = Number(insResource.run(r.slug, r.type, r.source, r.link, r.year, r.createdAt, now).lastInsertRowid);
      insTranslation.run(id, r.title, r.description, now);
      for (const v of r.themes) insTheme.run(id, v);
      for (const v of r.sectors) insSector.run(id, v);
      for (const v of r.countries) insCountry.run(id, v);
      for (const v of r.languages) insLanguage.run(id, v);
      const packageIds = new Set<number>();
      for (const s of r.stations) {
        const station = stations[s]!;
        insStation.run(id, station.id);
        packageIds.add(station.packageId);
      }
      for (const p of packageIds) insPackage.run(id, p);
      // What content/load.ts indexes for a resource, and how sqlite.ts indexOne() stores it.
      const body = `${plainText(r.description)} ${r.source}`;
      const docId = Number(insDocument.run(`resource:${r.slug}:`, r.title, body, `/library/${r.slug}`, id).lastInsertRowid);
      insFts.run(docId, analyse(r.title, 'en').join(' '), analyse(body, 'en').join(' '));
    }
  });
  for (let from = 0; from < count; from += BATCH) {
    const to = Math.min(count, from + BATCH);
    writeBatch(from, to);
    log(`  ${to.toLocaleString('en')} / ${count.toLocaleString('en')} resources (${((performance.now() - contentDone) / 1000).toFixed(1)} s)`);
  }
  h.pragma('wal_checkpoint(TRUNCATE)');
  h.close();

  // Every instance's page cache keys on the content version.
  const again = openDatabase(`sqlite:${file}`);
  await bumpContentVersion(again.db);
  await again.close();

  const done = performance.now();
  return {
    seconds: {
      total: (done - started) / 1000,
      migrateAndContent: (contentDone - started) / 1000,
      bulk: (done - contentDone) / 1000,
    },
    resources: count,
    sampleSlugs,
  };
}
