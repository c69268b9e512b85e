import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { RootConnectionArgs } from '../../common/relay/connection.types';
import { pagedList } from '../../common/relay/paged-list';
import { parkList } from '../park/park.resolver';
import { parksVia } from '../park/park.service';
import { Sector } from '../sector/sector.entity';
import { sectorPivots, sectorsOf } from '../sector/sector.service';
import { Enterprise } from './enterprise.entity';
import { EnterpriseFilter, EnterpriseOrder } from './enterprise.inputs';
import { listEnterprises, enterpriseOrdering } from './enterprise.service';
import { EnterpriseConnection } from './enterprise.types';

/** How firms are listed: the root query here, the links from other types in the higher modules. */
export const enterpriseList = pagedList(
  EnterpriseConnection,
  listEnterprises,
  [EnterpriseFilter, 'Conditions the firms must meet.'],
  [EnterpriseOrder, enterpriseOrdering],
);

@Resolver(() => Enterprise)
export class EnterpriseResolver extends enterpriseList.query('enterprises', 'Firms (企业) of the directory, filtered and paged.', {
  paging: RootConnectionArgs,
}) {
  @FieldResolver(() => [Sector], { description: 'Focus sectors the firm serves, in the plan’s order.' })
  sectors(@Root() firm: Enterprise, @Ctx() ctx: Context): Promise<Sector[]> {
    return sectorsOf(ctx, sectorPivots.enterprise, firm.id);
  }
}

export const EnterpriseParksResolver = parkList.field(Enterprise, 'parks', 'Parks the firm is located in (a firm may sit in several).', parksVia.enterprise);
