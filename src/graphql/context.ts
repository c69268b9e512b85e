import { randomUUID } from 'node:crypto';
import type { Billing, Context } from '../common/context';
import { LoaderRegistry } from '../common/loaders';
import type { SqlStats } from '../common/sql-stats';
import type { Database } from '../db/database';

export interface RequestInfo {
  requestId?: string;
  sql?: SqlStats;
  billing?: Billing;
}

/** Builds what one request owns: its EntityManager fork, its DataLoaders, its counters. */
export function createContext(db: Database, request: RequestInfo = {}): Context {
  return {
    em: db.em(),
    loaders: new LoaderRegistry(),
    requestId: request.requestId ?? randomUUID(),
    sql: request.sql ?? { statements: 0 },
    billing: request.billing ?? { callerId: 'internal', keyed: false },
  };
}
