// ESLint flat config: typescript-eslint's recommended rules, plus the two architecture rules the
// house style states and a tool can hold: imports run one way through the layers, and no import
// cycle anywhere in src/ (a cycle between two modules is a layer that does not exist).
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Layers, top to bottom. A file may import its own layer and the ones below it, never one above.
//   entry (src/main.ts, src/app.ts) → http, cli → graphql, db → modules → common
const entry = ['./src/main.ts', './src/app.ts'];
const layerZones = [
  {
    target: './src/common',
    from: ['./src/modules', './src/graphql', './src/db', './src/http', './src/cli', ...entry],
    message: 'src/common is the kit beneath the modules: it imports no module, assembly, route or command.',
  },
  {
    target: './src/modules',
    from: ['./src/graphql', './src/db', './src/http', './src/cli', ...entry],
    message: 'A module imports only other modules and src/common, never the assembly (graphql, db) or what sits above it.',
  },
  {
    target: ['./src/graphql', './src/db'],
    from: ['./src/http', './src/cli', ...entry],
    message: 'The assembly (graphql, db) is used by http and cli, never the reverse.',
  },
  {
    target: ['./src/http', './src/cli'],
    from: entry,
    message: 'Routes and commands do not import the entry points.',
  },
  {
    target: './src/http',
    from: './src/cli',
    message: 'The HTTP server does not import the command line programs.',
  },
];

// Modules, bottom to top. A module may import the modules listed before it, never one after it, so
// no two modules can import each other. A link between two types (Park.enterprises,
// Enterprise.parks) is resolved in the module of the higher one (see *-links.resolver.ts).
const moduleOrder = [
  'sector',
  'chain-node',
  'district',
  'park',
  'compute-center',
  'enterprise',
  'institution',
  'platform',
  'scenario',
  'large-model',
  'national-task',
  'lead',
  'voucher-program',
  'voucher-grant',
  'designation',
  'firm-figure',
  'data-product',
  'api-key',
  'audit',
  'plan',
  'change-feed',
  'webhook',
  'analytics',
  'matching',
  'search',
  'node',
  'graph',
];
// A module folder missing from the order would escape the rule: name it here first.
// (Files beside the folders, such as entity-types.ts, the list of entity types, are assembly: the
// cycle rule holds them.)
const unplaced = fs
  .readdirSync(path.join(import.meta.dirname, 'src/modules'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !moduleOrder.includes(entry.name))
  .map((entry) => entry.name);
if (unplaced.length) throw new Error(`eslint.config.mjs: add ${unplaced.join(', ')} to moduleOrder`);
const moduleZones = moduleOrder.slice(0, -1).map((name, i) => ({
  target: `./src/modules/${name}`,
  from: moduleOrder.slice(i + 1).map((above) => `./src/modules/${above}`),
  message: `src/modules/${name} sits below ${moduleOrder.slice(i + 1).join(', ')} (the module order in eslint.config.mjs): resolve the link in the higher module, or move the shared type down to src/common.`,
}));

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'scratch/**',
      'test/generated/**',
      'test/clients/gql/**',
      'test/clients/out/**',
      'test/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json', '.node'] })],
    },
    rules: {
      // Unused arguments named with a leading underscore are placeholders (Express's (req, res, next)).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // A function that needs more than this takes one options object: positional calls stop being readable.
      'max-params': ['error', 5],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...moduleZones] }],
      // Type-only imports count too: a cycle of types is still two modules that cannot be read apart.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
    },
  },
  {
    // A resolver method's parameters are named GraphQL arguments (root, args, filter, orderBy, context,
    // info) that type-graphql fills by their decorators; nobody calls them by position.
    files: ['src/modules/**/*.resolver.ts'],
    rules: { 'max-params': 'off' },
  },
  {
    // Tests read untyped JSON (GraphQL answers, seed files) and check its shape with expect().
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Node scripts in CommonJS (the web build, the jest config and helpers).
    files: ['**/*.{js,cjs}'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
