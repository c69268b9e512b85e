import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import { loadConfig } from '../common/config';
import { migrate, openDatabase } from '../db/database';

/**
 * Developer command: writes a new migration with the difference between the entities and the
 * schema the committed migrations build, computed on a throw-away embedded database.
 * Register the new file in src/db/migrations/index.ts afterwards.
 */
async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-migration-'));
  const db = await openDatabase({ ...loadConfig(), databaseUrl: undefined, dataDir });
  try {
    await migrate(db);
    const result = await db.orm.getMigrator().createMigration(undefined, false, false, process.argv[2]);
    console.log(result.fileName ? `created ${result.fileName}` : 'no changes');
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
