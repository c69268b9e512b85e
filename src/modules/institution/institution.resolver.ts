import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { RootConnectionArgs } from '../../common/relay/connection.types';
import { Institution } from './institution.entity';
import { InstitutionFilter, InstitutionOrder } from './institution.inputs';
import { institutionOrdering, listInstitutions } from './institution.service';
import { InstitutionConnection } from './institution.types';

@Resolver(() => Institution)
export class InstitutionResolver {
  @Query(() => InstitutionConnection, { description: '高校院所 Universities and research institutes, filtered and paged.' })
  institutions(
    @Args() args: RootConnectionArgs,
    @Arg('filter', () => InstitutionFilter, { nullable: true, description: 'Conditions the institutions must meet.' }) filter: InstitutionFilter | null,
    @Arg('orderBy', () => InstitutionOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: InstitutionOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listInstitutions(ctx, { filter, args, info, ordering: institutionOrdering(orderBy) });
  }
}
