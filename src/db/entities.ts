import { District } from '../modules/district/district.entity';
import { ComputeCenter } from '../modules/compute-center/compute-center.entity';
import { Enterprise } from '../modules/enterprise/enterprise.entity';
import { LargeModel } from '../modules/large-model/large-model.entity';
import { Park } from '../modules/park/park.entity';
import { PlanIndicator } from '../modules/plan/plan-indicator.entity';
import { InnovationPlatform } from '../modules/platform/platform.entity';
import { Scenario } from '../modules/scenario/scenario.entity';
import { Sector } from '../modules/sector/sector.entity';
import { Provenance } from '../common/provenance';
import { ApiKey } from '../modules/api-key/api-key.entity';
import { AuditEntry } from '../modules/audit/audit-entry.entity';

/** Every entity the ORM maps, listed explicitly so no folder scanning happens at start-up. */
export const entities = [
  Provenance,
  Sector,
  District,
  Park,
  Enterprise,
  InnovationPlatform,
  Scenario,
  LargeModel,
  ComputeCenter,
  PlanIndicator,
  ApiKey,
  AuditEntry,
];
