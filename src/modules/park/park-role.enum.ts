import { defineEnum, EnumValue } from '../../common/enum-type';

export const ParkRole = defineEnum('ParkRole', '园区定位 Role a park plays in the city layout of the action plan.', {
  PRIMARY: '主承载区 The primary carrier area of the AI industry.',
  FEATURED: '特色承载区 A featured carrier area focused on a niche.',
});
export type ParkRole = EnumValue<typeof ParkRole>;
