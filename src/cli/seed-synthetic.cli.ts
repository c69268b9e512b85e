import 'reflect-metadata';
import { describeDatabaseUrl, loadConfig } from '../common/config';
import { bootstrapDatabase } from '../db/bootstrap';
import { openDatabase } from '../db/database';
import { MAX_SYNTHETIC_ENTERPRISES } from '../db/synthetic/generate';
import { loadSynthetic, removeSynthetic, SyntheticDataExistsError } from '../db/synthetic/load';
import { startProgress } from './progress';
import { runCommand, UsageError } from './runner';

function integer(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

/** `npm run seed:synthetic`: fills the directory with N generated firms, for load tests. */
runCommand({
  name: 'seed:synthetic',
  summary:
    'Fills the database named by DATABASE_URL (or the embedded one in DATA_DIR) with N synthetic firms and parks, platforms, scenarios,\n' +
    'large models, institutions, national tasks, data products and 算力券 in proportion, with chain links, designations and yearly figures,\n' +
    'all marked SYNTHETIC (never counted towards the plan); the same seed always gives the same data.',
  flags: {
    enterprises: { type: 'string', value: 'N', description: `how many firms to generate, 1 to ${MAX_SYNTHETIC_ENTERPRISES} (required unless --remove)` },
    seed: { type: 'string', value: 'S', default: '42', description: 'random seed' },
    replace: { type: 'boolean', description: 'delete an earlier synthetic set first (otherwise a second load is refused)' },
    remove: { type: 'boolean', description: 'delete every SYNTHETIC record in one transaction, and load nothing' },
  },
  examples: [
    'npm run seed:synthetic -- --enterprises 100000',
    'npm run seed:synthetic -- --enterprises 1000 --seed 7 --replace',
    'npm run seed:synthetic -- --remove',
  ],
  operatorErrors: [SyntheticDataExistsError],
  async run({ values }) {
    if (!values.remove && values.enterprises === undefined) throw new UsageError('missing --enterprises N');
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
      const progress = startProgress('seed:synthetic', 'records');
      let written = 0;
      const report = await loadSynthetic(
        db.em(),
        { enterprises, seed },
        {
          replace: Boolean(values.replace),
          onProgress: (done, total) => progress.update((written = done), total),
        },
      );
      progress.finish(`${written} records written (${report.links} links)`);
      console.log(
        `loaded synthetic data (seed ${seed}) into ${where} in ${Math.round(performance.now() - started)} ms: ` +
          `${report.enterprises} firms, ${report.parks} parks, ${report.platforms} platforms, ${report.scenarios} scenarios, ` +
          `${report.largeModels} large models, ${report.institutions} institutions, ${report.nationalTasks} national tasks, ` +
          `${report.dataProducts} data products, ${report.voucherPrograms} voucher programmes, ${report.voucherGrants} grants, ` +
          `${report.designations} designations, ${report.figures} yearly figures, ${report.links} links` +
          (report.removed ? `; replaced ${report.removed.enterprises} synthetic firms` : ''),
      );
    } finally {
      await db.close();
    }
  },
});
