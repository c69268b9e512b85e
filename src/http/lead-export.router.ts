import { Router } from 'express';
import { roleGrants } from '../common/auth';
import { ErrorCode } from '../common/errors';
import { decodeGlobalId } from '../common/global-id';
import type { Database } from '../db/database';
import { authenticate } from '../modules/api-key/api-key.service';
import { exportParkLeads } from '../modules/lead/lead.csv';

/**
 * GET /export/leads.csv?park=<Park ID>[&encoding=gb18030] (promoter key of that park, or admin):
 * the park's leads as CSV for Excel, UTF-8 with BOM by default. Guarded as the import route is:
 * 401 without a valid key, 403 for a key of another role; a park that does not exist and a park
 * the key does not cover both answer the same 404. Never cached.
 */
export function leadExportRouter(db: Database): Router {
  const router = Router();
  router.get('/export/leads.csv', async (req, res, next) => {
    res.setHeader('cache-control', 'private, no-store');
    const fail = (status: number, code: string, message: string) => res.status(status).json({ errors: [{ message, extensions: { code } }] });
    try {
      const em = db.em();
      let caller;
      try {
        caller = await authenticate(em, req.get('authorization'));
      } catch (error) {
        return fail(401, ErrorCode.UNAUTHENTICATED, (error as Error).message);
      }
      if (!caller) return fail(401, ErrorCode.UNAUTHENTICATED, 'Exporting leads needs a promoter or admin key: send "Authorization: Bearer <key>".');
      if (!roleGrants(caller.role, 'promoter'))
        return fail(403, ErrorCode.FORBIDDEN, `The key "${caller.name}" has the role ${caller.role}; exporting leads needs promoter or admin.`);
      const unknown = Object.keys(req.query).filter((k) => k !== 'park' && k !== 'encoding');
      if (unknown.length)
        return fail(400, ErrorCode.BAD_USER_INPUT, `Unknown query parameter "${unknown[0].slice(0, 40)}"; the export understands park and encoding.`);
      const encoding = req.query.encoding === undefined ? 'utf-8' : String(req.query.encoding).toLowerCase();
      if (encoding !== 'utf-8' && encoding !== 'gb18030')
        return fail(400, ErrorCode.BAD_USER_INPUT, '"encoding" must be utf-8 (the default, with BOM) or gb18030.');
      const decoded = typeof req.query.park === 'string' ? decodeGlobalId(req.query.park) : null;
      if (!decoded || decoded.type !== 'Park') return fail(400, ErrorCode.BAD_USER_INPUT, '"park" must be a park ID, e.g. ?park=UGFyazox.');
      const parkId = /^\d{1,9}$/.test(decoded.localId) ? Number(decoded.localId) : 0;
      const csv = await exportParkLeads(em, caller, parkId, encoding);
      if (!csv) return fail(404, ErrorCode.NOT_FOUND, 'No park has this ID among the parks your key covers.');
      res.setHeader('content-type', `text/csv; charset=${encoding}`);
      res.setHeader('content-disposition', `attachment; filename="leads-${parkId}.csv"`);
      res.end(csv);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
