import type { Context } from '../../common/context';
import { hydrate, readColumns } from '../../common/relay/hydrate';
import { firmFigureType } from './firm-figure.descriptor';
import { FirmFigure } from './firm-figure.entity';
import { FirmFigureMetric } from './firm-figure.enums';

const METRIC_ORDER = Object.values(FirmFigureMetric);

/** A firm's yearly figures, newest year first, batched: one statement for every firm of the request. */
export function figuresOf(ctx: Context, firmId: number): Promise<FirmFigure[]> {
  return ctx.loaders
    .get<number, FirmFigure[]>('FirmFigure:of-firm', async (ids) => {
      const knex = ctx.em.getKnex();
      const rows = (await ctx.em.execute(
        knex(firmFigureType.table)
          .select(readColumns(ctx.em, FirmFigure))
          .whereIn('enterprise_id', ids as number[]),
      )) as Array<Record<string, unknown>>;
      const byFirm = new Map<number, FirmFigure[]>();
      for (const row of rows) {
        const firm = Number(row.enterprise_id);
        let list = byFirm.get(firm);
        if (!list) byFirm.set(firm, (list = []));
        list.push(hydrate(ctx.em, FirmFigure, row));
      }
      const order = (a: FirmFigure, b: FirmFigure) => b.year - a.year || METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric);
      return ids.map((id) => (byFirm.get(id) ?? []).sort(order));
    })
    .load(firmId);
}
