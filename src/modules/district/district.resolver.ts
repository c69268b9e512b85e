import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { District } from './district.entity';
import { allDistricts, districtByName } from './district.service';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => [District], { description: '行政区划 Qingdao’s administrative divisions (7 个区, 3 个县级市) and functional zones, with their aliases.' })
  districts(@Ctx() ctx: Context): Promise<District[]> {
    return allDistricts(ctx);
  }

  @Query(() => District, { nullable: true, description: 'The division or zone a name or alias stands for (e.g. 西海岸新区, 黄岛, Laoshan); null when none.' })
  district(@Arg('name', { description: 'A Chinese or English name or an alias.' }) name: string, @Ctx() ctx: Context): Promise<District | null> {
    return districtByName(ctx, name);
  }

  @FieldResolver(() => District, {
    nullable: true,
    description:
      'For a functional zone: the administrative division it lies in (or covers exactly, see `coextensive`); null for a division, or when no source says.',
  })
  async division(@Root() district: District, @Ctx() ctx: Context): Promise<District | null> {
    if (!district.divisionCode) return null;
    return (await allDistricts(ctx)).find((d) => d.code === district.divisionCode) ?? null;
  }
}
