import { registerEnumType } from 'type-graphql';

export enum ParkRole {
  PRIMARY = 'PRIMARY',
  FEATURED = 'FEATURED',
}

registerEnumType(ParkRole, {
  name: 'ParkRole',
  description: '园区定位 Role a park plays in the city layout of the action plan.',
  valuesConfig: {
    PRIMARY: { description: '主承载区 The primary carrier area of the AI industry.' },
    FEATURED: { description: '特色承载区 A featured carrier area focused on a niche.' },
  },
});
