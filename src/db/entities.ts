import type { EntityDescriptor } from '../common/entity-type';
import { Provenance } from '../common/provenance';
import { ApiKey } from '../modules/api-key/api-key.entity';
import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { ENTITY_TYPES } from '../modules/entity-types';
import { PlanIndicator } from '../modules/plan/plan-indicator.entity';

/**
 * Every entity the ORM maps, listed explicitly so no folder scanning happens at start-up: the
 * directory's entity types from their descriptors, then the bookkeeping entities.
 */
export function entitiesOf(types: readonly EntityDescriptor[]) {
  return [Provenance, ...types.map((t) => t.entity), PlanIndicator, ApiKey, AuditEntry];
}

export const entities = entitiesOf(ENTITY_TYPES);
