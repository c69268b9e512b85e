import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import pino from 'pino';
import { ConfigError, loadConfig } from '../common/config';
import { readCsv, readJson, TableReadError } from '../common/import/read-table';
import { bootstrapDatabase } from '../db/bootstrap';
import { openDatabase } from '../db/database';
import { startCaching } from '../http/caching';
import { importEnterprises } from '../modules/enterprise/enterprise.import';

const USAGE = `usage: npm run import -- firms.csv [--dry-run] [--encoding gb18030|utf-8] [--as "市北区招商局"]
Imports firms (CSV or .json) in one transaction; nothing is written if any row is invalid.
The embedded database (DATA_DIR) belongs to one process: stop the server first, or set DATABASE_URL.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const file = args.find((a, i) => !a.startsWith('--') && !['--encoding', '--as'].includes(args[i - 1]));
  if (!file) throw new ConfigError(USAGE);
  if (!fs.existsSync(file)) throw new ConfigError(`import: no file "${file}"`);
  const dryRun = args.includes('--dry-run');
  // Without a key, the audit trail names the operator: --as, or the login name.
  const actor = { keyId: null, name: value('as') ?? `cli:${os.userInfo().username}` };

  const config = loadConfig();
  const db = await openDatabase(config);
  // With REDIS_URL, the servers share their response cache in Redis: joining it here makes this
  // import invalidate their cached answers at once, as an import over HTTP does.
  const caching = config.redisUrl ? await startCaching(config, pino({ level: 'warn' }, pino.destination(2))) : undefined;
  try {
    // Same start as the server: migrate, and seed an empty directory (unless SEED_ON_START=false).
    await bootstrapDatabase(db, { seed: config.seedOnStart });
    const stream = fs.createReadStream(file);
    const table = file.toLowerCase().endsWith('.json')
      ? await readJson(stream, { maxBytes: Number.MAX_SAFE_INTEGER })
      : await readCsv(stream, { encoding: value('encoding'), maxBytes: Number.MAX_SAFE_INTEGER });
    const report = await importEnterprises(db.em(), table, { dryRun, actor });
    const t = report.totals;
    process.stdout.write(
      `${file} (${report.encoding}): ${t.rows} rows — created ${t.created}, updated ${t.updated}, unchanged ${t.unchanged}, invalid ${t.invalid}` +
        `${report.committed ? (t.created + t.updated ? `; written as batch ${report.batchId}` : '; nothing to change') : dryRun ? '; dry run, nothing written' : '; nothing written'}\n`,
    );
    for (const e of report.errors) process.stdout.write(`  line ${e.line}, ${e.column}: ${e.message}\n`);
    if (report.errors.length) process.exitCode = 2;
  } finally {
    await caching?.close();
    await db.close();
  }
}

main().catch((error) => {
  const message = error instanceof ConfigError || error instanceof TableReadError ? error.message : `import: ${(error as Error)?.message ?? error}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
