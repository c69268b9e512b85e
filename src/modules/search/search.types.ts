import { defineEnum, EnumValue } from '../../common/enum-type';
import { createUnionType } from 'type-graphql';
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

export const SearchType = defineEnum('SearchType', 'Kinds of record the search can return.', {
  PARK: '产业园区 Parks.',
  ENTERPRISE: '企业 Enterprises.',
  INNOVATION_PLATFORM: '创新平台 Innovation platforms.',
  SCENARIO: '应用场景 Application scenarios.',
  COMPUTE_CENTER: '算力设施 Compute facilities (智算、通算、超算、边缘计算中心).',
  INSTITUTION: '高校院所 Universities and research institutes.',
  NATIONAL_INNOVATION_TASK: '国家人工智能创新任务 National AI innovation tasks (by title).',
  DATA_PRODUCT: '数据产品 Data products.',
  CHAIN_NODE: '产业链节点 Segments of the industry chain map (retired ones included, marked `retired`). Searched only when `types` lists it.',
  VOUCHER_PROGRAM: '算力券项目 Compute-voucher programmes (算力券).',
});
export type SearchType = EnumValue<typeof SearchType>;

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
