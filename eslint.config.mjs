import nx from '@nx/eslint-plugin';

const typeRules = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:types'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:types', 'type:data-access'] },
  // Server features ask each other through their public index (the route asks signing to accept a
  // signature; exchange asks the route to create an incoming copy); Nx refuses cycles. A web
  // feature never imports another one: each is its own lazily loaded page.
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:types'] },
  { allSourceTags: ['scope:web', 'type:feature'], notDependOnLibsWithTags: ['type:feature'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util', 'type:types'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:types'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:types'] },
  { sourceTag: 'type:types', onlyDependOnLibsWithTags: ['type:types'] },
];

const scopeRules = [
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // libs/pdf-signing can be published alone: nothing of ours, no framework.
  {
    sourceTag: 'lib:pdf-signing',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: ['@nestjs/*', '@angular/*', 'typeorm', 'bullmq'],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  // Angular rules for the web app's code and templates only.
  ...nx.configs['flat/angular'].map((config) => ({ ...config, files: ['apps/web/**/*.ts', 'libs/web/**/*.ts'] })),
  ...nx.configs['flat/angular-template'],
  {
    files: ['apps/web/**/*.ts', 'libs/web/**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'vt', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'vt', style: 'kebab-case' }],
    },
  },
  {
    ignores: ['**/dist', '**/node_modules', '**/.angular', '**/tmp', '.data', 'coverage', 'test-results', 'playwright-report', '.nx'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [...typeRules, ...scopeRules],
        },
      ],
    },
  },
  // The library's own tests may use the development PKI.
  {
    files: ['libs/pdf-signing/**/*.spec.ts', 'libs/pdf-signing/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            ...typeRules,
            ...scopeRules.map((rule) => (rule.sourceTag === 'lib:pdf-signing' ? { ...rule, onlyDependOnLibsWithTags: ['lib:dev-pki'] } : rule)),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'e2e/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
