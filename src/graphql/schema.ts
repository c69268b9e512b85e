import { GraphQLObjectType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync, type NonEmptyArray } from 'type-graphql';
import { instrumentProvenance } from './data-notice';
import { AnalyticsResolver, CoverageCellResolver, ParkCountResolver } from '../modules/analytics/analytics.resolver';
import { authChecker } from '../common/auth';
import { GraphResolver, RelationGraphVertexResolver } from '../modules/graph/graph.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import type { EntityModule, ResolverClass } from '../common/entity-type';
import { ENTITY_MODULES } from '../modules/entity-types';
import { ChangeFeedResolver } from '../modules/change-feed/change-feed.resolver';
import { WebhookResolver } from '../modules/webhook/webhook.resolver';
import { ChainGapResolver, MatchResolver } from '../modules/matching/match.resolver';
import { NodeResolver } from '../modules/node/node.resolver';
import { PlanResolver } from '../modules/plan/plan.resolver';
import { SearchResolver } from '../modules/search/search.resolver';

/** The resolvers of the given entity types' modules, then those of the cross-cutting modules. */
export function resolversOf(modules: readonly EntityModule[]): NonEmptyArray<ResolverClass> {
  return [NodeResolver, ...modules.flatMap((m) => m.resolvers), ...CROSS_CUTTING];
}

const CROSS_CUTTING = [
  SearchResolver,
  GraphResolver,
  RelationGraphVertexResolver,
  AnalyticsResolver,
  ParkCountResolver,
  CoverageCellResolver,
  PlanResolver,
  AuditResolver,
  ChangeFeedResolver,
  WebhookResolver,
  MatchResolver,
  ChainGapResolver,
] as const;

/** Every resolver of the schema: the entity types' from their list, then the cross-cutting ones. */
export const resolvers = resolversOf(ENTITY_MODULES);

let schema: GraphQLSchema | undefined;

/** The executable schema, built once from the modules' resolvers. */
export function buildAppSchema(): GraphQLSchema {
  if (schema) return schema;
  schema = buildSchemaSync({
    resolvers,
    validate: false,
    authChecker,
    authMode: 'error',
    emitSchemaFile: false,
  });
  // type-graphql has no decorator for the root types' own descriptions.
  const roots: Array<[GraphQLObjectType | null | undefined, string]> = [
    [schema.getQueryType(), 'Read the directory of Qingdao’s AI-industry ecosystem (青岛人工智能产业生态目录).'],
    [schema.getMutationType(), 'Change the directory (editor or admin API key), or a park’s confidential lead pipeline (promoter key of that park, or admin).'],
  ];
  for (const [type, description] of roots) if (type) type.description = description;
  instrumentProvenance(schema);
  return schema;
}

/** The SDL committed as schema/schema.graphql: sorted, so diffs show real changes only. */
export function printAppSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildAppSchema()))}\n`;
}
