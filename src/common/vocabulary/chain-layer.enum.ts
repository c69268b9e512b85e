import { defineEnum, EnumValue } from '../enum-type';

export const ChainLayer = defineEnum('ChainLayer', '产业链环节 Layer of the AI industry chain a firm works in.', {
  FOUNDATION: '基础层 Foundation: compute, chips, sensors, data.',
  TECHNOLOGY: '技术层 Technology: algorithms, models, platforms.',
  APPLICATION: '应用层 Application: AI products and solutions for a sector.',
});
export type ChainLayer = EnumValue<typeof ChainLayer>;
