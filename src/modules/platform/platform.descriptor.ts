import { defineEntityType } from '../../common/entity-type';
import { platformEditing } from './platform.editing';
import { InnovationPlatform } from './platform.entity';

/** The InnovationPlatform type as the shared machinery sees it: see src/common/entity-type.ts. */
export const platformType = defineEntityType(InnovationPlatform, {
  alias: 'ip',
  search: { type: 'INNOVATION_PLATFORM', order: 3 },
  graph: { kind: 'PLATFORM', attributes: { platformKind: 'kind', platformLevel: 'level' } },
  editing: platformEditing,
});
