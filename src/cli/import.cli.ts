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
import { importVoucherGrants } from '../modules/voucher-grant/voucher-grant.import';
import { startProgress } from './progress';
import { runCommand } from './runner';

/** `npm run import`: imports a table of firms (or, with --grants, of 算力券 grants) in one transaction. */
runCommand({
  name: 'import',
  summary: 'Imports firms (or 算力券 grants) from a CSV or .json file in one transaction; nothing is written if any row is invalid (exit 2, with each error).',
  positionals: [{ name: 'file', description: 'the table of firms, or of grants with --grants (.csv, or .json)', required: true }],
  flags: {
    grants: { type: 'boolean', description: 'the file holds 算力券 grants (programme, firm, amount, facility, date, source)' },
    'dry-run': { type: 'boolean', description: 'check and match every row, write nothing' },
    encoding: { type: 'string', value: 'gb18030|utf-8', description: 'the CSV encoding (default: detected)' },
    as: { type: 'string', value: 'NAME', description: 'who the audit trail names (default: cli:<login name>)' },
  },
  examples: [
    'npm run import -- firms.csv --dry-run',
    'npm run import -- grants.csv --grants',
    'npm run import -- firms.csv --encoding gb18030 --as "市北区招商局"',
  ],
  notes: 'The embedded database (DATA_DIR) belongs to one process: stop the server first, or set DATABASE_URL.',
  operatorErrors: [TableReadError],
  async run({ values, positionals: [file] }) {
    if (!fs.existsSync(file)) throw new ConfigError(`no file "${file}"`);
    const dryRun = Boolean(values['dry-run']);
    // Without a key, the audit trail names the operator: --as, or the login name.
    const actor = { keyId: null, name: (values.as as string | undefined) ?? `cli:${os.userInfo().username}` };
    const encoding = values.encoding as string | undefined;

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
        : await readCsv(stream, { encoding, maxBytes: Number.MAX_SAFE_INTEGER });
      if (values.grants) {
        const report = await importVoucherGrants(db.em(), table, { dryRun, actor });
        const t = report.totals;
        process.stdout.write(
          `${file} (${report.encoding}): ${t.rows} grant rows — created ${t.created}, unchanged ${t.unchanged}, invalid ${t.invalid}` +
            `${report.committed ? (t.created ? `; written as batch ${report.batchId}` : '; nothing to change') : dryRun ? '; dry run, nothing written' : '; nothing written'}\n`,
        );
        for (const e of report.errors) process.stdout.write(`  line ${e.line}, ${e.column}: ${e.message}\n`);
        if (report.errors.length) process.exitCode = 2;
        return;
      }
      const progress = startProgress('import', 'rows');
      progress.update(0, table.rows.length, '校验 checking');
      // Three passes over the rows, each shown as it goes: checking the cells, matching parks,
      // sectors and existing firms, then writing (only the rows that change).
      const report = await importEnterprises(db.em(), table, {
        dryRun,
        actor,
        onProgress: (p) => {
          if (p.toWrite !== null) progress.update(p.written, p.toWrite, '写入 writing');
          else if (p.parsed < p.rows) progress.update(p.parsed, p.rows, '校验 checking');
          else progress.update(p.resolved, p.rows, '匹配 matching');
        },
      });
      const t = report.totals;
      progress.finish(`${t.rows} rows read, ${report.committed ? t.created + t.updated : 0} written`);
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
  },
});
