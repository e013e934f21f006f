import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// SQL lives in repositories only (and in src/db: connections, migrations, the schema). A query
// anywhere else fails the lint with this message; test/sql-rule.test.ts proves the rule bites.
const SQL_HOME = 'SQL lives in repositories: move this query into the feature\'s repository.ts (docs/ARCHITECTURE.md, "Where SQL lives").';
export const sqlOutsideRepositories = {
  'no-restricted-syntax': [
    'error',
    {
      selector: 'CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)$/]',
      message: SQL_HOME,
    },
    { selector: "TaggedTemplateExpression[tag.name='sql']", message: SQL_HOME },
    { selector: "MemberExpression[object.name='sql']", message: SQL_HOME },
    { selector: "MemberExpression[property.name='schema'][parent.type='MemberExpression']", message: SQL_HOME },
  ],
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'kysely', importNames: ['sql'], message: SQL_HOME },
        { name: 'better-sqlite3', message: 'Only src/db opens database connections.' },
        { name: 'pg', message: 'Only src/db opens database connections.' },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'bench/results/', 'bench/tmp/', 'shots/', '.dependency-cruiser.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // node:test's describe/test return promises the runner tracks itself.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['**/repository.ts', '**/repository/*.ts', 'src/db/**', '**/*.test.ts'],
    rules: sqlOutsideRepositories,
  },
  {
    // Past a few hundred lines a file holds more than one idea: split it by what each part does.
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/ui/assets/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
