import { registerEnumType } from 'type-graphql';

/** What kind of area a district reference entry is. */
export enum DistrictKind {
  DISTRICT = 'DISTRICT',
  COUNTY_CITY = 'COUNTY_CITY',
  FUNCTIONAL_ZONE = 'FUNCTIONAL_ZONE',
}

registerEnumType(DistrictKind, {
  name: 'DistrictKind',
  description: '区划类别 Kind of area: an administrative division (区 or 县级市) or a functional zone (功能区) that is not one.',
  valuesConfig: {
    DISTRICT: { description: '市辖区 A district of the city (administrative division).' },
    COUNTY_CITY: { description: '县级市 A county-level city administered by Qingdao (administrative division).' },
    FUNCTIONAL_ZONE: { description: '功能区 A functional zone (新区, 高新区, …): planned for development, not an administrative division.' },
  },
});
