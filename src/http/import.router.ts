import fs from 'node:fs';
import { Router } from 'express';
import { roleGrants } from '../common/auth';
import { ErrorCode } from '../common/errors';
import { readCsv, readJson, TableReadError } from '../common/import/read-table';
import { spoolUpload } from '../common/import/spool';
import type { Database } from '../db/database';
import { authenticate } from '../modules/api-key/api-key.service';
import { importEnterprises } from '../modules/enterprise/enterprise.import';

export const IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024;
const RETRY_AFTER_SECONDS = 10;

/**
 * POST /import/enterprises (editor key): a CSV (text/csv, any Excel encoding) or JSON body with
 * its own 50 MB limit, independent of /graphql's 1 MB. The body is written to a temporary file
 * as it arrives and refused at the limit (413) before any of it is parsed; at most
 * `maxConcurrent` imports run at once (429 TOO_MANY_REQUESTS beyond). Query parameters:
 * `dryRun=true` validates without writing; `encoding=gb18030|utf-8` overrides detection.
 * Answers 200 with the report, or 422 with it when rows are invalid (nothing written).
 */
export function importRouter(db: Database, { maxConcurrent = 2 }: { maxConcurrent?: number } = {}): Router {
  const router = Router();
  let running = 0;
  router.post('/import/enterprises', async (req, res, next) => {
    const fail = (status: number, code: string, message: string) => {
      // A refused body is not read to its end: the connection closes after the answer.
      if (!req.complete) res.setHeader('connection', 'close');
      res.status(status).json({ errors: [{ message, extensions: { code } }] });
    };
    const em = db.em();
    let caller;
    try {
      caller = await authenticate(em, req.get('authorization'));
    } catch (error) {
      return fail(401, ErrorCode.UNAUTHENTICATED, (error as Error).message);
    }
    if (!caller) return fail(401, ErrorCode.UNAUTHENTICATED, 'Importing needs an editor key: send "Authorization: Bearer <key>".');
    if (!roleGrants(caller.role, 'editor')) return fail(403, ErrorCode.FORBIDDEN, `The key "${caller.name}" has the role ${caller.role}; importing needs editor.`);
    const declared = Number(req.get('content-length') ?? 0);
    if (declared > IMPORT_BODY_LIMIT_BYTES) return fail(413, ErrorCode.PAYLOAD_TOO_LARGE, 'The file is larger than 50 MB; split it.');
    if (running >= maxConcurrent) {
      res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      return fail(429, ErrorCode.TOO_MANY_REQUESTS, `${running} imports are running; at most ${maxConcurrent} run at once. Retry after ${RETRY_AFTER_SECONDS} seconds.`);
    }
    running++;
    let spooled: Awaited<ReturnType<typeof spoolUpload>> | undefined;
    try {
      const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
      const encoding = typeof req.query.encoding === 'string' ? req.query.encoding : undefined;
      spooled = await spoolUpload(req, IMPORT_BODY_LIMIT_BYTES);
      const file = fs.createReadStream(spooled.path);
      const table = req.is('application/json')
        ? await readJson(file, { maxBytes: IMPORT_BODY_LIMIT_BYTES })
        : await readCsv(file, { encoding, maxBytes: IMPORT_BODY_LIMIT_BYTES });
      const report = await importEnterprises(em, table, { dryRun, actor: { keyId: caller.keyId, name: caller.name } });
      res.status(report.errors.length ? 422 : 200).json(report);
    } catch (error) {
      if (error instanceof TableReadError) {
        return fail(error.status, error.status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_USER_INPUT, error.message);
      }
      next(error);
    } finally {
      running--;
      spooled?.remove();
    }
  });
  return router;
}
