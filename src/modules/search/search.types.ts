import { createUnionType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { ComputeCenter } from '../compute-center/compute-center.entity';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';
import { InnovationPlatform } from '../platform/platform.entity';
import { Scenario } from '../scenario/scenario.entity';

export enum SearchType {
  PARK = 'PARK',
  ENTERPRISE = 'ENTERPRISE',
  INNOVATION_PLATFORM = 'INNOVATION_PLATFORM',
  SCENARIO = 'SCENARIO',
  COMPUTE_CENTER = 'COMPUTE_CENTER',
}

registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'Kinds of record the search can return.',
  valuesConfig: {
    PARK: { description: '产业园区 Parks.' },
    ENTERPRISE: { description: '企业 Enterprises.' },
    INNOVATION_PLATFORM: { description: '创新平台 Innovation platforms.' },
    SCENARIO: { description: '应用场景 Application scenarios.' },
    COMPUTE_CENTER: { description: '算力设施 Compute facilities (智算、通算、超算、边缘计算中心).' },
  },
});

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: '搜索结果 A record found by `search`: a park, an enterprise, an innovation platform, a scenario or a compute facility.',
  types: () => [Park, Enterprise, InnovationPlatform, Scenario, ComputeCenter] as const,
  resolveType: (value) => {
    if (value instanceof Park) return Park;
    if (value instanceof Enterprise) return Enterprise;
    if (value instanceof InnovationPlatform) return InnovationPlatform;
    if (value instanceof Scenario) return Scenario;
    if (value instanceof ComputeCenter) return ComputeCenter;
    return undefined;
  },
});

export type SearchResultNode = Park | Enterprise | InnovationPlatform | Scenario | ComputeCenter;

export const SearchResultConnection = connectionType<SearchResultNode>(() => SearchResult, 'SearchResult', 'search result');
