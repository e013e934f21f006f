import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testDatabase, type TestDatabase } from '../../../../test/helpers/app.ts';
import { loadContent } from '../../../content/load.ts';
import { createSearch } from '../../search/index.ts';
import { translationLangs } from '../../../i18n/languages.ts';
import { indicatorsOf } from './document.ts';
import { readFrameworks } from './files.ts';
import { FrameworkError } from './format.ts';
import { loadFrameworks } from './load.ts';
import { currentVersion, latestVersion, publishVersion, versionById } from './repository.ts';

// The self-assessment framework is data: files under content/frameworks/ become versioned
// documents; a change publishes a new version and leaves the old one as it was.

const english = (statement = 'Our centre plans placements with its partner companies.') => `slug: test-framework
title: "A test framework"
description: "For the tests."
dimensions:
  - id: teaching-learning
    title: "Teaching and learning"
    description: "How training happens."
    criteria:
      - id: work-based-learning
        title: "Work-based learning"
        description: "Learning at work."
        indicators:
          - id: placements-planned
            statement: "${statement}"
            explanation: "Placements follow a plan. For example, dates agreed a year ahead."
            groups: [leaders, teachers, companies]
            core: true
            stations: [package-1-station-3]
            actions: [package-1-station-3/1/1]
            resources: [selfie-for-work-based-learning]
          - id: mentors-trained
            statement: "In-company mentors get training from the centre."
            explanation: "Mentors learn how to guide learners. For example, a half-day workshop."
            groups: [companies, teachers]
`;
const french = `title: "Un cadre de test"
indicators:
  placements-planned: { statement: "Notre centre planifie les stages avec ses entreprises partenaires." }
`;

describe('frameworks from files', () => {
  let t: TestDatabase;
  let dir: string;
  const write = (name: string, text: string) => writeFileSync(join(dir, 'frameworks', name), text);
  before(async () => {
    t = await testDatabase();
    await loadContent(t.database, createSearch(t.database), 'content', { warn: () => undefined });
    dir = mkdtempSync(join(tmpdir(), 'intve-frameworks-'));
    mkdirSync(join(dir, 'frameworks'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  test('the files become version 1, every language merged, untranslated texts in English only', async () => {
    write('test-framework.en.yml', english());
    write('test-framework.fr.yml', french);
    assert.deepEqual(await loadFrameworks(t.database, dir), { published: ['test-framework'], unchanged: 0, skipped: [] });
    const v1 = (await currentVersion(t.database.db, 'test-framework'))!;
    assert.equal(v1.version, 1);
    const [placements, mentors] = indicatorsOf(v1.document);
    assert.deepEqual(placements!.statement, {
      en: 'Our centre plans placements with its partner companies.',
      fr: 'Notre centre planifie les stages avec ses entreprises partenaires.',
    });
    assert.deepEqual(mentors!.statement, { en: 'In-company mentors get training from the centre.' });
    assert.equal(mentors!.core, false);
    assert.deepEqual(v1.document.title, { en: 'A test framework', fr: 'Un cadre de test' });
  });

  test('loading the same files again publishes nothing', async () => {
    assert.deepEqual(await loadFrameworks(t.database, dir), { published: [], unchanged: 1, skipped: [] });
  });

  test('a change publishes version 2; version 1 stays as it was for the rounds that use it', async () => {
    const v1 = (await currentVersion(t.database.db, 'test-framework'))!;
    write('test-framework.en.yml', english('Our centre and its partner companies plan every placement together.'));
    await loadFrameworks(t.database, dir);
    const v2 = (await currentVersion(t.database.db, 'test-framework'))!;
    assert.equal(v2.version, 2);
    assert.equal(indicatorsOf(v2.document)[0]!.statement.en, 'Our centre and its partner companies plan every placement together.');
    assert.equal(indicatorsOf((await versionById(t.database.db, v1.id))!.document)[0]!.statement.en, 'Our centre plans placements with its partner companies.');
  });

  test('once editors made a version, start-up leaves the framework alone', async () => {
    const current = (await currentVersion(t.database.db, 'test-framework'))!;
    await publishVersion(t.database.db, current.document, null, null);
    write('test-framework.en.yml', english('A third wording from the files.'));
    const warnings: string[] = [];
    const result = await loadFrameworks(t.database, dir, { warn: (m) => warnings.push(m) });
    assert.deepEqual(result.skipped, ['test-framework']);
    assert.match(warnings[0]!, /editors have changed it in the back office/);
    assert.equal((await latestVersion(t.database.db, 'test-framework'))!.version, 3);
  });

  test('wrong files are refused with the file and the field', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'intve-frameworks-bad-'));
    mkdirSync(join(bad, 'frameworks'));
    const attempt = async (files: Record<string, string>) => {
      rmSync(join(bad, 'frameworks'), { recursive: true });
      mkdirSync(join(bad, 'frameworks'));
      // Another slug: the test framework is owned by the back office by now, and would be skipped before its links are checked.
      for (const [name, text] of Object.entries(files))
        writeFileSync(join(bad, 'frameworks', name.replace('test-framework', 'bad-framework')), text.replace('slug: test-framework', 'slug: bad-framework'));
      return loadFrameworks(t.database, bad);
    };
    try {
      await assert.rejects(
        attempt({ 'test-framework.en.yml': english().replace('groups: [leaders, teachers, companies]', 'groups: [parents]') }),
        (e: Error) => e instanceof FrameworkError && /bad-framework\.en\.yml: dimensions\.0\.criteria\.0\.indicators\.0\.groups\.0/.test(e.message),
      );
      await assert.rejects(
        attempt({ 'test-framework.en.yml': english().replace('id: mentors-trained', 'id: placements-planned') }),
        /id "placements-planned" is used twice/,
      );
      await assert.rejects(
        attempt({ 'test-framework.en.yml': english().replace('package-1-station-3/1/1', 'package-1-station-3/9/1') }),
        /indicator "placements-planned": action "package-1-station-3\/9\/1" does not exist/,
      );
      await assert.rejects(
        attempt({ 'test-framework.en.yml': english().replace('[selfie-for-work-based-learning]', '[no-such-resource]') }),
        /resource "no-such-resource" does not exist/,
      );
      await assert.rejects(
        attempt({ 'test-framework.en.yml': english(), 'test-framework.fr.yml': 'indicators:\n  unknown-one: { statement: "x" }\n' }),
        /bad-framework\.fr\.yml: indicators\.unknown-one: there is no such id/,
      );
      await assert.rejects(attempt({ 'test-framework.fr.yml': french }), /a translation has no English file/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  test('the default framework in content/ is complete and every link in it exists', async () => {
    const sources = await readFrameworks('content');
    if (sources.length === 0) return; // written in a later commit
    const result = await loadFrameworks(t.database, 'content');
    assert.ok(result.published.includes('vocational-excellence'));
    const doc = (await currentVersion(t.database.db, 'vocational-excellence'))!.document;
    const indicators = indicatorsOf(doc);
    const criteria = doc.dimensions.flatMap((d) => d.criteria);
    assert.deepEqual(
      doc.dimensions.map((d) => d.id),
      ['teaching-learning', 'cooperation-partnerships', 'governance-funding'],
    );
    assert.ok(criteria.length >= 18 && criteria.length <= 22, `${criteria.length} criteria`);
    assert.ok(indicators.length >= 110 && indicators.length <= 130, `${indicators.length} indicators`);
    const core = indicators.filter((i) => i.core).length;
    assert.ok(core >= 25 && core <= 35, `${core} core indicators`);
    for (const c of criteria)
      assert.ok(
        c.indicators.some((i) => i.core),
        `criterion ${c.id} has a core indicator`,
      );
    for (const lang of translationLangs) {
      assert.ok(doc.title[lang] && doc.description[lang], `the framework's title and description are in ${lang}`);
      for (const d of doc.dimensions) assert.ok(d.title[lang] && d.description[lang], `dimension ${d.id} is translated into ${lang}`);
      for (const c of criteria) assert.ok(c.title[lang] && c.description[lang], `criterion ${c.id} is translated into ${lang}`);
      for (const i of indicators) assert.ok(i.statement[lang] && i.explanation[lang], `indicator ${i.id} is translated into ${lang}`);
    }
  });
});
