import { Database, migrate, MigrationProgress } from './database';
import { isEmpty, SeedReport, seedDatabase } from './seed/seeder';

export interface BootstrapResult {
  migrations: string[];
  seeded: SeedReport | null;
}

/**
 * Brings a database up to date: applies pending migrations, then, when the directory is empty
 * and seeding is on, loads the seeds. Existing data is never touched.
 */
export async function bootstrapDatabase(db: Database, options: { seed: boolean; progress?: MigrationProgress }): Promise<BootstrapResult> {
  const migrations = await migrate(db, options.progress);
  const em = db.em();
  const seeded = options.seed && (await isEmpty(em)) ? await seedDatabase(em) : null;
  return { migrations, seeded };
}
