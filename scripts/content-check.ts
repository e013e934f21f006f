// Checks a content pack without touching any database: every file, every field, every reference,
// and the self-assessment frameworks' structure.
//   npm run content:check              the folder CONTENT_DIR names (default ./content)
//   npm run content:check -- PATH      another folder
// Prints what the pack holds, or the file and field at fault (and exits 1).
import { starterLinkProblems } from '../src/content/links.ts';
import { ContentError, readContentPack } from '../src/content/pack.ts';
import { FrameworkError } from '../src/modules/assessment/framework/format.ts';
import { indicatorsOf } from '../src/modules/assessment/framework/document.ts';
import { readFrameworks } from '../src/modules/assessment/framework/files.ts';

const dir = process.argv.slice(2).find((a) => a !== '--') ?? process.env.CONTENT_DIR ?? 'content';

try {
  const pack = await readContentPack(dir);
  const counts = new Map<string, number>();
  for (const item of pack.items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  const translations = pack.items.reduce((n, i) => n + Object.keys(i.translations).length, 0);
  // Outgoing addresses are https and clean, and no resource is a dead end (src/content/links.ts).
  const linkProblems = starterLinkProblems(pack);
  if (linkProblems.length) throw new ContentError(`${dir}: links:\n${linkProblems.join('\n')}`);
  const linking = pack.items.filter((i) => i.kind === 'resource' && (i.fields as { link?: string }).link).length;
  console.log(
    `${dir}: valid. ${[...counts].map(([kind, n]) => `${n} ${kind}`).join(', ')}; ${translations} translation files; ${linking} resources link to their publisher.`,
  );
  // Links from indicators to stations and resources are checked when the platform loads them.
  for (const { document, file } of await readFrameworks(dir)) {
    const indicators = indicatorsOf(document);
    console.log(
      `${file}: valid. ${document.dimensions.length} dimensions, ${document.dimensions.flatMap((d) => d.criteria).length} criteria, ${indicators.length} indicators (${indicators.filter((i) => i.core).length} core).`,
    );
  }
} catch (error) {
  if (!(error instanceof ContentError) && !(error instanceof FrameworkError)) throw error;
  console.error(error.message);
  process.exit(1);
}
