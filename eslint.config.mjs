// Lint: typescript-eslint's recommended rules plus the dependency rule of DESIGN.md section 7, with messages that
// say where code belongs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = [
  'warehouse',
  'state',
  'ingest',
  'api',
  'cli',
  'transfer',
  'profiles',
  'demo',
  'analytics',
  'stats',
  'segments',
  'decisions',
  'personalization',
  'insights',
];
const io = [
  'node:fs',
  'node:fs/promises',
  'node:net',
  'node:http',
  'node:child_process',
  'chdb',
  'better-sqlite3',
  'kysely',
  'fastify',
];

const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        TextDecoder: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['packages/waymark/src/**/*.ts'],
    ignores: [
      'packages/waymark/src/api/**',
      'packages/waymark/src/cli/**',
      '**/*.test.ts',
      'packages/waymark/src/test-support/**',
    ],
    rules: restrict(
      ['**/api/*', '**/cli/*', '../api/**', '../cli/**'],
      'api/ and cli/ are composition roots: nothing imports from them. Move shared code to a library module.',
    ),
  },
  {
    files: ['packages/waymark/src/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [
        ...layers.map((l) => `../${l}/*`),
        ...layers.map((l) => `../../${l}/*`),
        '../engine.js',
        '../data-dir.js',
        ...io,
      ],
      'core/ is the event model and pure helpers: it imports nothing else of ours and does no I/O.',
    ),
  },
  {
    files: ['packages/waymark/src/demo/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [
        ...layers.filter((l) => l !== 'demo' && l !== 'decisions').map((l) => `../${l}/*`),
        '../engine.js',
        '../data-dir.js',
        ...io,
      ],
      'demo/ is a pure generator: it may import only core/ and decisions/. Loading the data belongs in transfer/ or cli/.',
    ),
  },
  {
    files: ['packages/waymark/src/stats/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [...layers.filter((l) => l !== 'stats').map((l) => `../${l}/*`), '../engine.js', '../data-dir.js', ...io],
      'stats/ is pure statistics checked against reference values: it may import only core/.',
    ),
  },
  {
    files: ['packages/waymark/src/decisions/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [...layers.filter((l) => l !== 'decisions').map((l) => `../${l}/*`), '../engine.js', '../data-dir.js', ...io],
      'decisions/ is pure and bundled into the SDKs: it may import only core/ and must do no I/O.',
    ),
  },
  {
    files: ['packages/sdk/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'packages/sdk/src/test-support/**'],
    rules: restrict(
      ['**/waymark/src/!(decisions)/**', '**/waymark/src/*.js', 'chdb', 'better-sqlite3', 'kysely', 'fastify'],
      'The SDKs bundle only the pure decision code (packages/waymark/src/decisions); nothing else of the server.',
    ),
  },
);
