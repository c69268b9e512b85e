import { AppConfig, loadConfig } from '../common/config';
import { Database, openDatabase } from '../db/database';
import { CommandSpec, FlagValues, runCommand } from './runner';

/**
 * Runs a command against the configured database (DATABASE_URL, or the embedded DATA_DIR) and
 * closes it; flags, help and errors as for every command (see runner.ts).
 */
export function runWithDatabase(
  spec: Omit<CommandSpec, 'run'>,
  task: (db: Database, config: AppConfig, args: { values: FlagValues; positionals: string[] }) => Promise<void>,
): void {
  runCommand({
    ...spec,
    async run(args) {
      const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
      const db = await openDatabase(config);
      try {
        await task(db, config, args);
      } finally {
        await db.close();
      }
    },
  });
}
