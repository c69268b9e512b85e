import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { pagedList } from '../../common/relay/paged-list';
import { ConnectionArgs, RootConnectionArgs } from '../../common/relay/connection.types';
import { enterprisesVia, listEnterprises } from '../enterprise/enterprise.service';
import { EnterpriseConnection } from '../enterprise/enterprise.types';
import { Park } from '../park/park.entity';
import { parkById } from '../park/park.service';
import { Sector } from '../sector/sector.entity';
import { sectorByCode } from '../sector/sector.service';
import { Scenario } from './scenario.entity';
import { ScenarioFilter, ScenarioOrder } from './scenario.inputs';
import { listScenarios, scenarioOrdering } from './scenario.service';
import { ScenarioConnection } from './scenario.types';

/** How scenarios are listed: the root query here, the links from other types in scenario-links.resolver.ts. */
export const scenarioList = pagedList(
  ScenarioConnection,
  listScenarios,
  [ScenarioFilter, 'Conditions the scenarios must meet.'],
  [ScenarioOrder, scenarioOrdering],
);

@Resolver(() => Scenario)
export class ScenarioResolver extends scenarioList.query('scenarios', '“人工智能+” application scenarios, filtered and paged.', {
  paging: RootConnectionArgs,
}) {
  @FieldResolver(() => Sector, { description: 'The one focus sector the scenario belongs to.' })
  async sector(@Root() scenario: Scenario, @Ctx() ctx: Context): Promise<Sector> {
    const sector = await sectorByCode(ctx, scenario.sector.code);
    if (!sector) throw new Error(`scenario ${scenario.id} names unknown sector ${scenario.sector.code}`);
    return sector;
  }

  @FieldResolver(() => Park, { nullable: true, description: 'Park the scenario is located in, if any.' })
  park(@Root() scenario: Scenario, @Ctx() ctx: Context): Promise<Park | null> | null {
    return scenario.park ? parkById(ctx, scenario.park.id) : null;
  }

  @FieldResolver(() => EnterpriseConnection, { description: 'Firms that provide (build or operate) the scenario.' })
  providers(@Root() scenario: Scenario, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listEnterprises(ctx, { args, info }, { id: scenario.id, via: enterprisesVia.providedScenario });
  }
}
