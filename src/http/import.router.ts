import fs from 'node:fs';
import { Request, Response, Router } from 'express';
import type { Logger } from 'pino';
import { roleGrants } from '../common/auth';
import { ErrorCode } from '../common/errors';
import { readCsv, readJson, TableReadError } from '../common/import/read-table';
import { spoolUpload } from '../common/import/spool';
import type { Database } from '../db/database';
import { authenticate } from '../modules/api-key/api-key.service';
import { ImportProgress, importEnterprises } from '../modules/enterprise/enterprise.import';
import { importVoucherGrants } from '../modules/voucher-grant/voucher-grant.import';

export const IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024;
const RETRY_AFTER_SECONDS = 10;

/**
 * POST /import/enterprises (editor key): a CSV (text/csv, any Excel encoding) or JSON body with
 * its own 50 MB limit, independent of /graphql's 1 MB. The body is written to a temporary file
 * as it arrives and refused at the limit (413) before any of it is parsed; at most
 * `maxConcurrent` imports run at once (429 TOO_MANY_REQUESTS beyond). Query parameters:
 * `dryRun=true` validates without writing; `encoding=gb18030|utf-8` overrides detection.
 * Answers 200 with the report, or 422 with it when rows are invalid (nothing written).
 *
 * A caller that sends `Accept: application/x-ndjson` gets the import's progress as it runs: once
 * the body is in, a 200 streams one JSON object a line, `{"type":"progress",…}` with rows parsed,
 * resolved and written, then `{"type":"result","status":…,"body":…}`, whose status and body are
 * what the plain request would have answered (the report, or the coded errors). The import is
 * the same single transaction: progress lines never mean that anything is committed.
 *
 * POST /import/voucher-grants takes 算力券 grants (programme, firm, amount, facility, date,
 * source) with the same key, limits, parameters and all-or-nothing transaction; its progress
 * lines count rows read only.
 */
export function importRouter(db: Database, { maxConcurrent = 2, logger }: { maxConcurrent?: number; logger?: Logger } = {}): Router {
  const router = Router();
  let running = 0;
  const kinds: Array<[string, Importer]> = [
    ['/import/enterprises', importEnterprises],
    ['/import/voucher-grants', (em, table, { dryRun, actor }) => importVoucherGrants(em, table, { dryRun, actor })],
  ];
  for (const [path, runImport] of kinds)
    router.post(path, async (req, res, next) => {
      const fail = (status: number, code: string, message: string) => {
        res.status(status).json({ errors: [{ message, extensions: { code } }] });
        if (!req.complete) drainRefused(req);
      };
      const em = db.em();
      let caller;
      try {
        caller = await authenticate(em, req.get('authorization'));
      } catch (error) {
        return fail(401, ErrorCode.UNAUTHENTICATED, (error as Error).message);
      }
      if (!caller) return fail(401, ErrorCode.UNAUTHENTICATED, 'Importing needs an editor key: send "Authorization: Bearer <key>".');
      if (!roleGrants(caller.role, 'editor'))
        return fail(403, ErrorCode.FORBIDDEN, `The key "${caller.name}" has the role ${caller.role}; importing needs editor.`);
      const declared = Number(req.get('content-length') ?? 0);
      if (declared > IMPORT_BODY_LIMIT_BYTES) return fail(413, ErrorCode.PAYLOAD_TOO_LARGE, 'The file is larger than 50 MB; split it.');
      if (running >= maxConcurrent) {
        res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
        return fail(
          429,
          ErrorCode.TOO_MANY_REQUESTS,
          `${running} imports are running; at most ${maxConcurrent} run at once. Retry after ${RETRY_AFTER_SECONDS} seconds.`,
        );
      }
      running++;
      let spooled: Awaited<ReturnType<typeof spoolUpload>> | undefined;
      let progress: ProgressStream | undefined;
      try {
        const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
        const encoding = typeof req.query.encoding === 'string' ? req.query.encoding : undefined;
        spooled = await spoolUpload(req, IMPORT_BODY_LIMIT_BYTES);
        if (req.accepts(['application/json', NDJSON]) === NDJSON) progress = startProgressStream(res);
        const file = fs.createReadStream(spooled.path);
        const onRows = (parsed: number) => progress?.line({ parsed });
        const table = req.is('application/json')
          ? await readJson(file, { maxBytes: IMPORT_BODY_LIMIT_BYTES, onRows })
          : await readCsv(file, { encoding, maxBytes: IMPORT_BODY_LIMIT_BYTES, onRows });
        const report = await runImport(em, table, {
          dryRun,
          actor: { keyId: caller.keyId, name: caller.name },
          // Rows read from the file were counted as parsed while reading; the importer's own
          // parse count (cells checked) would start again from zero.
          onProgress: progress && (({ parsed: _checked, ...p }) => progress!.line(p)),
        });
        if (progress) progress.result(report.errors.length ? 422 : 200, report);
        else res.status(report.errors.length ? 422 : 200).json(report);
      } catch (error) {
        if (error instanceof TableReadError) {
          const code = error.status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_USER_INPUT;
          if (progress) return progress.result(error.status, { errors: [{ message: error.message, extensions: { code } }] });
          return fail(error.status, code, error.message);
        }
        if (!progress) return next(error);
        // The answer has begun: its last line carries what the error handler would have answered.
        logger?.error({ err: error, requestId: res.locals.requestId }, 'unexpected error');
        progress.result(500, { error: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error', requestId: res.locals.requestId });
      } finally {
        running--;
        spooled?.remove();
      }
    });
  return router;
}

/** One kind of import: a table in, a report out (its errors non-empty when nothing was written). */
type Importer = (
  em: ReturnType<Database['em']>,
  table: Awaited<ReturnType<typeof readCsv>>,
  options: { dryRun: boolean; actor: { keyId: number | null; name: string }; onProgress?: (progress: ImportProgress) => void },
) => Promise<{ errors: unknown[] }>;

const NDJSON = 'application/x-ndjson';
/** How long a refused upload's remaining bytes are read and dropped before the connection is cut. */
const REFUSED_DRAIN_MS = 15_000;

/**
 * After a refusal sent before the body was read to its end: reads and drops what the client is
 * still sending, so the client gets the answer. Closing at once would leave unread bytes in the
 * socket, the kernel would answer them with a reset, and a client still writing would see
 * "connection reset" instead of the 413. A client that keeps sending is cut off after
 * REFUSED_DRAIN_MS.
 */
function drainRefused(req: Request): void {
  req.resume();
  const cut = setTimeout(() => req.socket.destroy(), REFUSED_DRAIN_MS).unref();
  const done = () => clearTimeout(cut);
  req.once('end', done);
  req.once('close', done);
}

interface ProgressStream {
  /** A progress line: the counts so far (rows is the file's row count once it is known). */
  line(counts: Partial<ImportProgress>): void;
  /** The last line, and the end of the answer. */
  result(status: number, body: unknown): void;
}

function startProgressStream(res: Response): ProgressStream {
  const started = performance.now();
  const counts: ImportProgress = { rows: 0, parsed: 0, resolved: 0, written: 0, toWrite: null };
  let rowsKnown = false;
  res.status(200);
  res.setHeader('content-type', `${NDJSON}; charset=utf-8`);
  res.setHeader('cache-control', 'no-store');
  res.flushHeaders();
  const send = (value: unknown) => res.write(`${JSON.stringify(value)}\n`);
  return {
    line(change) {
      Object.assign(counts, change);
      if (change.rows !== undefined) rowsKnown = true;
      send({ type: 'progress', ...counts, rows: rowsKnown ? counts.rows : null, elapsedMs: Math.round(performance.now() - started) });
    },
    result(status, body) {
      send({ type: 'result', status, body, elapsedMs: Math.round(performance.now() - started) });
      res.end();
    },
  };
}
