import 'reflect-metadata';
import { migrate } from '../db/database';
import { runWithDatabase } from './run-cli';

/** `npm run migrate`: applies the committed migrations that are not applied yet. */
runWithDatabase(
  {
    name: 'migrate',
    summary: 'Applies the committed migrations the database does not have yet (DATABASE_URL, or the embedded one in DATA_DIR).',
    flags: {},
    examples: ['npm run migrate', 'DATABASE_URL=postgres://user@host:5432/directory npm run migrate'],
  },
  async (db) => {
    const applied = await migrate(db);
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
  },
);
