import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { Sector } from './sector.entity';
import { SectorCode } from './sector-code.enum';
import { allSectors, sectorByCode } from './sector.service';

@Resolver(() => Sector)
export class SectorResolver {
  @Query(() => [Sector], { description: 'The eight focus sectors (重点领域) in the order the plan lists them.' })
  sectors(@Ctx() ctx: Context): Promise<Sector[]> {
    return allSectors(ctx);
  }

  @Query(() => Sector, { nullable: true, description: 'One sector by its code.' })
  sector(@Arg('code', () => SectorCode, { description: 'Sector code.' }) code: SectorCode, @Ctx() ctx: Context): Promise<Sector | null> {
    return sectorByCode(ctx, code);
  }
}
