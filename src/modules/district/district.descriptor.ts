import { defineEntityType } from '../../common/entity-type';
import { District } from './district.entity';

/** The District type as the shared machinery sees it: see src/common/entity-type.ts. */
export const districtType = defineEntityType(District, {
  alias: 'd',
  key: { property: 'code', type: 'text' },
  node: false,
});
