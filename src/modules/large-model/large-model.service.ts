import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { applyComposed, withSharedFields } from '../../common/filter-compose';
import { LargeModel } from './large-model.entity';
import { LargeModelFilter } from './large-model.inputs';
import { listSourceOf } from '../../common/entity-type';
import { largeModelType } from './large-model.descriptor';

/** Adds the conditions of `filter` (with its AND/OR/NOT) to a query over `large_model as lm`. */
export function applyLargeModelFilter(qb: Knex.QueryBuilder, knex: Knex, filter: LargeModelFilter): void {
  applyComposed(
    qb,
    knex,
    filter,
    withSharedFields('lm', () => undefined),
  );
}

export const largeModelSource = listSourceOf<LargeModel, LargeModelFilter>(largeModelType, applyLargeModelFilter);

export const largeModelsVia = {
  developer: { table: 'large_model_developer', nodeColumn: 'large_model_id', parentColumn: 'enterprise_id' },
} satisfies Record<string, Via>;

export function listLargeModels(
  ctx: Context,
  options: ListOptions<LargeModelFilter>,
  parent: { id: number | string; via: Via } | null = null,
): Promise<Connection<LargeModel>> {
  return listEntities(ctx, largeModelSource, options, parent);
}

export function largeModelById(ctx: Context, id: number): Promise<LargeModel | null> {
  return loadById(ctx, largeModelSource, id);
}
