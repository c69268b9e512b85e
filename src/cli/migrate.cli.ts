import { migrate } from '../db/database';
import { runWithDatabase } from './run-cli';

/** `npm run migrate`: applies the committed migrations that are not applied yet. */
runWithDatabase('migrate', async (db) => {
  const applied = await migrate(db);
  console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
});
