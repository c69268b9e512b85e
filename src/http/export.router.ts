import { pipeline } from 'node:stream';
import { Router } from 'express';
import type { Logger } from 'pino';
import { GraphQLError } from 'graphql';
import type { TransferLimits } from '../common/config';
import { ErrorCode } from '../common/errors';
import { unstorableCharacter } from '../common/text';
import type { Database } from '../db/database';
import { GRAPH_FORMATS, formatByExtension } from '../modules/graph/formats';
import { exportGraph, snapshotModeFor } from '../modules/graph/graph.export';
import type { GraphFilterInput } from '../modules/graph/graph.filter';
import { chargeRoute, MeteringOptions, ROUTE_POINTS } from './metering';

const RETRY_AFTER_SECONDS = 10;

/** Query parameter → filter field. Lists are comma-separated or repeated. */
const LIST_PARAMETERS = {
  sectors: 'sectors',
  parks: 'parkIds',
  districts: 'districts',
  nodeKinds: 'nodeKinds',
  edgeKinds: 'edgeKinds',
  provenanceKinds: 'provenanceKinds',
} as const;
const PARAMETERS = [...Object.keys(LIST_PARAMETERS), 'around', 'depth'];

class BadRequest extends Error {}

function values(name: string, raw: unknown): string[] {
  const items = Array.isArray(raw) ? raw : [raw];
  const list = items
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const value of list) {
    const problem = unstorableCharacter(value);
    if (problem) throw new BadRequest(`"${name}" may not contain ${problem}.`);
  }
  return list;
}

/** Reads the filter from the query string; unknown parameters are errors, not silently ignored. */
export function filterFromQuery(query: Record<string, unknown>): GraphFilterInput {
  const input: GraphFilterInput = {};
  for (const [name, raw] of Object.entries(query)) {
    if (name in LIST_PARAMETERS) {
      input[LIST_PARAMETERS[name as keyof typeof LIST_PARAMETERS]] = values(name, raw);
    } else if (name === 'around') {
      const [around, ...more] = values(name, raw);
      if (more.length) throw new BadRequest('"around" takes one node ID.');
      input.around = around ?? null;
    } else if (name === 'depth') {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (!/^-?\d{1,6}$/.test(text)) throw new BadRequest(`"depth" must be an integer from 1 to 3; got "${String(raw).slice(0, 20)}".`);
      input.depth = Number(text);
    } else {
      throw new BadRequest(`Unknown query parameter "${name.slice(0, 40)}"; the export understands ${PARAMETERS.join(', ')}.`);
    }
  }
  return input;
}

export interface ExportRouterOptions {
  db: Database;
  logger: Logger;
  limits: Pick<TransferLimits, 'maxConcurrentExports' | 'exportWriteTimeoutMs'>;
  metering: MeteringOptions;
}

/**
 * GET /export/graph.<ext>: the relation graph as a file, streamed from the database.
 * - At most `maxConcurrentExports` run at once (429 TOO_MANY_REQUESTS beyond).
 * - Each costs {@link ROUTE_POINTS.graphExport} points of the caller's rate-limit budget.
 * - A client that reads nothing for `exportWriteTimeoutMs` is cut off, which frees its slot;
 *   a client that goes away stops the reads.
 * - The whole file is read from one snapshot, so a write committed meanwhile cannot make it
 *   disagree with itself: on PostgreSQL a read-only REPEATABLE READ transaction held for the
 *   download; on the embedded database, whose one session serves every request, cursors whose
 *   rows are kept when their short transaction commits (graph.service.ts, GraphSnapshotMode).
 */
export function exportRouter({ db, logger, limits, metering }: ExportRouterOptions): Router {
  const router = Router();
  let running = 0;
  const supported = GRAPH_FORMATS.map((f) => `graph.${f.extension}`).join(', ');

  router.get('/export/:file', async (req, res, next) => {
    const file = req.params.file;
    const format = file.startsWith('graph.') ? formatByExtension(file.slice('graph.'.length)) : undefined;
    if (!format) {
      res.status(404).json({ error: ErrorCode.NOT_FOUND, message: `No export "${file.slice(0, 60)}". Supported: ${supported}.` });
      return;
    }
    let input: GraphFilterInput;
    try {
      input = filterFromQuery(req.query as Record<string, unknown>);
    } catch (error) {
      res.status(400).json({ error: ErrorCode.BAD_USER_INPUT, message: (error as Error).message });
      return;
    }
    if (running >= limits.maxConcurrentExports) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(429).json({
        error: ErrorCode.TOO_MANY_REQUESTS,
        message: `${running} exports are running; at most ${limits.maxConcurrentExports} run at once. Retry after ${RETRY_AFTER_SECONDS} seconds.`,
      });
      return;
    }
    running++;
    const em = db.em();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      running--;
    };
    res.once('close', release);
    // A client that stops reading leaves the stream waiting on a full socket: no activity on the
    // socket for this long cuts the download and frees its slot.
    res.setTimeout(limits.exportWriteTimeoutMs, () => {
      logger.warn(
        { requestId: res.locals.requestId, timeoutMs: limits.exportWriteTimeoutMs },
        'graph export cut off: the client read nothing within the write timeout',
      );
      res.destroy();
    });
    try {
      if (!(await chargeRoute(req, res, ROUTE_POINTS.graphExport, metering))) return release();
      const stream = await exportGraph(em, format, input, {
        snapshot: snapshotModeFor(db.kind),
        onCloseError: (error) => logger.warn({ err: error, requestId: res.locals.requestId }, 'graph export: ending its snapshot failed'),
      });
      if (res.destroyed) {
        stream.destroy();
        return release();
      }
      res.setHeader('Content-Type', format.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="qingdao-ai-graph.${format.extension}"`);
      res.setHeader('Cache-Control', 'no-store');
      pipeline(stream, res, (error) => {
        release();
        if (error && (error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
          logger.error({ err: error, requestId: res.locals.requestId }, 'graph export failed mid-stream');
        }
      });
    } catch (error) {
      release();
      if (error instanceof GraphQLError && error.extensions.code === ErrorCode.BAD_USER_INPUT) {
        res.status(400).json({ error: ErrorCode.BAD_USER_INPUT, message: error.message });
        return;
      }
      next(error);
    }
  });
  return router;
}
