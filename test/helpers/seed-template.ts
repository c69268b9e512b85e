import 'reflect-metadata';
import { loadConfig } from '../../src/common/config';
import { bootstrapDatabase } from '../../src/db/bootstrap';
import { openDatabase } from '../../src/db/database';

/**
 * Migrates and seeds the database that DATABASE_URL or DATA_DIR names, as the server's first start
 * does (src/app.ts), and exits. Run by the tests' global setup in a child process, so the ORM's
 * global state never enters the Jest process (a run in band would share it with the tests).
 */
async function main(): Promise<void> {
  const db = await openDatabase(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
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
