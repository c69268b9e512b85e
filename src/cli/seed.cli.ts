import { migrate } from '../db/database';
import { isEmpty, seedDatabase } from '../db/seed/seeder';
import { runWithDatabase } from './run-cli';

/**
 * `npm run seed`: migrates, then loads seeds/ into an empty directory. With `-- --reset` it first
 * deletes every record (the plan's and everything users entered): for development only.
 */
runWithDatabase('seed', async (db) => {
  await migrate(db);
  const em = db.em();
  if (process.argv.includes('--reset')) {
    const tables = (await em.execute(
      `select tablename from pg_tables where schemaname = current_schema() and tablename <> 'mikro_orm_migrations'`,
    )) as Array<{ tablename: string }>;
    await em.execute(`truncate ${tables.map((t) => `"${t.tablename}"`).join(', ')} restart identity cascade`);
  } else if (!(await isEmpty(em))) {
    console.log('the directory already holds data; nothing loaded (use `npm run seed -- --reset` to start over)');
    return;
  }
  const report = await seedDatabase(db.em());
  console.log(`loaded ${Object.entries(report).map(([k, v]) => `${v} ${k}`).join(', ')}`);
});
