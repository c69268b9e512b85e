import { createUnionType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';
import { InnovationPlatform } from '../platform/platform.entity';
import { Scenario } from '../scenario/scenario.entity';
import { Institution } from '../institution/institution.entity';
import { NationalInnovationTask } from '../national-task/national-task.entity';

export enum SearchType {
  PARK = 'PARK',
  ENTERPRISE = 'ENTERPRISE',
  INNOVATION_PLATFORM = 'INNOVATION_PLATFORM',
  SCENARIO = 'SCENARIO',
  INSTITUTION = 'INSTITUTION',
  NATIONAL_INNOVATION_TASK = 'NATIONAL_INNOVATION_TASK',
}

registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'Kinds of record the search can return.',
  valuesConfig: {
    PARK: { description: '产业园区 Parks.' },
    ENTERPRISE: { description: '企业 Enterprises.' },
    INNOVATION_PLATFORM: { description: '创新平台 Innovation platforms.' },
    SCENARIO: { description: '应用场景 Application scenarios.' },
    INSTITUTION: { description: '高校院所 Universities and research institutes.' },
    NATIONAL_INNOVATION_TASK: { description: '国家人工智能创新任务 National AI innovation tasks (by title).' },
  },
});

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: '搜索结果 A record found by `search`: a park, an enterprise, an innovation platform, a scenario, an institution (高校院所) or a national task.',
  types: () => [Park, Enterprise, InnovationPlatform, Scenario, Institution, NationalInnovationTask] as const,
  resolveType: (value) => {
    if (value instanceof Park) return Park;
    if (value instanceof Enterprise) return Enterprise;
    if (value instanceof InnovationPlatform) return InnovationPlatform;
    if (value instanceof Scenario) return Scenario;
    if (value instanceof Institution) return Institution;
    if (value instanceof NationalInnovationTask) return NationalInnovationTask;
    return undefined;
  },
});

export type SearchResultNode = Park | Enterprise | InnovationPlatform | Scenario | Institution | NationalInnovationTask;

export const SearchResultConnection = connectionType<SearchResultNode>(() => SearchResult, 'SearchResult', 'search result');
