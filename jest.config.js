/**
 * Unit tests (`*.spec.ts` beside the code) and end-to-end tests (test/e2e) in one run.
 * The end-to-end tests start the real server on a real database: the embedded PGlite by
 * default, PostgreSQL when DATABASE_URL is set. Each test file gets its own database, copied from a
 * template that the global setup migrates and seeds once per run (test/helpers/test-databases.ts).
 */
// Cutting a database connection mid-flight and PostgreSQL's statement_timeout need a real
// PostgreSQL server: those tests belong to the PostgreSQL pass (DATABASE_URL set), so the
// embedded pass needs no database server at all.
const postgresOnly = ['/test/e2e/postgres-resilience.e2e.test.ts', '/test/e2e/read-replicas.e2e.test.ts', '/test/e2e/workers.e2e.test.ts'];

module.exports = {
  testPathIgnorePatterns: process.env.DATABASE_URL ? ['/node_modules/'] : ['/node_modules/', ...postgresOnly],
  // Jest's node environment, whose workers end without Node's slow teardown of a large process
  // (test/helpers/test-environment.js explains the "failed to exit gracefully" warning).
  testEnvironment: '<rootDir>/test/helpers/test-environment.js',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  testTimeout: 120000,
  maxWorkers: 2,
  setupFiles: ['reflect-metadata'],
  // The sequencer records which files were selected; the global setup builds dist/ and seeds the
  // run's template database only when those files need them, and the teardown drops the template.
  testSequencer: '<rootDir>/test/helpers/test-sequencer.js',
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
};
