// Import rules for src/, checked by `npm run lint` (dependency-cruiser). Type-only imports count:
// a circle of types is still a circle a newcomer has to untangle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circle anywhere, type-only imports included. Move what both sides need into a module of its own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-layers-stay-below-features',
      severity: 'error',
      comment: 'http/, ui/, db/, i18n/, pdf/ and platform/ serve every feature, so they never import one (features are handed to them instead).',
      from: { path: '^src/(http|ui|db|i18n|pdf|platform)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(modules|content)/|^src/(app|server)\\.ts$' },
    },
    {
      name: 'nothing-imports-the-app',
      severity: 'error',
      comment: 'app.ts wires the features together; features get what they need passed in (http/app-context.ts).',
      from: { path: '^src/', pathNot: '^src/server\\.ts$' },
      to: { path: '^src/app\\.ts$' },
    },
    {
      name: 'no-tests-in-production-code',
      severity: 'error',
      comment: 'Code that runs in production never imports tests or their helpers.',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^test/|\\.test\\.ts$' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|data|bench/results)/' },
  },
};
