import 'reflect-metadata';
import { ConfigError, loadConfig, AppConfig } from '../common/config';
import { Database, openDatabase } from '../db/database';

/**
 * Runs a command against the configured database (DATABASE_URL, or the embedded DATA_DIR) and
 * closes it. Problems the operator must fix print as one line and exit 1.
 */
export function runWithDatabase(name: string, task: (db: Database, config: AppConfig) => Promise<void>): void {
  (async () => {
    const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
    const db = await openDatabase(config);
    try {
      await task(db, config);
    } finally {
      await db.close();
    }
  })().catch((error) => {
    const message = error instanceof ConfigError ? error.message : `${name} failed: ${(error as Error)?.message ?? error}`;
    process.stderr.write(`${message.split('\n')[0]}\n`);
    process.exit(1);
  });
}
