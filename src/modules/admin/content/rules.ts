import type { DB } from '../../../db/database.ts';
import { readVocabularies } from '../../../content/items.ts';
import type { Item } from '../../../content/pack.ts';
import type { FieldError } from '../../../http/forms.ts';
import { countries, languageCodes } from '../../centres/lists.ts';
import { FACETS } from './form.ts';
import type { FormValues, KindSpec } from './kinds.ts';
import * as repo from './repository.ts';

// What the pack's schemas cannot know, checked against the database: a package's checklist ids
// are unique across packages and name stations it has; a resource's type, themes, sectors,
// stations, countries and languages are ones that exist.

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/**
 * The form's problems against the database. `current` is the item as saved (none for a new one):
 * its own values stay acceptable, so an imported value outside today's lists does not block a save.
 */
export async function ruleErrors(db: DB, spec: KindSpec, item: Item, values: FormValues, current: { id: number; item: Item } | null): Promise<FieldError[]> {
  if (spec.kind === 'package') return checklistErrors(db, item as Item<'package'>, current?.id ?? null, values);
  if (spec.kind === 'resource') return facetErrors(db, values, current?.item as Item<'resource'> | undefined);
  return [];
}

async function checklistErrors(db: DB, p: Item<'package'>, packageId: number | null, values: FormValues): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const taken = new Set(await repo.checklistIdsElsewhere(db, packageId, p.fields.checklist.map((c) => c.id)));
  const positions = new Set((await repo.packageStations(db)).get(p.fields.number) ?? []);
  const count = Number(values.checklist_count) || 0;
  for (let i = 0; i <= count; i++) {
    const id = values[`checklist_${i}_id`];
    if (typeof id === 'string' && taken.has(id)) errors.push({ field: `checklist_${i}_id`, key: 'admin.content.error.duplicateId' });
    for (const s of list(values[`checklist_${i}_stations`])) {
      if (!positions.has(Number(s))) errors.push({ field: `checklist_${i}_stations`, key: 'form.error.choose' });
    }
  }
  return errors;
}

async function facetErrors(db: DB, values: FormValues, current: Item<'resource'> | undefined): Promise<FieldError[]> {
  const [vocabularies, packages] = await Promise.all([readVocabularies(db), repo.packageStations(db)]);
  const stations = [...packages].flatMap(([number, positions]) => positions.map((p) => `${number}-${p}`));
  const allowed: Record<(typeof FACETS)[number], Set<string>> = {
    stations: new Set(stations),
    themes: new Set(Object.keys(vocabularies.themes)),
    sectors: new Set(Object.keys(vocabularies.sectors)),
    countries: new Set([...countries, ...(current?.fields.countries ?? [])]),
    languages: new Set([...languageCodes, ...(current?.fields.languages ?? [])]),
  };
  const errors: FieldError[] = [];
  const type = values.type;
  if (typeof type !== 'string' || !Object.hasOwn(vocabularies.types, type)) errors.push({ field: 'type', key: 'form.error.choose' });
  for (const facet of FACETS) {
    if (list(values[facet]).some((v) => !allowed[facet].has(v))) errors.push({ field: facet, key: 'form.error.choose' });
  }
  return errors;
}
