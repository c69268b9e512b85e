import type { EntityModule } from '../common/entity-type';
import { chainNodeModule } from './chain-node/chain-node.module';
import { computeCenterModule } from './compute-center/compute-center.module';
import { dataProductModule } from './data-product/data-product.module';
import { designationModule } from './designation/designation.module';
import { districtModule } from './district/district.module';
import { enterpriseModule } from './enterprise/enterprise.module';
import { institutionModule } from './institution/institution.module';
import { firmFigureModule } from './firm-figure/firm-figure.module';
import { largeModelModule } from './large-model/large-model.module';
import { nationalTaskModule } from './national-task/national-task.module';
import { leadModule } from './lead/lead.module';
import { parkModule } from './park/park.module';
import { platformModule } from './platform/platform.module';
import { scenarioModule } from './scenario/scenario.module';
import { sectorModule } from './sector/sector.module';
import { voucherGrantModule } from './voucher-grant/voucher-grant.module';
import { voucherProgramModule } from './voucher-program/voucher-program.module';

/**
 * Every entity type of the directory, one line each: the assembly's only list of them. Search,
 * the relation graph, `node(id)`, the ORM's entity list and the schema's resolvers derive from
 * these descriptors (see docs/contributors.md, "Adding a type").
 */
export const ENTITY_MODULES: readonly EntityModule[] = [
  sectorModule,
  parkModule,
  enterpriseModule,
  platformModule,
  scenarioModule,
  largeModelModule,
  computeCenterModule,
  districtModule,
  institutionModule,
  nationalTaskModule,
  leadModule,
  voucherProgramModule,
  voucherGrantModule,
  designationModule,
  firmFigureModule,
  dataProductModule,
  chainNodeModule,
];

export const ENTITY_TYPES = ENTITY_MODULES.map((m) => m.type);
