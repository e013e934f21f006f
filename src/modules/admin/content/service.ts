import type { DB } from '../../../db/database.ts';
import { readItem, type StoredItem } from '../../../content/items.ts';
import { writeItem } from '../../../content/load.ts';
import type { Item } from '../../../content/pack.ts';
import { addBaseline, addRevision, hasRevisions, revision, revisionsOf } from '../../../content/repository/revisions.ts';
import type { FieldError } from '../../../http/forms.ts';
import type { User } from '../../accounts/repository.ts';
import { slugify } from '../../centres/service.ts';
import type { SearchProvider } from '../../search/index.ts';
import { audit } from '../repository.ts';
import { isEditor } from '../../accounts/roles.ts';
import { itemFrom, type Built } from './form.ts';
import type { EditableKind, FormValues, KindSpec } from './kinds.ts';
import * as repo from './repository.ts';
import { changes, translationStatus, type Snapshot, type TranslationStatus } from './revisions.ts';
import { ruleErrors } from './rules.ts';

// Editing every kind of content. Every change checks access first, writes through the same code
// as the content loader and import (`writeItem`), keeps a revision (the item in the pack format,
// with its state), writes the audit log, reindexes search and bumps the content version so every
// instance's caches follow.

export type Outcome = 'done' | 'missing' | 'forbidden' | { errors: FieldError[] };

const titleOf = (item: Item) => {
  const f = item.fields as { title?: string; slug?: string };
  return f.title ?? f.slug ?? item.key;
};
const slugOf = (item: Item) => (item.fields as { slug: string }).slug;
/** One message per field: the first one given. */
const firstPerField = (errors: FieldError[]) => errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);

/** `removeAttachments` deletes an item's files with it (files module). */
export function contentEditor(db: DB, search: SearchProvider, contentChanged: () => Promise<void>, removeAttachments: (kind: EditableKind, id: number) => Promise<void> = () => Promise.resolve()) {
  /** Writes the item, reindexes it (drafts leave the index), and reads it back. */
  async function store(item: Item, published: boolean): Promise<StoredItem> {
    const docs = await db.transaction().execute((trx) => writeItem(trx, item, published));
    await search.remove([`${item.kind}:${slugOf(item)}:`]);
    if (published) await search.index(docs);
    if (item.kind === 'package') await reindexChildren((item as Item<'package'>).fields.number, published);
    return (await readItem(db, item.kind, slugOf(item)))!;
  }

  /** A package's stations and case studies are searchable only while it is published too. */
  async function reindexChildren(packageNumber: number, packagePublished: boolean): Promise<void> {
    for (const child of await repo.childrenOf(db, packageNumber)) {
      const stored = await readItem(db, child.kind, child.slug);
      if (!stored) continue;
      // Writing an unchanged item again changes nothing but gives its search documents.
      const docs = await db.transaction().execute((trx) => writeItem(trx, stored.item, stored.published));
      await search.remove([`${child.kind}:${child.slug}:`]);
      if (packagePublished && stored.published) await search.index(docs);
    }
  }

  /**
   * Before an item's first change in the back office, its current state (from the content files or
   * an import) becomes its first revision, so the history starts there and can return to it.
   */
  async function baseline(stored: StoredItem): Promise<void> {
    if (await hasRevisions(db, stored.item.kind, stored.id)) return;
    await addBaseline(db, stored.item.kind, stored.id, { item: stored.item, published: stored.published } satisfies Snapshot);
  }

  async function after(actor: User, spec: KindSpec, stored: StoredItem, note: string): Promise<void> {
    await addRevision(db, stored.item.kind, stored.id, actor, note, { item: stored.item, published: stored.published } satisfies Snapshot);
    await logged(actor, spec, note, stored.item);
    await contentChanged();
  }

  const logged = (actor: User, spec: KindSpec, note: string, item: Item) =>
    spec.audit === 'resource' ? audit(db, actor, `resource.${note}`, titleOf(item)) : audit(db, actor, `content.${note}`, titleOf(item), { kind: spec.kind });

  /**
   * Everything wrong with a form: what placed the item (`first`), the database's rules, then the
   * schemas'. A package's rules read its checklist, so they wait until the rest is right.
   */
  async function problems(spec: KindSpec, built: Built, values: FormValues, current: StoredItem | null, first: FieldError[] = []): Promise<FieldError[]> {
    const waits = spec.kind === 'package' && (first.length > 0 || built.errors.length > 0);
    const rules = waits ? [] : await ruleErrors(db, spec, built.item, values, current);
    return firstPerField([...first, ...rules, ...built.errors]);
  }

  async function uniqueSlug(kind: EditableKind, title: string): Promise<string> {
    const base = slugify(title) || kind;
    let slug = base;
    // "new" is the address of the form for a new item; numbers were resources' addresses once.
    for (let n = 2; slug === 'new' || /^\d+$/.test(slug) || (await readItem(db, kind, slug)); n++) slug = `${base}-${n}`;
    return slug;
  }

  return {
    /** The kind's items, drafts included, with each language's state; at most 200, those whose English title has `q` when given. */
    async list(actor: User, spec: KindSpec, q: string) {
      if (!isEditor(actor)) return null;
      const rows = await repo.listForEditing(db, spec.kind, q, 200);
      const times = await repo.translationTimes(db, spec.kind, rows.map((r) => r.id));
      return rows.map((r) => ({ ...r, status: translationStatus(times.filter((t) => t.id === r.id)) }));
    },

    async status(spec: KindSpec, stored: StoredItem): Promise<Record<string, TranslationStatus>> {
      return translationStatus(await repo.translationTimes(db, spec.kind, [stored.id]));
    },

    get: (actor: User, spec: KindSpec, slug: string) => (isEditor(actor) ? readItem(db, spec.kind, slug) : Promise.resolve(null)),

    /** The slug of the resource an old address names by number, unless a resource has that number as its slug. */
    async movedResource(actor: User, key: string): Promise<string | null> {
      if (!isEditor(actor) || !/^\d{1,9}$/.test(key) || (await readItem(db, 'resource', key))) return null;
      return (await repo.resourceSlug(db, Number(key))) ?? null;
    },

    /** Sensible starting values for a new item's kind-specific fields. */
    async newValues(spec: KindSpec): Promise<FormValues> {
      if (spec.kind === 'spotlight') return { position: String(await repo.nextSpotlightPosition(db)) };
      if (spec.kind === 'package') return { number: String(Math.max(0, ...(await repo.packageStations(db)).keys()) + 1), checklist_count: '0' };
      return {};
    },

    /** A new item starts as a draft. Returns its slug, or the form's problems. */
    async create(actor: User, spec: KindSpec, values: FormValues): Promise<{ slug: string } | { errors: FieldError[] } | 'forbidden'> {
      if (!isEditor(actor) || !spec.creatable) return 'forbidden';
      const title = typeof values.title_en === 'string' ? values.title_en : '';
      const slug = await uniqueSlug(spec.kind, title);
      const errors: FieldError[] = [];
      let identity: Record<string, unknown> = { slug };
      let key = `${spec.path}/${slug}`;
      if (spec.kind === 'package') {
        const number = Number(values.number);
        if (!/^\d{1,2}$/.test(String(values.number ?? '')) || number < 1) errors.push({ field: 'number', key: 'form.error.invalid' });
        else if (await repo.packageNumberTaken(db, number)) errors.push({ field: 'number', key: 'admin.content.error.numberTaken' });
        identity = { slug, number };
        key = `packages/package-${number}`;
      } else if (spec.kind === 'station') {
        const number = Number(values.package);
        const position = Number.isInteger(number) && number > 0 ? await repo.nextStationPosition(db, number) : null;
        if (position === null) errors.push({ field: 'package', key: 'form.error.choose' });
        identity = { slug, package: number, position: position ?? 1 };
        key = `stations/package-${number}-station-${position ?? 1}`;
      }
      const built = itemFrom(spec, values, identity, key);
      const all = await problems(spec, built, values, null, errors);
      if (all.length) return { errors: all };
      const stored = await store(built.item, false);
      await after(actor, spec, stored, 'created');
      return { slug };
    },

    async save(actor: User, spec: KindSpec, slug: string, values: FormValues): Promise<Outcome> {
      if (!isEditor(actor)) return 'forbidden';
      const current = await readItem(db, spec.kind, slug);
      if (!current) return 'missing';
      const f = current.item.fields as Record<string, unknown>;
      const identity: Record<string, unknown> = { slug };
      if (spec.kind === 'package') identity.number = f.number;
      if (spec.kind === 'station') Object.assign(identity, { package: f.package, position: f.position });
      // The form has no place for the packages a resource names besides its stations' (the pack has).
      if (spec.kind === 'resource') identity.packages = f.packages;
      const built = itemFrom(spec, values, identity, current.item.key);
      const errors = await problems(spec, built, values, current);
      if (errors.length) return { errors };
      await baseline(current);
      const stored = await store(built.item, current.published);
      await after(actor, spec, stored, 'saved');
      return 'done';
    },

    async publish(actor: User, spec: KindSpec, slug: string, published: boolean): Promise<Outcome> {
      if (!isEditor(actor)) return 'forbidden';
      const current = await readItem(db, spec.kind, slug);
      if (!current) return 'missing';
      await baseline(current);
      const stored = await store(current.item, published);
      await after(actor, spec, stored, published ? 'published' : 'unpublished');
      return 'done';
    },

    /** Deletes an item, unless others depend on it: a package with stations or case studies, a station its checklist names. */
    async remove(actor: User, spec: KindSpec, slug: string): Promise<Outcome> {
      if (!isEditor(actor) || !spec.creatable) return 'forbidden';
      const current = await readItem(db, spec.kind, slug);
      if (!current) return 'missing';
      if (spec.kind === 'package' && (await repo.hasStationsOrCaseStudies(db, current.id))) return { errors: [{ field: 'form', key: 'admin.content.error.packageNotEmpty' }] };
      if (spec.kind === 'station') {
        const { fields } = current.item as Item<'station'>;
        if (await repo.checklistNamesStation(db, fields.package, fields.position)) return { errors: [{ field: 'form', key: 'admin.content.error.stationInChecklist' }] };
      }
      await search.remove([`${spec.kind}:${slug}:`]);
      await repo.deleteItem(db, spec.kind, current.id);
      await removeAttachments(spec.kind, current.id);
      await logged(actor, spec, 'deleted', current.item);
      await contentChanged();
      return 'done';
    },

    /** Revisions, newest first, each with what it changed compared with the one before. */
    async revisions(actor: User, spec: KindSpec, id: number) {
      if (!isEditor(actor)) return null;
      const rows = await revisionsOf(db, spec.kind, id);
      const snaps = rows.map((r) => JSON.parse(r.snapshot) as Snapshot);
      return rows.map((r, i) => ({ id: r.id, at: r.at, actor: r.actor_name, note: r.note, changes: changes(spec, snaps[i + 1] ?? null, snaps[i]!) }));
    },

    async restore(actor: User, spec: KindSpec, slug: string, revisionId: number): Promise<Outcome> {
      if (!isEditor(actor)) return 'forbidden';
      const current = await readItem(db, spec.kind, slug);
      const rev = await revision(db, revisionId);
      if (!current || !rev || rev.kind !== spec.kind || rev.item_id !== current.id) return 'missing';
      const snap = JSON.parse(rev.snapshot) as Snapshot;
      // The item keeps its place (slug, package, position): a revision restores its content and state.
      const item = { ...snap.item, key: current.item.key, fields: { ...snap.item.fields, ...identityOf(current.item) } } as Item;
      const stored = await store(item, snap.published);
      await after(actor, spec, stored, 'restored');
      return 'done';
    },
  };
}

function identityOf(item: Item): Record<string, unknown> {
  const f = item.fields as Record<string, unknown>;
  return Object.fromEntries(['slug', 'number', 'package', 'position'].filter((k) => k in f && (k !== 'package' || item.kind === 'station')).map((k) => [k, f[k]]));
}

export type ContentEditor = ReturnType<typeof contentEditor>;
