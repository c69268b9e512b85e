import type { Context } from '../../common/context';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, ListSource, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { ComputeCenter } from './compute-center.entity';

export const computeCenterSource: ListSource<ComputeCenter, never> = {
  name: 'ComputeCenter',
  entity: ComputeCenter,
  table: 'compute_center',
  alias: 'cc',
  ordering: { name: 'id', terms: [{ expr: 'cc.id', dir: 'asc' }] },
};

export const computeCentersVia = {
  park: { table: 'compute_center', parentColumn: 'park_id' },
} satisfies Record<string, Via>;

export function listComputeCenters(ctx: Context, options: ListOptions<never>, parent: { id: number | string; via: Via } | null = null): Promise<Connection<ComputeCenter>> {
  return listEntities(ctx, computeCenterSource, options, parent);
}

export function computeCenterById(ctx: Context, id: number): Promise<ComputeCenter | null> {
  return loadById(ctx, computeCenterSource, id);
}
