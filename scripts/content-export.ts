// Writes everything on the platform (drafts included) as a content pack, in the format of content/:
//   npm run content:export -- --out DIR        a folder (created if needed; files are overwritten)
//   npm run content:export -- --out FILE.zip   a zip, as the back office downloads it
// Uses DATABASE_URL like the platform.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.ts';
import { exportPack, packToZip } from '../src/content/export.ts';
import { contentFolders } from '../src/content/pack.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
  console.error('Usage: npm run content:export -- --out <folder or file.zip>');
  process.exit(2);
}
const out = values.out;

try {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  await migrate(database);
  const files = await exportPack(database.db);
  await database.close();
  if (out.endsWith('.zip')) {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, packToZip(files));
  } else {
    for (const [path, text] of files) {
      await mkdir(dirname(join(out, path)), { recursive: true });
      await writeFile(join(out, path), text);
    }
    // Files left from an earlier export or another pack are not the platform's: say so, keep them.
    const stale: string[] = [];
    for (const folder of contentFolders) {
      for (const name of await readdir(join(out, folder)).catch(() => [] as string[])) {
        if (name.endsWith('.md') && !files.has(`${folder}/${name}`)) stale.push(join(out, folder, name));
      }
    }
    if (stale.length) console.warn(`Not on the platform, left as they were:\n  ${stale.join('\n  ')}`);
  }
  console.log(`Exported ${files.size} files (vocabularies.yml and the Markdown of every item) to ${out}.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Failed: ${(error as Error).message}`);
  process.exit(1);
}
