import 'reflect-metadata';
import { migrate } from '../db/database';
import { migrationProgress } from './progress';
import { runWithDatabase } from './run-cli';

/**
 * `npm run migrate`: applies the committed migrations that are not applied yet, with a bar (or
 * plain lines off a terminal) naming each one as it is applied.
 */
runWithDatabase(
  {
    name: 'migrate',
    summary: 'Applies the committed migrations the database does not have yet (DATABASE_URL, or the embedded one in DATA_DIR).',
    flags: {},
    examples: ['npm run migrate', 'DATABASE_URL=postgres://user@host:5432/directory npm run migrate'],
  },
  async (db) => {
    const progress = migrationProgress('migrate');
    const applied = await migrate(db, progress);
    progress.finish();
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
  },
);
