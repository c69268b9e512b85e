import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, describeDatabaseUrl, loadConfig } from '../common/config';
import { bootstrapDatabase } from '../db/bootstrap';
import { openDatabase } from '../db/database';
import { MAX_SYNTHETIC_ENTERPRISES } from '../db/synthetic/generate';
import { loadSynthetic, removeSynthetic, SyntheticDataExistsError } from '../db/synthetic/load';

const USAGE = `usage: npm run seed:synthetic -- --enterprises N [--seed S] [--replace]
       npm run seed:synthetic -- --remove
Fills the database named by DATABASE_URL (or the embedded one in DATA_DIR) with N synthetic firms
and parks, platforms, scenarios and large models in proportion, all marked SYNTHETIC; the same
seed always gives the same data. --remove deletes every SYNTHETIC record in one transaction.`;

function integer(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ConfigError(`--${name} must be an integer from ${min} to ${max}, got "${value}"\n${USAGE}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      enterprises: { type: 'string' },
      seed: { type: 'string' },
      remove: { type: 'boolean', default: false },
      replace: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.remove && values.enterprises === undefined) throw new ConfigError(`--enterprises is required\n${USAGE}`);
  const enterprises = integer(values.enterprises, 'enterprises', 0, 1, MAX_SYNTHETIC_ENTERPRISES);
  const seed = integer(values.seed, 'seed', 42, 0, 2 ** 32 - 1);

  const config = loadConfig();
  const where = config.databaseUrl ? `PostgreSQL at ${describeDatabaseUrl(config.databaseUrl)}` : `embedded database in ${config.dataDir}`;
  const db = await openDatabase(config);
  try {
    // The synthetic set sits beside the plan's real parks and the sample data: load those first.
    await bootstrapDatabase(db, { seed: true });
    const started = performance.now();
    if (values.remove) {
      const removed = await removeSynthetic(db.em());
      console.log(`removed synthetic records from ${where}: ${JSON.stringify(removed)} in ${Math.round(performance.now() - started)} ms`);
      return;
    }
    const report = await loadSynthetic(db.em(), { enterprises, seed }, { replace: values.replace });
    console.log(
      `loaded synthetic data (seed ${seed}) into ${where} in ${Math.round(performance.now() - started)} ms: ` +
        `${report.enterprises} firms, ${report.parks} parks, ${report.platforms} platforms, ${report.scenarios} scenarios, ` +
        `${report.largeModels} large models, ${report.links} links` +
        (report.removed ? `; replaced ${report.removed.enterprises} synthetic firms` : ''),
    );
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  const message = error instanceof ConfigError || error instanceof SyntheticDataExistsError ? error.message : `seed:synthetic failed: ${(error as Error)?.message ?? error}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
