import { defineEnum, EnumValue } from '../../common/enum-type';

/** What kind of area a district reference entry is. */
export const DistrictKind = defineEnum(
  'DistrictKind',
  '区划类别 Kind of area: an administrative division (区 or 县级市) or a functional zone (功能区) that is not one.',
  {
    DISTRICT: '市辖区 A district of the city (administrative division).',
    COUNTY_CITY: '县级市 A county-level city administered by Qingdao (administrative division).',
    FUNCTIONAL_ZONE: '功能区 A functional zone (新区, 高新区, …): planned for development, not an administrative division.',
  },
);
export type DistrictKind = EnumValue<typeof DistrictKind>;
