import type { Context } from '../../common/context';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, ListSource, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { LargeModel } from './large-model.entity';

export const largeModelSource: ListSource<LargeModel, never> = {
  name: 'LargeModel',
  entity: LargeModel,
  table: 'large_model',
  alias: 'lm',
  ordering: { name: 'id', terms: [{ expr: 'lm.id', dir: 'asc' }] },
};

export const largeModelsVia = {
  developer: { table: 'large_model_developer', nodeColumn: 'large_model_id', parentColumn: 'enterprise_id' },
} satisfies Record<string, Via>;

export function listLargeModels(ctx: Context, options: ListOptions<never>, parent: { id: number | string; via: Via } | null = null): Promise<Connection<LargeModel>> {
  return listEntities(ctx, largeModelSource, options, parent);
}

export function largeModelById(ctx: Context, id: number): Promise<LargeModel | null> {
  return loadById(ctx, largeModelSource, id);
}
