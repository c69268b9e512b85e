import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, ListSource, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { applyComposed, withSharedFields } from '../../common/filter-compose';
import { LargeModel } from './large-model.entity';
import { LargeModelFilter } from './large-model.inputs';

/** Adds the conditions of `filter` (with its AND/OR/NOT) to a query over `large_model as lm`. */
export function applyLargeModelFilter(qb: Knex.QueryBuilder, knex: Knex, filter: LargeModelFilter): void {
  applyComposed(qb, knex, filter, withSharedFields('lm', () => undefined));
}

export const largeModelSource: ListSource<LargeModel, LargeModelFilter> = {
  name: 'LargeModel',
  entity: LargeModel,
  table: 'large_model',
  alias: 'lm',
  ordering: { name: 'id', terms: [{ expr: 'lm.id', dir: 'asc' }] },
  applyFilter: applyLargeModelFilter,
};

export const largeModelsVia = {
  developer: { table: 'large_model_developer', nodeColumn: 'large_model_id', parentColumn: 'enterprise_id' },
} satisfies Record<string, Via>;

export function listLargeModels(ctx: Context, options: ListOptions<LargeModelFilter>, parent: { id: number | string; via: Via } | null = null): Promise<Connection<LargeModel>> {
  return listEntities(ctx, largeModelSource, options, parent);
}

export function largeModelById(ctx: Context, id: number): Promise<LargeModel | null> {
  return loadById(ctx, largeModelSource, id);
}
