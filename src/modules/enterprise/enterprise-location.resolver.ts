import { Arg, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { cityByStoredName, cityList, lookupProvince } from '../../common/vocabulary/cities';
import { Enterprise } from './enterprise.entity';
import { City } from './enterprise-location.types';

@Resolver(() => Enterprise)
export class EnterpriseLocationResolver {
  @FieldResolver(() => City, { description: '总部所在地 City of the firm’s headquarters (青岛市 for a LOCAL firm).' })
  headquarters(@Root() firm: Enterprise): City {
    const city = cityByStoredName(firm.headquartersCity);
    // The column only ever holds a listed city (writes are checked); an unlisted one still answers.
    return Object.assign(
      new City(),
      city ?? { nameZh: firm.headquartersCity, nameEn: firm.headquartersCity, pinyin: '', province: firm.headquartersProvince, provinceEn: '' },
    );
  }
}

@Resolver()
export class CityResolver {
  @Query(() => [City], {
    description:
      '城市名录 The reference list of prefecture-level cities and municipalities that a firm’s headquarters is chosen from, in the order of the administrative division codes (GB/T 2260).',
  })
  cities(
    @Arg('province', () => String, { nullable: true, description: 'Only the cities of this province: Chinese (广东省, 广东) or English (Guangdong).' })
    province: string | null,
  ): City[] {
    let records = cityList().records;
    if (province !== null && province !== undefined) {
      const name = lookupProvince(province);
      if (!name) throw new BadUserInputError(`"${province}" is not a province-level division of the reference list.`, { argument: 'province' });
      records = records.filter((c) => c.province === name);
    }
    return records.map((c) => Object.assign(new City(), c));
  }
}
