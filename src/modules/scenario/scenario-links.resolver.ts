import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';
import { ScenarioFilter, ScenarioOrder } from './scenario.inputs';
import { listScenarios, scenarioOrdering, scenariosVia } from './scenario.service';
import { ScenarioConnection } from './scenario.types';

// Links from types lower in the module order (see eslint.config.mjs) to this module's records:
// resolved here, so the lower module never imports this one.
@Resolver(() => Park)
export class ParkScenariosResolver {
  @FieldResolver(() => ScenarioConnection, { description: 'Application scenarios located in the park.' })
  scenarios(
    @Root() park: Park,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ScenarioFilter, { nullable: true, description: 'Conditions the scenarios must meet.' }) filter: ScenarioFilter | null,
    @Arg('orderBy', () => ScenarioOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: ScenarioOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listScenarios(ctx, { filter, args, info, ordering: scenarioOrdering(orderBy) }, { id: park.id, via: scenariosVia.park });
  }
}

@Resolver(() => Enterprise)
export class EnterpriseScenariosResolver {
  @FieldResolver(() => ScenarioConnection, { description: 'Application scenarios the firm provides.' })
  scenarios(
    @Root() firm: Enterprise,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ScenarioFilter, { nullable: true, description: 'Conditions the scenarios must meet.' }) filter: ScenarioFilter | null,
    @Arg('orderBy', () => ScenarioOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: ScenarioOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listScenarios(ctx, { filter, args, info, ordering: scenarioOrdering(orderBy) }, { id: firm.id, via: scenariosVia.provider });
  }
}
