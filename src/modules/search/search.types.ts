import { createUnionType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { DataProduct } from '../data-product/data-product.entity';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';
import { InnovationPlatform } from '../platform/platform.entity';
import { Scenario } from '../scenario/scenario.entity';

export enum SearchType {
  PARK = 'PARK',
  ENTERPRISE = 'ENTERPRISE',
  INNOVATION_PLATFORM = 'INNOVATION_PLATFORM',
  SCENARIO = 'SCENARIO',
  DATA_PRODUCT = 'DATA_PRODUCT',
}

registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'Kinds of record the search can return.',
  valuesConfig: {
    PARK: { description: '产业园区 Parks.' },
    ENTERPRISE: { description: '企业 Enterprises.' },
    INNOVATION_PLATFORM: { description: '创新平台 Innovation platforms.' },
    SCENARIO: { description: '应用场景 Application scenarios.' },
    DATA_PRODUCT: { description: '数据产品 Data products.' },
  },
});

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: '搜索结果 A record found by `search`: a park, an enterprise, an innovation platform, a scenario or a data product.',
  types: () => [Park, Enterprise, InnovationPlatform, Scenario, DataProduct] as const,
  resolveType: (value) => {
    if (value instanceof Park) return Park;
    if (value instanceof Enterprise) return Enterprise;
    if (value instanceof InnovationPlatform) return InnovationPlatform;
    if (value instanceof Scenario) return Scenario;
    if (value instanceof DataProduct) return DataProduct;
    return undefined;
  },
});

export type SearchResultNode = Park | Enterprise | InnovationPlatform | Scenario | DataProduct;

export const SearchResultConnection = connectionType<SearchResultNode>(() => SearchResult, 'SearchResult', 'search result');
