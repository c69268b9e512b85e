import { createUnionType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { ComputeCenter } from '../compute-center/compute-center.entity';
import { DataProduct } from '../data-product/data-product.entity';
import { ChainNode } from '../chain-node/chain-node.entity';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';
import { InnovationPlatform } from '../platform/platform.entity';
import { Scenario } from '../scenario/scenario.entity';
import { Institution } from '../institution/institution.entity';
import { NationalInnovationTask } from '../national-task/national-task.entity';
import { ComputeVoucherProgram } from '../voucher-program/voucher-program.entity';

export enum SearchType {
  PARK = 'PARK',
  ENTERPRISE = 'ENTERPRISE',
  INNOVATION_PLATFORM = 'INNOVATION_PLATFORM',
  SCENARIO = 'SCENARIO',
  COMPUTE_CENTER = 'COMPUTE_CENTER',
  INSTITUTION = 'INSTITUTION',
  NATIONAL_INNOVATION_TASK = 'NATIONAL_INNOVATION_TASK',
  DATA_PRODUCT = 'DATA_PRODUCT',
  CHAIN_NODE = 'CHAIN_NODE',
  VOUCHER_PROGRAM = 'VOUCHER_PROGRAM',
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
    INSTITUTION: { description: '高校院所 Universities and research institutes.' },
    NATIONAL_INNOVATION_TASK: { description: '国家人工智能创新任务 National AI innovation tasks (by title).' },
    DATA_PRODUCT: { description: '数据产品 Data products.' },
    CHAIN_NODE: {
      description: '产业链节点 Segments of the industry chain map (retired ones included, marked `retired`). Searched only when `types` lists it.',
    },
    VOUCHER_PROGRAM: { description: '算力券项目 Compute-voucher programmes (算力券).' },
  },
});

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description:
    '搜索结果 A record found by `search`: a park, an enterprise, an innovation platform, a scenario, a compute facility, an institution (高校院所), a national task, a data product, a chain-map segment or a compute-voucher programme (算力券项目).',
  types: () =>
    [
      Park,
      Enterprise,
      InnovationPlatform,
      Scenario,
      ComputeCenter,
      Institution,
      NationalInnovationTask,
      DataProduct,
      ChainNode,
      ComputeVoucherProgram,
    ] as const,
  resolveType: (value) => {
    if (value instanceof Park) return Park;
    if (value instanceof Enterprise) return Enterprise;
    if (value instanceof InnovationPlatform) return InnovationPlatform;
    if (value instanceof Scenario) return Scenario;
    if (value instanceof ComputeCenter) return ComputeCenter;
    if (value instanceof Institution) return Institution;
    if (value instanceof NationalInnovationTask) return NationalInnovationTask;
    if (value instanceof DataProduct) return DataProduct;
    if (value instanceof ChainNode) return ChainNode;
    if (value instanceof ComputeVoucherProgram) return ComputeVoucherProgram;
    return undefined;
  },
});

export type SearchResultNode =
  Park | Enterprise | InnovationPlatform | Scenario | ComputeCenter | Institution | NationalInnovationTask | DataProduct | ChainNode | ComputeVoucherProgram;

export const SearchResultConnection = connectionType<SearchResultNode>(() => SearchResult, 'SearchResult', 'search result');
