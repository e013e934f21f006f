// Checks a content pack without touching any database: every file, every field, every reference.
//   npm run content:check              the folder CONTENT_DIR names (default ./content)
//   npm run content:check -- PATH      another folder
// Prints what the pack holds, or the file and field at fault (and exits 1).
import { ContentError, readContentPack } from '../src/content/pack.ts';

const dir = process.argv.slice(2).find((a) => a !== '--') ?? process.env.CONTENT_DIR ?? 'content';

try {
  const pack = await readContentPack(dir);
  const counts = new Map<string, number>();
  for (const item of pack.items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  const translations = pack.items.reduce((n, i) => n + Object.keys(i.translations).length, 0);
  console.log(`${dir}: valid. ${[...counts].map(([kind, n]) => `${n} ${kind}`).join(', ')}; ${translations} translation files.`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exit(1);
}
