import { GraphQLObjectType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { instrumentProvenance } from './data-notice';
import { AnalyticsResolver, CoverageCellResolver, ParkCountResolver } from '../modules/analytics/analytics.resolver';
import { authChecker } from '../common/auth';
import { DistrictResolver } from '../modules/district/district.resolver';
import { ParkDistrictResolver } from '../modules/park/park-district.resolver';
import { ParkComputeCentersResolver } from '../modules/compute-center/compute-center-links.resolver';
import { ParkEnterprisesResolver, SectorEnterprisesResolver } from '../modules/enterprise/enterprise-links.resolver';
import { EnterprisePlatformsResolver, ParkPlatformsResolver } from '../modules/platform/platform-links.resolver';
import { EnterpriseScenariosResolver, ParkScenariosResolver } from '../modules/scenario/scenario-links.resolver';
import { EnterpriseLargeModelsResolver } from '../modules/large-model/large-model-links.resolver';
import { ComputeCenterResolver } from '../modules/compute-center/compute-center.resolver';
import { GraphResolver, RelationGraphVertexResolver } from '../modules/graph/graph.resolver';
import { EnterpriseResolver } from '../modules/enterprise/enterprise.resolver';
import { EnterpriseMutationResolver } from '../modules/enterprise/enterprise.mutations';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { ChangeFeedResolver } from '../modules/change-feed/change-feed.resolver';
import { WebhookResolver } from '../modules/webhook/webhook.resolver';
import { ParkMutationResolver } from '../modules/park/park.mutations';
import { PlatformMutationResolver } from '../modules/platform/platform.mutations';
import { ScenarioMutationResolver } from '../modules/scenario/scenario.mutations';
import { LargeModelMutationResolver } from '../modules/large-model/large-model.mutations';
import { ChainGapResolver, MatchResolver } from '../modules/matching/match.resolver';
import { LargeModelResolver } from '../modules/large-model/large-model.resolver';
import { NodeResolver } from '../modules/node/node.resolver';
import { ParkResolver } from '../modules/park/park.resolver';
import { PlanResolver } from '../modules/plan/plan.resolver';
import { PlatformResolver } from '../modules/platform/platform.resolver';
import { ScenarioResolver } from '../modules/scenario/scenario.resolver';
import { SearchResolver } from '../modules/search/search.resolver';
import { SectorResolver } from '../modules/sector/sector.resolver';

export const resolvers = [
  NodeResolver,
  SectorResolver,
  ParkResolver,
  EnterpriseResolver,
  PlatformResolver,
  ScenarioResolver,
  LargeModelResolver,
  ComputeCenterResolver,
  DistrictResolver,
  ParkDistrictResolver,
  ParkComputeCentersResolver,
  ParkEnterprisesResolver,
  SectorEnterprisesResolver,
  ParkPlatformsResolver,
  EnterprisePlatformsResolver,
  ParkScenariosResolver,
  EnterpriseScenariosResolver,
  EnterpriseLargeModelsResolver,
  SearchResolver,
  GraphResolver,
  RelationGraphVertexResolver,
  AnalyticsResolver,
  ParkCountResolver,
  CoverageCellResolver,
  PlanResolver,
  EnterpriseMutationResolver,
  ParkMutationResolver,
  PlatformMutationResolver,
  ScenarioMutationResolver,
  LargeModelMutationResolver,
  AuditResolver,
  ChangeFeedResolver,
  WebhookResolver,
  MatchResolver,
  ChainGapResolver,
] as const;

let schema: GraphQLSchema | undefined;

/** The executable schema, built once from the modules' resolvers. */
export function buildAppSchema(): GraphQLSchema {
  if (schema) return schema;
  schema = buildSchemaSync({
    resolvers: [...resolvers],
    validate: false,
    authChecker,
    authMode: 'error',
    emitSchemaFile: false,
  });
  // type-graphql has no decorator for the root types' own descriptions.
  const roots: Array<[GraphQLObjectType | null | undefined, string]> = [
    [schema.getQueryType(), 'Read the directory of Qingdao’s AI-industry ecosystem (青岛人工智能产业生态目录).'],
    [schema.getMutationType(), 'Change the directory; needs an editor or admin API key.'],
  ];
  for (const [type, description] of roots) if (type) type.description = description;
  instrumentProvenance(schema);
  return schema;
}

/** The SDL committed as schema/schema.graphql: sorted, so diffs show real changes only. */
export function printAppSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildAppSchema()))}\n`;
}
