import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { listSourceOf } from '../../common/entity-type';
import { applyComposed, withSharedFields } from '../../common/filter-compose';
import { filterIds, filterValues } from '../../common/filters';
import { Provenance, ProvenanceKind } from '../../common/provenance';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { orderingBy } from '../../common/relay/ordering';
import { runSql, sql } from '../../common/sql';
import { COMPUTE_CAPACITY_TABLE, ComputeCapacity } from './compute-capacity.types';
import { computeCenterType } from './compute-center.descriptor';
import { ComputeCenter } from './compute-center.entity';
import { ComputeKind } from './compute-center.enums';
import { ComputeCenterFilter, ComputeCenterOrderField } from './compute-center.inputs';

export { COMPUTE_CAPACITY_TABLE };

/** Adds the conditions of `filter` (with its AND/OR/NOT) to a query over `compute_center as cc`. */
export function applyComputeCenterFilter(qb: Knex.QueryBuilder, knex: Knex, filter: ComputeCenterFilter): void {
  applyComposed(qb, knex, filter, withSharedFields('cc', applyComputeCenterFields));
}

function applyComputeCenterFields(qb: Knex.QueryBuilder, knex: Knex, filter: ComputeCenterFilter): void {
  const kinds = filterValues(filter.kinds, 'kinds');
  if (kinds) {
    // coalesce: an unknown kind is "no", so that NOT of this filter is its exact complement.
    qb.where(function kindOrCapacity(this: Knex.QueryBuilder) {
      this.whereRaw(`coalesce(cc.kind in (${kinds.map(() => '?').join(', ')}), false)`, kinds).orWhereExists(
        knex(`${COMPUTE_CAPACITY_TABLE} as f_cap`).whereRaw('f_cap.compute_center_id = cc.id').whereIn('f_cap.kind', kinds),
      );
    });
  }
  if (filter.inComputeNetwork !== undefined && filter.inComputeNetwork !== null) qb.where('cc.in_compute_network', filter.inComputeNetwork);
  const statuses = filterValues(filter.statuses, 'statuses');
  if (statuses) qb.whereIn('cc.status', statuses);
  const parkIds = filterIds(filter.parkIds, 'Park', 'parkIds');
  if (parkIds) qb.whereIn('cc.park_id', parkIds);
}

export const computeCenterSource = listSourceOf<ComputeCenter, ComputeCenterFilter>(computeCenterType, applyComputeCenterFilter);

const KIND_RANK = `case cc.kind ${Object.values(ComputeKind)
  .map((k, i) => `when '${k}' then ${i + 1}`)
  .join(' ')} end`;

/** Total stated capacity in TFLOPS, whole: an integer sort key (a facility of 2 million P would overflow it). */
const TOTAL_TFLOPS = `(select round(sum(cap.capacity_pflops) * 1000)::int from ${COMPUTE_CAPACITY_TABLE} cap where cap.compute_center_id = cc.id)`;

/** The ordering an `orderBy` asks for (id ascending when none). */
export const computeCenterOrdering = orderingBy<ComputeCenterOrderField>(computeCenterSource, {
  [ComputeCenterOrderField.NAME]: ['name', [{ expr: 'cc.name_pinyin collate "C"' }, { expr: 'cc.name_zh collate "C"' }]],
  [ComputeCenterOrderField.KIND]: ['kind', [{ expr: KIND_RANK, nullable: 'int' }]],
  [ComputeCenterOrderField.IN_COMPUTE_NETWORK]: [
    'inComputeNetwork',
    [{ expr: 'case when cc.in_compute_network then 1 when not cc.in_compute_network then 2 end', nullable: 'int' }],
  ],
  [ComputeCenterOrderField.TOTAL_CAPACITY]: ['totalCapacity', [{ expr: TOTAL_TFLOPS, nullable: 'int' }]],
});

export const computeCentersVia = {
  park: { table: computeCenterType.table, parentColumn: 'park_id' },
} satisfies Record<string, Via>;

export function listComputeCenters(
  ctx: Context,
  options: ListOptions<ComputeCenterFilter>,
  parent: { id: number | string; via: Via } | null = null,
): Promise<Connection<ComputeCenter>> {
  return listEntities(ctx, computeCenterSource, options, parent);
}

export function computeCenterById(ctx: Context, id: number): Promise<ComputeCenter | null> {
  return loadById(ctx, computeCenterSource, id);
}

interface CapacityRow {
  compute_center_id: number;
  kind: ComputeKind | null;
  capacity_pflops: number | string;
  provenance_kind: ProvenanceKind;
  provenance_source: string;
  provenance_url: string | null;
  provenance_verified_at: string | Date | null;
  provenance_note: string | null;
}

const isoDate = (value: string | Date | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

/**
 * The capacities of a facility, per kind, in the order they were entered: one statement for
 * every facility of the request.
 */
export function capacitiesOf(ctx: Context, centerId: number): Promise<ComputeCapacity[]> {
  return ctx.loaders
    .get<number, ComputeCapacity[]>('compute-capacity:of', async (ids) => {
      const rows = await runSql<CapacityRow>(
        ctx.em,
        sql`select compute_center_id, kind, capacity_pflops, provenance_kind, provenance_source, provenance_url, provenance_verified_at, provenance_note
              from ${sql.ident(COMPUTE_CAPACITY_TABLE)} where compute_center_id in (select unnest(${sql.array([...ids], 'int')})) order by id`,
      );
      const byCenter = new Map<number, ComputeCapacity[]>();
      for (const r of rows) {
        const list = byCenter.get(Number(r.compute_center_id)) ?? [];
        list.push(
          Object.assign(new ComputeCapacity(), {
            kind: r.kind,
            capacityPflops: Number(r.capacity_pflops),
            provenance: Object.assign(new Provenance(), {
              kind: r.provenance_kind,
              source: r.provenance_source,
              url: r.provenance_url,
              verifiedAt: isoDate(r.provenance_verified_at),
              note: r.provenance_note,
            }),
          }),
        );
        byCenter.set(Number(r.compute_center_id), list);
      }
      return ids.map((id) => byCenter.get(id) ?? []);
    })
    .load(centerId);
}

/** Sum of the capacities of the given kinds (every kind, the unstated included, when `kinds` is empty); null without a figure. */
export function totalCapacity(capacities: readonly ComputeCapacity[], kinds: readonly ComputeKind[] | null | undefined): number | null {
  const wanted = kinds?.length ? capacities.filter((c) => c.kind !== null && kinds.includes(c.kind)) : capacities;
  return wanted.length ? wanted.reduce((sum, c) => sum + c.capacityPflops, 0) : null;
}
