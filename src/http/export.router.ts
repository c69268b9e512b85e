import { pipeline } from 'node:stream';
import { Router } from 'express';
import type { Logger } from 'pino';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';
import type { Database } from '../db/database';
import { GRAPH_FORMATS, formatByExtension } from '../modules/graph/formats';
import { exportGraph } from '../modules/graph/graph.export';
import type { GraphFilterInput } from '../modules/graph/graph.filter';

export const MAX_CONCURRENT_EXPORTS = 2;
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

function values(raw: unknown): string[] {
  const items = Array.isArray(raw) ? raw : [raw];
  return items.flatMap((v) => (typeof v === 'string' ? v.split(',') : [])).map((v) => v.trim()).filter(Boolean);
}

/** Reads the filter from the query string; unknown parameters are errors, not silently ignored. */
export function filterFromQuery(query: Record<string, unknown>): GraphFilterInput {
  const input: GraphFilterInput = {};
  for (const [name, raw] of Object.entries(query)) {
    if (name in LIST_PARAMETERS) {
      input[LIST_PARAMETERS[name as keyof typeof LIST_PARAMETERS]] = values(raw);
    } else if (name === 'around') {
      const [around, ...more] = values(raw);
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

/**
 * GET /export/graph.<ext>: the relation graph as a file, streamed from the database. At most
 * {@link MAX_CONCURRENT_EXPORTS} run at once; a client that goes away stops the reads.
 */
export function exportRouter(db: Database, logger: Logger, maxConcurrent = MAX_CONCURRENT_EXPORTS): Router {
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
    if (running >= maxConcurrent) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(429).json({
        error: ErrorCode.TOO_MANY_REQUESTS,
        message: `${running} exports are running; at most ${maxConcurrent} run at once. Retry after ${RETRY_AFTER_SECONDS} seconds.`,
      });
      return;
    }
    running++;
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        running--;
      }
    };
    res.once('close', release);
    try {
      const input = filterFromQuery(req.query as Record<string, unknown>);
      const stream = await exportGraph(db.em(), format, input);
      if (res.destroyed) {
        stream.destroy();
        return;
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
      if (error instanceof BadRequest || (error instanceof GraphQLError && error.extensions.code === ErrorCode.BAD_USER_INPUT)) {
        res.status(400).json({ error: ErrorCode.BAD_USER_INPUT, message: error.message });
        return;
      }
      next(error);
    }
  });
  return router;
}
