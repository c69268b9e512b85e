import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { applyComposed, withSharedFields } from '../../common/filter-compose';
import { ComputeCenter } from './compute-center.entity';
import { ComputeCenterFilter } from './compute-center.inputs';
import { listSourceOf } from '../../common/entity-type';
import { computeCenterType } from './compute-center.descriptor';

/** Adds the conditions of `filter` (with its AND/OR/NOT) to a query over `compute_center as cc`. */
export function applyComputeCenterFilter(qb: Knex.QueryBuilder, knex: Knex, filter: ComputeCenterFilter): void {
  applyComposed(
    qb,
    knex,
    filter,
    withSharedFields('cc', () => undefined),
  );
}

export const computeCenterSource = listSourceOf<ComputeCenter, ComputeCenterFilter>(computeCenterType, applyComputeCenterFilter);

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
