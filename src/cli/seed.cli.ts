import 'reflect-metadata';
import { migrate } from '../db/database';
import { isEmpty, seedDatabase } from '../db/seed/seeder';
import { migrationProgress } from './progress';
import { runWithDatabase } from './run-cli';

/**
 * `npm run seed`: migrates, then loads seeds/ into an empty directory. With `-- --reset` it first
 * deletes every record (the plan's and everything users entered): for development only.
 */
runWithDatabase(
  {
    name: 'seed',
    summary: 'Migrates, then loads the shipped seeds (seeds/) into an empty directory; a directory that holds data is left alone.',
    flags: {
      reset: { type: 'boolean', description: 'first delete EVERY record, including what users entered (development only)' },
    },
    examples: ['npm run seed', 'npm run seed -- --reset'],
  },
  async (db, _config, { values }) => {
    const progress = migrationProgress('migrate', 2);
    await migrate(db, progress);
    progress.finish();
    const em = db.em();
    if (values.reset) {
      const tables = (await em.execute(
        `select tablename from pg_tables where schemaname = current_schema() and tablename <> 'mikro_orm_migrations'`,
      )) as Array<{ tablename: string }>;
      await em.execute(`truncate ${tables.map((t) => `"${t.tablename}"`).join(', ')} restart identity cascade`);
    } else if (!(await isEmpty(em))) {
      console.log('the directory already holds data; nothing loaded (use `npm run seed -- --reset` to start over)');
      return;
    }
    const report = await seedDatabase(db.em());
    console.log(
      `loaded ${Object.entries(report)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
  },
);
