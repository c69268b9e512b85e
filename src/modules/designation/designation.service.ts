import type { Context } from '../../common/context';
import { hydrate, readColumns } from '../../common/relay/hydrate';
import { DesignationKind, DesignationLevel } from '../../common/vocabulary/designation.enums';
import { designationType } from './designation.descriptor';
import { Designation } from './designation.entity';

const KIND_ORDER = Object.values(DesignationKind);
const LEVEL_ORDER = Object.values(DesignationLevel);

/** Kind in the schema's order, then national before provincial before municipal. */
function byKindAndLevel(a: Designation, b: Designation): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.id - b.id;
}

/** A firm's recognitions, batched: one statement for every firm of the request. */
export function designationsOf(ctx: Context, firmId: number): Promise<Designation[]> {
  return ctx.loaders
    .get<number, Designation[]>('Designation:of-firm', async (ids) => {
      const knex = ctx.em.getKnex();
      const rows = (await ctx.em.execute(
        knex(designationType.table)
          .select(readColumns(ctx.em, Designation))
          .whereIn('enterprise_id', ids as number[]),
      )) as Array<Record<string, unknown>>;
      const byFirm = new Map<number, Designation[]>();
      for (const row of rows) {
        const firm = Number(row.enterprise_id);
        let list = byFirm.get(firm);
        if (!list) byFirm.set(firm, (list = []));
        list.push(hydrate(ctx.em, Designation, row));
      }
      return ids.map((id) => (byFirm.get(id) ?? []).sort(byKindAndLevel));
    })
    .load(firmId);
}
