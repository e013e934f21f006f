// Imports a content pack into the platform: adds new items, updates those that differ (keeping a
// revision of each), keeps items the pack does not have. A wrong file stops it before anything is
// written, with the file and field at fault.
//   npm run content:import -- PATH     a folder in the format of content/, or a .zip
// Uses DATABASE_URL like the platform. This is also how to overwrite items edited in the back
// office with their files, which start-up never does.
import { readFile, stat } from 'node:fs/promises';
import { ConfigError, loadConfig } from '../src/config.ts';
import { zipToFiles } from '../src/content/export.ts';
import { importPack } from '../src/content/import.ts';
import { ContentError, readPackFiles } from '../src/content/pack.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { createSearch } from '../src/modules/search/index.ts';

const path = process.argv.slice(2).find((a) => a !== '--');
if (!path) {
  console.error('Usage: npm run content:import -- <folder or file.zip>');
  process.exit(2);
}

const list = (keys: string[]) => (keys.length ? `:\n  ${keys.join('\n  ')}` : '');

try {
  const config = loadConfig();
  if (!path.endsWith('.zip') && !(await stat(path).catch(() => null))?.isDirectory()) throw new ContentError(`${path}: no such folder`);
  const files = path.endsWith('.zip') ? zipToFiles(await readFile(path)) : await readPackFiles(path);
  const database = openDatabase(config.databaseUrl);
  try {
    await migrate(database);
    const result = await importPack(database, createSearch(database), files, null, path);
    console.log(`Imported ${path}.`);
    console.log(`Created ${result.created.length}${list(result.created)}`);
    console.log(`Updated ${result.updated.length}${list(result.updated)}`);
    console.log(`Unchanged ${result.unchanged}`);
    console.log(`Kept (on the platform, not in the pack) ${result.kept.length}${list(result.kept)}`);
    console.log(`Vocabularies ${result.vocabularies ? 'replaced' : 'unchanged'}`);
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof ContentError) console.error(error.message);
  else console.error(`Failed: ${(error as Error).message}`);
  process.exit(1);
}
