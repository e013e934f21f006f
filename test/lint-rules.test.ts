import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// The lint step's structural rules bite: a misplaced query and an import circle each fail it.
// The ESLint check lints text as if it were a file at the given path, with the project's own
// configuration (type-aware rules off, since the text is not in the TypeScript project).

const eslint = new ESLint({ overrideConfig: [tseslint.configs.disableTypeChecked] });
const problems = async (path: string, code: string) => (await eslint.lintText(code, { filePath: path })).flatMap((r) => r.messages.map((m) => m.message));

describe('SQL only in repositories', () => {
  const query = "import type { DB } from '../../db/database.ts';\nexport const names = (db: DB) => db.selectFrom('users').select('name').execute();\n";
  const rawSql = "import { sql } from 'kysely';\nimport type { DB } from '../../db/database.ts';\nexport const one = (db: DB) => sql`select 1`.execute(db);\n";

  test('a query builder call outside a repository fails the lint', async () => {
    const found = await problems('src/modules/example/service.ts', query);
    assert.ok(
      found.some((m) => m.includes('SQL lives in repositories')),
      found.join('\n'),
    );
  });

  test('raw SQL outside a repository fails the lint, import and tag', async () => {
    const found = await problems('src/modules/example/routes.ts', rawSql);
    assert.ok(found.filter((m) => m.includes('SQL lives in repositories')).length >= 2, found.join('\n'));
  });

  test('the same code in a repository passes', async () => {
    assert.deepEqual(await problems('src/modules/example/repository.ts', query), []);
    assert.deepEqual(await problems('src/modules/example/repository/sqlite.ts', rawSql), []);
  });
});

describe('import rules', () => {
  const require = createRequire(import.meta.url);
  const config = require('../.dependency-cruiser.cjs') as IConfiguration;
  const dir = mkdtempSync(join(tmpdir(), 'intve-cruise-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, dirname(path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  };
  const violations = async (paths: string[]) => {
    const out = await cruise(paths, {
      ...config.options,
      validate: true,
      ruleSet: { forbidden: config.forbidden ?? [] },
      baseDir: dir,
      tsConfig: undefined,
      exclude: undefined,
    });
    return (out.output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  };

  test('a circle of type-only imports fails the lint', async () => {
    write({
      'src/modules/one/routes.ts': "import type { Two } from '../two/service.ts';\nexport type One = { two?: Two };\n",
      'src/modules/two/service.ts': "import type { One } from '../one/routes.ts';\nexport type Two = { one?: One };\n",
    });
    const found = await violations(['src/modules/one', 'src/modules/two']);
    assert.ok(
      found.some((v) => v.startsWith('no-circular')),
      found.join('\n'),
    );
  });

  test('a shared layer importing a feature fails the lint', async () => {
    write({
      'src/modules/three/service.ts': 'export const three = 3;\n',
      'src/http/helper.ts': "import { three } from '../modules/three/service.ts';\nexport const x = three;\n",
    });
    const found = await violations(['src/http']);
    assert.ok(
      found.some((v) => v.startsWith('shared-layers-stay-below-features')),
      found.join('\n'),
    );
  });

  test('one-way imports pass', async () => {
    write({
      'src/modules/four/routes.ts': "import { five } from './service.ts';\nexport const four = five;\n",
      'src/modules/four/service.ts': "import { helper } from '../../ui/helper.ts';\nexport const five = helper;\n",
      'src/ui/helper.ts': 'export const helper = 5;\n',
    });
    assert.deepEqual(await violations(['src/modules/four', 'src/ui']), []);
  });
});

describe('files stay small', () => {
  // ESLint's max-lines covers the code; the stylesheet's parts are held to the same 400 lines.
  test('every part of the stylesheet is under 400 lines', () => {
    const dir = new URL('../src/ui/styles/', import.meta.url);
    const long = readdirSync(dir)
      .filter((name) => name.endsWith('.css'))
      .map((name) => ({ name, lines: readFileSync(new URL(name, dir), 'utf8').split('\n').length }))
      .filter((f) => f.lines > 400);
    assert.deepEqual(long, [], 'split a long part of the stylesheet by what each piece styles');
  });
});
