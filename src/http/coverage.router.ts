import { Router } from 'express';
import { graphql } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from '../common/errors';
import type { Database } from '../db/database';
import { createContext } from '../graphql/context';
import { buildAppSchema } from '../graphql/schema';
import { CoverageSvgInput, renderCoverageSvg } from './coverage-svg';
import { meter, MeteringOptions, ROUTE_POINTS } from './metering';

/** The same public query the page at /explore/coverage sends, so the file and the page agree. */
const COVERAGE_QUERY = `query CoverageSvg {
  sectors { code nameZh }
  coverage { cells { park { id nameZh } sector { code } enterpriseCount scenarioCount platformCount } }
}`;

/**
 * GET /export/coverage.svg: the park × sector matrix as an SVG file, rendered on the server;
 * it costs {@link ROUTE_POINTS.coverageSvg} points of the caller's rate-limit budget.
 */
export function coverageRouter(db: Database, logger: Logger, metering: MeteringOptions): Router {
  const router = Router();
  router.get('/export/coverage.svg', meter(ROUTE_POINTS.coverageSvg, metering), async (_req, res, next) => {
    try {
      const context = await createContext(db, { requestId: res.locals.requestId, sql: res.locals.sql });
      const result = await graphql({ schema: buildAppSchema(), source: COVERAGE_QUERY, contextValue: context });
      if (result.errors?.length || !result.data) {
        logger.error({ errors: result.errors }, 'coverage.svg: the coverage query failed');
        res.status(500).json({ error: ErrorCode.INTERNAL_SERVER_ERROR, message: 'The coverage matrix could not be computed.' });
        return;
      }
      const data = result.data as unknown as { sectors: CoverageSvgInput['sectors']; coverage: { cells: CoverageSvgInput['cells'] } };
      const svg = renderCoverageSvg({ sectors: data.sectors, cells: data.coverage.cells, subtitle: `生成于 Made ${new Date().toISOString().slice(0, 10)}`,
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
