import { registerEnumType } from 'type-graphql';

export enum ChainLayer {
  FOUNDATION = 'FOUNDATION',
  TECHNOLOGY = 'TECHNOLOGY',
  APPLICATION = 'APPLICATION',
}

registerEnumType(ChainLayer, {
  name: 'ChainLayer',
  description: '产业链环节 Layer of the AI industry chain a firm works in.',
  valuesConfig: {
    FOUNDATION: { description: '基础层 Foundation: compute, chips, sensors, data.' },
    TECHNOLOGY: { description: '技术层 Technology: algorithms, models, platforms.' },
    APPLICATION: { description: '应用层 Application: AI products and solutions for a sector.' },
  },
});
