import { Router } from 'express';
import type { Database } from '../db/database';

export const READINESS_TIMEOUT_MS = 2000;

/**
 * GET /healthz: the process is alive (for restarts). GET /readyz: the database answers `select 1`
 * within two seconds (for load balancers: 503 takes the instance out of rotation until it recovers).
 */
export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
    });
    try {
      await Promise.race([db.em().execute('select 1'), timeout]);
      // A replica in trouble never makes the instance unready: its reads go to the primary.
      res.json({ status: 'ready', database: db.kind, ...(db.replicas ? { replicas: db.replicas.report() } : {}) });
    } catch {
      res.status(503).json({
        status: 'unavailable',
        database: db.kind,
        ...(db.replicas ? { replicas: db.replicas.report() } : {}),
        error: 'SERVICE_UNAVAILABLE',
        message: 'The database does not answer.',
      });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
