import type { Context } from '../../common/context';
import { Sector } from './sector.entity';
import type { SectorCode } from './sector-code.enum';

/** All eight sectors in the plan's order; loaded once per request. */
export async function allSectors(ctx: Context): Promise<Sector[]> {
  return ctx.loaders
    .get<'all', Sector[]>('sector:all', async (keys) => {
      const rows = (await ctx.em.execute('select * from sector order by position')) as Record<string, unknown>[];
      const sectors = rows.map((r) => ctx.em.map(Sector, r));
      return keys.map(() => sectors);
    })
    .load('all');
}

export async function sectorByCode(ctx: Context, code: SectorCode | string): Promise<Sector | null> {
  return (await allSectors(ctx)).find((s) => s.code === code) ?? null;
}

/** A pivot table that links records to sectors. */
export interface SectorPivot {
  table: string;
  parentColumn: string;
}

export const sectorPivots = {
  enterprise: { table: 'enterprise_sector', parentColumn: 'enterprise_id' },
  park: { table: 'park_focus_sector', parentColumn: 'park_id' },
  platform: { table: 'platform_sector', parentColumn: 'platform_id' },
  largeModel: { table: 'large_model_sector', parentColumn: 'large_model_id' },
} satisfies Record<string, SectorPivot>;

/**
 * The sectors of a record, in the plan's order; one statement for all records of the same kind
 * in the request.
 */
export async function sectorsOf(ctx: Context, pivot: SectorPivot, parentId: number): Promise<Sector[]> {
  return ctx.loaders
    .get<number, Sector[]>(`sector:of:${pivot.table}`, async (ids) => {
      const knex = ctx.em.getKnex();
      const [links, sectors] = await Promise.all([
        ctx.em.execute(
          knex(pivot.table)
            .select(`${pivot.parentColumn} as parent`, 'sector_code')
            .whereIn(pivot.parentColumn, ids as number[]),
        ) as Promise<Array<{ parent: number; sector_code: string }>>,
        allSectors(ctx),
      ]);
      const byParent = new Map<number, Set<string>>();
      for (const link of links) {
        let set = byParent.get(link.parent);
        if (!set) byParent.set(link.parent, (set = new Set()));
        set.add(link.sector_code);
      }
      return ids.map((id) => sectors.filter((s) => byParent.get(id)?.has(s.code)));
    })
    .load(parentId);
}
