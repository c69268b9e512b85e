import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Park } from '../park/park.entity';
import { Sector } from '../sector/sector.entity';
import { enterprisesVia } from './enterprise.service';
import { Enterprise } from './enterprise.entity';
import { enterpriseList } from './enterprise.resolver';
import { ChainNode } from '../chain-node/chain-node.entity';
import { chainNodesOfEnterprise } from '../chain-node/chain-node.service';

// Links from types lower in the module order (see eslint.config.mjs) to this module's records:
// resolved here, so the lower module never imports this one.
export const ParkEnterprisesResolver = enterpriseList.field(Park, 'enterprises', 'Firms located in the park.', enterprisesVia.park);

export const SectorEnterprisesResolver = enterpriseList.field(Sector, 'enterprises', 'Firms serving this sector.', enterprisesVia.sector, {
  key: (sector) => sector.code,
  filter: 'Further conditions on the firms.',
  order: false,
});

export const ChainNodeEnterprisesResolver = enterpriseList.field(
  ChainNode,
  'enterprises',
  'Firms linked to this node or to any node below it (each once), filtered and paged.',
  enterprisesVia.chainNode,
  { filter: 'Further conditions on the firms (e.g. parkIds).' },
);

@Resolver(() => Enterprise)
export class EnterpriseChainNodesResolver {
  @FieldResolver(() => [ChainNode], { description: '产业链环节 The chain-map segments the firm works in (its direct links), in map order.' })
  chainNodes(@Root() firm: Enterprise, @Ctx() ctx: Context): Promise<ChainNode[]> {
    return chainNodesOfEnterprise(ctx, firm.id);
  }
}
