import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { actionPlan } from './plan.service';
import { ActionPlan } from './plan.types';

@Resolver()
export class PlanResolver {
  @Query(() => ActionPlan, {
    description:
      '行动计划进展 The action plan’s targets and baseline, flat and by its seven actions, each with its current value computed live from the records that rest on evidence.',
  })
  actionPlan(@Ctx() ctx: Context): Promise<ActionPlan> {
    return actionPlan(ctx);
  }
}
