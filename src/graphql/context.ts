import { randomUUID } from 'node:crypto';
import type { Caller } from '../common/auth';
import type { Billing, Context } from '../common/context';
import { ProvenanceTally } from '../common/data-notice';
import { LoaderRegistry } from '../common/loaders';
import type { SqlStats } from '../common/sql-stats';
import type { Database } from '../db/database';
import { authenticate } from '../modules/api-key/api-key.service';

export interface RequestInfo {
  requestId?: string;
  sql?: SqlStats;
  /** The request's Authorization header, if any. */
  authorization?: string;
  billing?: Billing;
  /** The key's holder when the HTTP layer already looked the key up (for billing); saves a second lookup. */
  caller?: Caller;
}

/**
 * Builds what one request owns: its EntityManager fork, its DataLoaders, its counters and its
 * caller. A bad API key fails here (UNAUTHENTICATED, HTTP 401), before anything runs.
 */
export async function createContext(db: Database, request: RequestInfo = {}): Promise<Context> {
  const em = db.em();
  return {
    em,
    loaders: new LoaderRegistry(),
    provenance: new ProvenanceTally(),
    requestId: request.requestId ?? randomUUID(),
    sql: request.sql ?? { statements: 0 },
    caller: request.caller ?? (await authenticate(em, request.authorization)),
    billing: request.billing ?? { callerId: 'internal', keyed: false },
  };
}
