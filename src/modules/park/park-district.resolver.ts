import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { District } from '../district/district.entity';
import { placeOf } from '../district/district.service';
import { Park } from './park.entity';

/** A park's place in the district reference, beside its `district` text. */
@Resolver(() => Park)
export class ParkDistrictResolver {
  @FieldResolver(() => District, {
    nullable: true,
    description:
      '所在行政区 The administrative division the park lies in (canonical), from its `district`; null when the district is a functional zone no source places in a division.',
  })
  async division(@Root() park: Park, @Ctx() ctx: Context): Promise<District | null> {
    return (await placeOf(ctx, park.district)).division;
  }

  @FieldResolver(() => District, {
    nullable: true,
    description:
      '所在功能区 The functional zone the park lies in (e.g. 西海岸新区 for a park in 黄岛区, 高新区), when the reference knows one; null otherwise.',
  })
  async functionalZone(@Root() park: Park, @Ctx() ctx: Context): Promise<District | null> {
    return (await placeOf(ctx, park.district)).zone;
  }
}
