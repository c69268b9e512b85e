import { Router } from 'express';
import { roleGrants } from '../common/auth';
import { ErrorCode } from '../common/errors';
import { readCsv, readJson, TableReadError } from '../common/import/read-table';
import type { Database } from '../db/database';
import { authenticate } from '../modules/api-key/api-key.service';
import { importEnterprises } from '../modules/enterprise/enterprise.import';

export const IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024;

/**
 * POST /import/enterprises (editor key): a CSV (text/csv, any Excel encoding) or JSON body,
 * streamed with its own 50 MB limit, independent of /graphql's 1 MB. Query parameters:
 * `dryRun=true` validates without writing; `encoding=gb18030|utf-8` overrides detection.
 * Answers 200 with the report, or 422 with it when rows are invalid (nothing written).
 */
export function importRouter(db: Database): Router {
  const router = Router();
  router.post('/import/enterprises', async (req, res, next) => {
    const fail = (status: number, code: string, message: string) => res.status(status).json({ errors: [{ message, extensions: { code } }] });
    try {
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
      const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
      const encoding = typeof req.query.encoding === 'string' ? req.query.encoding : undefined;
      const table = req.is('application/json')
        ? await readJson(req, { maxBytes: IMPORT_BODY_LIMIT_BYTES })
        : await readCsv(req, { encoding, maxBytes: IMPORT_BODY_LIMIT_BYTES });
      const report = await importEnterprises(em, table, { dryRun, actor: { keyId: caller.keyId, name: caller.name } });
      res.status(report.errors.length ? 422 : 200).json(report);
    } catch (error) {
      if (error instanceof TableReadError) {
        req.resume();
        return fail(error.status, error.status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_USER_INPUT, error.message);
      }
      next(error);
    }
  });
  return router;
}
