import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signIn, user } from '../../../../test/factories/index.ts';
import type { Agent } from '../../../../test/helpers/agent.ts';
import { testApp, testDatabase, type TestApp, type TestDatabase } from '../../../../test/helpers/app.ts';
import { readItem } from '../../../content/items.ts';
import { loadContent } from '../../../content/load.ts';
import { resourceStations } from '../../../content/repository/reads.ts';
import { upsertResource, type ResourceInput } from '../../../content/repository/writes.ts';
import type { DB } from '../../../db/database.ts';
import { up as migration0011 } from '../../../db/migrations/0011_resource_revisions.ts';
import { findUserById, type User } from '../../accounts/repository.ts';
import { createSearch } from '../../search/index.ts';

// A platform whose resource revisions were kept in the resource editor's own snapshot format,
// before there was one editor: migration 0011 brings them into the one format, and the revisions
// page then compares and restores them like any other kind's.

let db: TestDatabase;
let t: TestApp;
let editor: Agent;
let eva: User;
let oldRows: { id: number; snapshot: string }[];

/** The resource editor's snapshot of a resource, as it read it before migration 0011. */
async function oldSnapshot(d: DB, id: number) {
  const r = (await d.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst())!;
  const [translations, themes, sectors, countries, languages, stations] = await Promise.all([
    d.selectFrom('resource_translations').selectAll().where('resource_id', '=', id).orderBy('lang').execute(),
    d.selectFrom('resource_themes').select('theme as v').where('resource_id', '=', id).orderBy('theme').execute(),
    d.selectFrom('resource_sectors').select('sector as v').where('resource_id', '=', id).orderBy('sector').execute(),
    d.selectFrom('resource_countries').select('country as v').where('resource_id', '=', id).orderBy('country').execute(),
    d.selectFrom('resource_languages').select('language as v').where('resource_id', '=', id).orderBy('language').execute(),
    resourceStations(d, id),
  ]);
  const v = (rows: { v: string }[]) => rows.map((x) => x.v);
  return {
    slug: r.slug,
    type: r.type,
    source: r.source,
    link: r.link,
    year: r.year,
    published: r.published === 1,
    translations: translations.map((x) => ({ lang: x.lang, title: x.title, description: x.description, updatedAt: x.updated_at })),
    themes: v(themes),
    sectors: v(sectors),
    countries: v(countries),
    languages: v(languages),
    stations: stations.map((s) => `${s.number}-${s.position}`),
  };
}

/** A save in the old resource editor: the resource written, then its snapshot kept as a revision. */
async function oldSave(input: ResourceInput, note: string): Promise<void> {
  const id = await upsertResource(db.database.db, input);
  await db.database.db
    .insertInto('revisions')
    .values({ kind: 'resource', item_id: id, at: new Date().toISOString(), actor_id: eva.id, actor_name: eva.name, note, snapshot: JSON.stringify(await oldSnapshot(db.database.db, id)) })
    .execute();
}

const digcomp = (title: string, description: string, over: Partial<ResourceInput> = {}): ResourceInput => ({
  slug: 'digcomp',
  type: 'guideline',
  source: 'European Commission',
  link: null,
  year: 2022,
  translations: [
    { lang: 'en', title, description },
    { lang: 'fr', title: 'Cadre DigComp', description: null },
  ],
  themes: ['teaching-learning', 'digital-transition'],
  sectors: [],
  countries: [],
  languages: ['en', 'fr'],
  stations: [{ packageNumber: 2, position: 2 }, { packageNumber: 1, position: 2 }],
  packages: [],
  ...over,
});

before(async () => {
  db = await testDatabase();
  await loadContent(db.database, createSearch(db.database), 'content');
  const record = await user(db, { email: 'eva@old.example', name: 'Eva Editor', role: 'editor' });
  eva = (await findUserById(db.database.db, record.id))!;
  await oldSave(digcomp('DigComp 2.1', 'The framework for the digital competence of citizens.'), 'saved');
  await oldSave(digcomp('DigComp 2.2', 'The European framework for the digital competence of every citizen.', { published: false, link: 'https://example.org/digcomp' }), 'unpublished');
  oldRows = await db.database.db.selectFrom('revisions').select(['id', 'snapshot']).where('kind', '=', 'resource').orderBy('id').execute();
  await migration0011(db.database.db, db.database.dialect);
  t = await testApp({ database: db });
  editor = await signIn(t, record);
});
after(() => t.close());

describe('resource revisions kept before there was one editor', () => {
  test('the migration turns each into the item as the content pack reads it, and leaves the new ones alone', async () => {
    const rows = await db.database.db.selectFrom('revisions').select(['id', 'snapshot']).where('kind', '=', 'resource').orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.id), oldRows.map((r) => r.id));
    const now = (await readItem(db.database.db, 'resource', 'digcomp'))!;
    assert.deepEqual(JSON.parse(rows[1]!.snapshot), { item: now.item, published: false }, 'the latest is exactly the resource as it is');
    const first = JSON.parse(rows[0]!.snapshot) as { item: typeof now.item; published: boolean };
    assert.deepEqual([first.item.fields.title, first.item.fields.stations, first.item.translations.fr, first.published], ['DigComp 2.1', ['package-1-station-2', 'package-2-station-2'], { fields: { title: 'Cadre DigComp' }, body: '' }, true]);
    await migration0011(db.database.db, db.database.dialect);
    const again = await db.database.db.selectFrom('revisions').select(['id', 'snapshot']).where('kind', '=', 'resource').orderBy('id').execute();
    assert.deepEqual(again, rows, 'running it again changes nothing');
  });

  test('the revisions page shows what each changed, word by word', async () => {
    const page = await editor.get('/en/admin/resources/digcomp/revisions');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Unpublished by Eva Editor/);
    assert.match(page.body, /Saved by Eva Editor/);
    const [newest, oldest] = [...page.body.matchAll(/<dl class="facts">(.*?)<\/dl>/gs)].map((m) => m[1]!);
    assert.match(newest!, /<dt>title_en<\/dt><dd class="diff">DigComp 2\.<del>1<\/del><ins>2<\/ins><\/dd>/);
    assert.match(newest!, /<dt>description_en<\/dt><dd class="diff">The <ins>European <\/ins>framework for the digital competence of <del>citizens<\/del><ins>every citizen<\/ins>\.<\/dd>/);
    assert.match(newest!, /<dt>link<\/dt><dd class="diff"><ins>https:\/\/example\.org\/digcomp<\/ins><\/dd>/);
    assert.match(newest!, /<dt>published<\/dt><dd class="diff"><del>yes<\/del><ins>no<\/ins><\/dd>/);
    assert.doesNotMatch(newest!, /<dt>(title_fr|stations|themes|languages)<\/dt>/, 'what did not change is not listed');
    assert.match(oldest!, /<dt>stations<\/dt><dd class="diff"><ins>1-2, 2-2<\/ins><\/dd>/, 'stations read as the form names them');
    assert.match(oldest!, /<dt>title_fr<\/dt><dd class="diff"><ins>Cadre DigComp<\/ins><\/dd>/);
  });

  test('an old revision is restored, text, link and state', async () => {
    const page = await editor.get('/en/admin/resources/digcomp/revisions');
    const ids = [...page.body.matchAll(/revisions\/(\d+)\/restore/g)].map((m) => Number(m[1]));
    assert.deepEqual(ids, [oldRows[0]!.id], 'the newest is the resource as it is');
    const res = await editor.post(`/en/admin/resources/digcomp/revisions/${ids[0]!}/restore`, {}, '/en/admin/resources/digcomp/revisions');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/en/admin/resources/digcomp?done=restored');
    const restored = (await readItem(t.database.db, 'resource', 'digcomp'))!;
    assert.deepEqual([restored.item.fields.title, restored.item.fields.link, restored.item.body, restored.published], ['DigComp 2.1', undefined, 'The framework for the digital competence of citizens.', true]);
    assert.match((await t.get('/en/library/digcomp')).body, /<h1[^>]*>DigComp 2\.1<\/h1>/);
    assert.match((await t.get('/fr/library/digcomp')).body, /<h1[^>]*>Cadre DigComp<\/h1>/);
  });
});
