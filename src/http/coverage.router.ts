import { Router } from 'express';
import { graphql } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from '../common/errors';
import { ProvenanceKind } from '../common/provenance';
import type { Database } from '../db/database';
import { createContext } from '../graphql/context';
import { buildAppSchema } from '../graphql/schema';
import { CoverageSvgInput, renderCoverageSvg } from './coverage-svg';
import { meter, MeteringOptions, ROUTE_POINTS } from './metering';

/** The same public query the page at /explore/coverage sends, so the file and the page agree. */
const COVERAGE_QUERY = `query CoverageSvg($filter: CoverageFilter) {
  sectors { code nameZh }
  coverage(filter: $filter) { cells { park { id nameZh } sector { code } enterpriseCount scenarioCount platformCount } }
}`;

const KINDS: readonly string[] = Object.values(ProvenanceKind);

/**
 * The `provenanceKinds` query parameter (repeated or comma-separated), as the graph exports take it:
 * undefined when absent, the list when every value is a ProvenanceKind, a message otherwise.
 */
export function provenanceKindsParam(raw: unknown): { kinds?: string[]; error?: string } {
  if (raw === undefined) return {};
  const values = (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = values.find((v) => !KINDS.includes(v));
  if (unknown !== undefined || values.length === 0) {
    return { error: `provenanceKinds: expected one or more of ${KINDS.join(', ')}${unknown !== undefined ? `; got "${unknown.slice(0, 40)}"` : ''}.` };
  }
  return { kinds: values };
}

/**
 * GET /export/coverage.svg: the park × sector matrix as an SVG file, rendered on the server;
 * it costs {@link ROUTE_POINTS.coverageSvg} points of the caller's rate-limit budget.
 */
export function coverageRouter(db: Database, logger: Logger, metering: MeteringOptions): Router {
  const router = Router();
  router.get('/export/coverage.svg', meter(ROUTE_POINTS.coverageSvg, metering), async (req, res, next) => {
    try {
      const { kinds, error } = provenanceKindsParam(req.query.provenanceKinds);
      if (error) {
        res.status(400).json({ error: ErrorCode.BAD_USER_INPUT, message: error });
        return;
      }
      const context = await createContext(db, { requestId: res.locals.requestId, sql: res.locals.sql });
      const result = await graphql({
        schema: buildAppSchema(),
        source: COVERAGE_QUERY,
        contextValue: context,
        variableValues: { filter: kinds ? { provenanceKinds: kinds } : null },
      });
      if (result.errors?.length || !result.data) {
        logger.error({ errors: result.errors }, 'coverage.svg: the coverage query failed');
        res.status(500).json({ error: ErrorCode.INTERNAL_SERVER_ERROR, message: 'The coverage matrix could not be computed.' });
        return;
      }
      const data = result.data as unknown as { sectors: CoverageSvgInput['sectors']; coverage: { cells: CoverageSvgInput['cells'] } };
      const svg = renderCoverageSvg({
        sectors: data.sectors,
        cells: data.coverage.cells,
        subtitle: `生成于 Made ${new Date().toISOString().slice(0, 10)}`,
        notice: context.provenance.notice(),
      });
      res.setHeader('content-type', 'image/svg+xml; charset=utf-8');
      res.setHeader('content-disposition', 'inline; filename="coverage.svg"');
      res.setHeader('x-sql-statements', String(res.locals.sql.statements));
      res.send(svg);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
