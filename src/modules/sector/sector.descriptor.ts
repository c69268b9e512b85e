import { defineEntityType } from '../../common/entity-type';
import { Sector } from './sector.entity';
import { sectorByCode } from './sector.service';

/** The Sector type as the shared machinery sees it: see src/common/entity-type.ts. */
export const sectorType = defineEntityType(Sector, {
  alias: 'sc',
  key: { property: 'code', type: 'text' },
  graph: { kind: 'SECTOR' },
  node: (ctx, code) => sectorByCode(ctx, code),
});
