import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/common/config';
import { bootstrapDatabase } from '../../src/db/bootstrap';
import { openDatabase } from '../../src/db/database';
import { openPglite } from '../../src/db/pglite';

/**
 * Migrates and seeds the database that DATABASE_URL or DATA_DIR names, as the server's first start
 * does (src/app.ts), and exits; for DATA_DIR, first keeps a copy of the blank cluster in TEST_BLANK_DIR. Run by the tests' global setup in a child process, so the ORM's
 * global state never enters the Jest process (a run in band would share it with the tests).
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const blankDir = process.env.TEST_BLANK_DIR;
  if (config.dataDir && blankDir) {
    // The embedded cluster as initdb leaves it, kept before the migrations run, for the tests that
    // migrate from nothing (copyPgliteBlank in test-databases.ts). Opening it again below is cheap.
    const { pglite, release } = await openPglite(config.dataDir);
    await pglite.close();
    release();
    fs.mkdirSync(blankDir, { recursive: true });
    execFileSync('cp', ['-R', path.join(config.dataDir, 'pgdata'), path.join(blankDir, 'pgdata')]);
  }
  const db = await openDatabase(config);
  try {
    const { seeded } = await bootstrapDatabase(db, { seed: true });
    if (!seeded) throw new Error('the template database was not empty');
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seeding the test template failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
