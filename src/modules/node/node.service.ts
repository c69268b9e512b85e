import type { Context } from '../../common/context';
import { BadUserInputError } from '../../common/errors';
import { parseGlobalId } from '../../common/global-id';
import type { Node } from '../../common/node';
import { computeCenterById } from '../compute-center/compute-center.service';
import { enterpriseById } from '../enterprise/enterprise.service';
import { largeModelById } from '../large-model/large-model.service';
import { parkById } from '../park/park.service';
import { platformById } from '../platform/platform.service';
import { scenarioById } from '../scenario/scenario.service';
import { sectorByCode } from '../sector/sector.service';

export const MAX_NODES = 100;

type Fetch = (ctx: Context, localId: string) => Promise<Node | null> | null;

const byInteger = (load: (ctx: Context, id: number) => Promise<Node | null>): Fetch => (ctx, localId) => {
  const id = Number(localId);
  return Number.isSafeInteger(id) && id > 0 ? load(ctx, id) : null;
};

/** How each type that implements Node is fetched by its local id. */
const fetchers: Record<string, Fetch> = {
  Sector: (ctx, code) => sectorByCode(ctx, code),
  Park: byInteger(parkById),
  Enterprise: byInteger(enterpriseById),
  InnovationPlatform: byInteger(platformById),
  Scenario: byInteger(scenarioById),
  LargeModel: byInteger(largeModelById),
  ComputeCenter: byInteger(computeCenterById),
};

export const NODE_TYPES = Object.keys(fetchers);

/** The object a global ID names, or null when it no longer exists. Batched per type. */
export async function nodeByGlobalId(ctx: Context, id: string, argument = 'id'): Promise<Node | null> {
  const { type, localId } = parseGlobalId(id, NODE_TYPES, argument);
  return (await fetchers[type](ctx, localId)) ?? null;
}

/** Up to 100 objects by global ID, in the order asked; null for each that does not exist. */
export function nodesByGlobalIds(ctx: Context, ids: readonly string[]): Promise<Array<Node | null>> {
  if (ids.length > MAX_NODES) {
    throw new BadUserInputError(`"ids" has ${ids.length} IDs; at most ${MAX_NODES} are allowed.`, { argument: 'ids' });
  }
  const decoded = ids.map((id, i) => parseGlobalId(id, NODE_TYPES, `ids[${i}]`));
  return Promise.all(decoded.map(async ({ type, localId }) => (await fetchers[type](ctx, localId)) ?? null));
}
