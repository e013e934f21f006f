import type { DB } from '../../../db/database.ts';
import { indicatorsOf } from './document.ts';
import type { FrameworkSource } from './files.ts';
import { FrameworkError } from './format.ts';
import { linkTargets } from './repository.ts';

/** Checks that every station, action and resource an indicator links to exists on the platform. */
export async function checkLinks(db: DB, source: FrameworkSource): Promise<void> {
  const { stations, resources } = await linkTargets(db);
  const groups = new Map(
    stations.map((s) => [`package-${s.number}-station-${s.position}`, s.action_groups ? (JSON.parse(s.action_groups) as { actions: string[] }[]) : []]),
  );
  const slugs = new Set(resources);
  for (const i of indicatorsOf(source.document)) {
    const fail = (what: string) => {
      throw new FrameworkError(`${source.file}: indicator "${i.id}": ${what}`);
    };
    for (const s of i.stations) if (!groups.has(s)) fail(`station "${s}" does not exist`);
    for (const r of i.resources) if (!slugs.has(r)) fail(`resource "${r}" does not exist`);
    for (const a of i.actions) {
      const [station, g, n] = a.split('/') as [string, string, string];
      if (!groups.get(station)?.[Number(g) - 1]?.actions[Number(n) - 1]) fail(`action "${a}" does not exist`);
    }
  }
}
