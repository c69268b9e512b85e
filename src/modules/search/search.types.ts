import { createUnionType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { ChainNode } from '../chain-node/chain-node.entity';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';
import { InnovationPlatform } from '../platform/platform.entity';
import { Scenario } from '../scenario/scenario.entity';

export enum SearchType {
  PARK = 'PARK',
  ENTERPRISE = 'ENTERPRISE',
  INNOVATION_PLATFORM = 'INNOVATION_PLATFORM',
  SCENARIO = 'SCENARIO',
  CHAIN_NODE = 'CHAIN_NODE',
}

registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'Kinds of record the search can return.',
  valuesConfig: {
    PARK: { description: '产业园区 Parks.' },
    ENTERPRISE: { description: '企业 Enterprises.' },
    INNOVATION_PLATFORM: { description: '创新平台 Innovation platforms.' },
    SCENARIO: { description: '应用场景 Application scenarios.' },
    CHAIN_NODE: {
      description: '产业链节点 Segments of the industry chain map (retired ones included, marked `retired`). Searched only when `types` lists it.',
    },
  },
});

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: '搜索结果 A record found by `search`: a park, an enterprise, an innovation platform, a scenario or a chain-map segment.',
  types: () => [Park, Enterprise, InnovationPlatform, Scenario, ChainNode] as const,
  resolveType: (value) => {
    if (value instanceof Park) return Park;
    if (value instanceof Enterprise) return Enterprise;
    if (value instanceof InnovationPlatform) return InnovationPlatform;
    if (value instanceof Scenario) return Scenario;
    if (value instanceof ChainNode) return ChainNode;
    return undefined;
  },
});

export type SearchResultNode = Park | Enterprise | InnovationPlatform | Scenario | ChainNode;

export const SearchResultConnection = connectionType<SearchResultNode>(() => SearchResult, 'SearchResult', 'search result');
