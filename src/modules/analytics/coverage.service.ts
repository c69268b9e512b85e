import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { filterIds, filterValues } from '../../common/filters';
import { ChainLayer } from '../enterprise/chain-layer.enum';
import { allSectors } from '../sector/sector.service';
import { Coverage, CoverageCell, CoverageFilter } from './coverage.types';

const LAYERS = Object.values(ChainLayer);

interface CellRow {
  park_id: number;
  sector_code: string;
  focus: boolean;
  foundation: number;
  technology: number;
  application: number;
  scenarios: number;
  platforms: number;
}

/**
 * The park × sector matrix in one SQL statement: firm counts per chain layer, scenario and
 * platform counts, all aggregated by the database and joined onto every (park, sector) pair.
 */
export async function coverage(ctx: Context, filter: CoverageFilter | null): Promise<Coverage> {
  const knex = ctx.em.getKnex();
  const layers = filterValues(filter?.layers, 'layers') ?? LAYERS;
  const roles = filterValues(filter?.parkRoles, 'parkRoles');
  const parkIds = filterIds(filter?.parkIds, 'Park', 'parkIds');
  const sectors = filterValues(filter?.sectors, 'sectors');

  const parks = knex('park as p').select('p.id');
  if (roles) parks.whereIn('p.role', roles);
  if (parkIds) parks.whereIn('p.id', parkIds);
  const inner = parks.toSQL();

  const bindings: Knex.RawBinding[] = [...(inner.bindings as Knex.RawBinding[])];
  const conditions: string[] = [];
  if (filter?.focusOnly) conditions.push('pfs.park_id is not null');
  if (sectors) {
    conditions.push(`sec.code in (${sectors.map(() => '?').join(', ')})`);
    bindings.push(...sectors);
  }
  const sql = `
    with pk as materialized (${inner.sql}),
    ent as (
      select ep.park_id, es.sector_code,
             count(*) filter (where e.layer = 'FOUNDATION')::int as foundation,
             count(*) filter (where e.layer = 'TECHNOLOGY')::int as technology,
             count(*) filter (where e.layer = 'APPLICATION')::int as application
        from enterprise_park ep
        join pk on pk.id = ep.park_id
        join enterprise e on e.id = ep.enterprise_id
        join enterprise_sector es on es.enterprise_id = ep.enterprise_id
       group by ep.park_id, es.sector_code),
    sc as (
      select s.park_id, s.sector_code, count(*)::int as n
        from scenario s join pk on pk.id = s.park_id
       group by s.park_id, s.sector_code),
    pl as (
      select ip.park_id, ps.sector_code, count(*)::int as n
        from innovation_platform ip
        join pk on pk.id = ip.park_id
        join platform_sector ps on ps.platform_id = ip.id
       group by ip.park_id, ps.sector_code)
    select pk.id as park_id, sec.code as sector_code, (pfs.park_id is not null) as focus,
           coalesce(ent.foundation, 0) as foundation, coalesce(ent.technology, 0) as technology,
           coalesce(ent.application, 0) as application,
           coalesce(sc.n, 0) as scenarios, coalesce(pl.n, 0) as platforms
      from pk cross join sector sec
      left join park_focus_sector pfs on pfs.park_id = pk.id and pfs.sector_code = sec.code
      left join ent on ent.park_id = pk.id and ent.sector_code = sec.code
      left join sc on sc.park_id = pk.id and sc.sector_code = sec.code
      left join pl on pl.park_id = pk.id and pl.sector_code = sec.code
     ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
     order by pk.id, sec.position`;

  const [rows, allSectorList] = await Promise.all([
    ctx.em.execute(knex.raw(sql, bindings)) as Promise<CellRow[]>,
    allSectors(ctx),
  ]);
  const sectorByCode = new Map(allSectorList.map((s) => [s.code as string, s]));
  const parkSet = new Set<number>();
  let emptyCellCount = 0;
  const cells = rows.map((row) => {
    const byLayer: Record<ChainLayer, number> = {
      [ChainLayer.FOUNDATION]: Number(row.foundation),
      [ChainLayer.TECHNOLOGY]: Number(row.technology),
      [ChainLayer.APPLICATION]: Number(row.application),
    };
    const enterpriseCount = layers.reduce((sum, layer) => sum + byLayer[layer], 0);
    if (enterpriseCount === 0) emptyCellCount++;
    parkSet.add(Number(row.park_id));
    return Object.assign(new CoverageCell(), {
      parkId: Number(row.park_id),
      sector: sectorByCode.get(row.sector_code)!,
      isFocusSector: Boolean(row.focus),
      enterpriseCount,
      scenarioCount: Number(row.scenarios),
      platformCount: Number(row.platforms),
      // In chain order, whatever order the filter listed the layers in.
      missingLayers: LAYERS.filter((layer) => layers.includes(layer) && byLayer[layer] === 0),
    });
  });
  return Object.assign(new Coverage(), { cells, parkCount: parkSet.size, emptyCellCount });
}
