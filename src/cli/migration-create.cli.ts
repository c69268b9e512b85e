import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../common/config';
import { migrate, openDatabase } from '../db/database';
import { runCommand } from './runner';

/**
 * Developer command: writes a new migration with the difference between the entities and the
 * schema the committed migrations build, computed on a throw-away embedded database.
 * Register the new file in src/db/migrations/index.ts afterwards.
 */
runCommand({
  name: 'migration:create',
  summary:
    'Writes a new migration under src/db/migrations with the difference between the entities and the schema the committed migrations build ' +
    '(computed on a throw-away embedded database). Register it in src/db/migrations/index.ts afterwards.',
  positionals: [{ name: 'name', description: 'a name for the migration class (default: Migration<timestamp>)' }],
  flags: {},
  examples: ['npm run migration:create'],
  async run({ positionals: [name] }) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-migration-'));
    const db = await openDatabase({ ...loadConfig(), databaseUrl: undefined, dataDir });
    try {
      await migrate(db);
      const result = await db.orm.getMigrator().createMigration(undefined, false, false, name);
      console.log(result.fileName ? `created ${result.fileName}` : 'no changes');
    } finally {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
});
